package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * The machine (or pod) PostgreSQL is tuned for: PgTune's "CPUs", "total memory" and "data
 * storage". When the primary's resource limits are given, vCPUs and memory come from them.
 *
 * @param vcpus the CPUs PostgreSQL may use; empty when not known (PgTune then emits no parallel
 *     settings)
 * @param memory the memory PostgreSQL may use; at least 512 MiB, PgTune's minimum
 * @param storage the storage the data lives on
 * @param fromLimits whether vCPUs and memory were taken from the primary's resource limits
 */
public record PostgresInstance(Optional<Integer> vcpus, Memory memory, StorageType storage, boolean fromLimits) {

    /** The most vCPUs tuned for: PostgreSQL caps max_parallel_workers at 1024. */
    public static final int MAX_VCPUS = 1024;

    /** The most memory tuned for: derived settings (shared_buffers a quarter of it) stay in range. */
    public static final Memory MAX_MEMORY = new Memory(4L << 40);

    /** PgTune's smallest memory input: 512 MB. */
    public static final Memory MIN_MEMORY = Units.mib(512);

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public PostgresInstance {
        Objects.requireNonNull(vcpus, "vcpus");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(storage, "storage");
        vcpus.ifPresent(v -> {
            if (v < 1) {
                throw new IllegalArgumentException("vcpus must be at least 1: " + v);
            }
        });
        if (memory.compareTo(MIN_MEMORY) < 0) {
            throw new IllegalArgumentException("memory must be at least 512Mi: " + memory);
        }
        if (memory.bytes() % 1024 != 0) {
            throw new IllegalArgumentException("memory must be a whole number of KiB: " + memory.bytes() + " bytes");
        }
    }

    /** The CPUs of a CPU limit: whole cores, rounded down; empty below one core. */
    static Optional<Integer> vcpusOf(Cpu limit) {
        long whole = limit.millicores() / 1000;
        return whole < 1 ? Optional.empty() : Optional.of((int) Math.min(whole, Integer.MAX_VALUE));
    }
}
