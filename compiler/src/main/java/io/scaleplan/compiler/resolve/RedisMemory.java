package io.scaleplan.compiler.resolve;

import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.Redis;
import java.util.Objects;
import java.util.Optional;

/**
 * Redis memory against its container: {@code maxmemory}, the memory limit, the share of one in the
 * other, and the largest maxmemory that leaves room for a BGSAVE fork and replication buffers.
 *
 * @param redis the plan's Redis
 * @param maxmemory its maxmemory, if set
 * @param limit its container's memory limit, if set
 * @param safeShare the share of the limit that is safe
 */
public record RedisMemory(Redis redis, Optional<Memory> maxmemory, Optional<Memory> limit, Percent safeShare) {

    public RedisMemory {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(maxmemory, "maxmemory");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(safeShare, "safeShare");
    }

    /** The memory facts of {@code redis}. */
    public static RedisMemory of(Redis redis) {
        return new RedisMemory(redis, redis.maxmemory(), redis.resources().memoryLimit(), redis.safeMemoryShare());
    }

    /** maxmemory as a percentage of the limit, when both are set. */
    public Optional<Double> shareOfLimit() {
        if (maxmemory.isEmpty() || limit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(100.0 * maxmemory.get().bytes() / limit.get().bytes());
    }

    /** The largest safe maxmemory: the safe share of the limit, when there is a limit. */
    public Optional<Memory> safeMaxmemory() {
        return limit.map(
                l -> new Memory(l.bytes() / 100 * safeShare.value() + l.bytes() % 100 * safeShare.value() / 100));
    }

    /** Whether maxmemory is above the safe share of the limit. */
    public boolean unsafe() {
        return maxmemory.isPresent()
                && safeMaxmemory().map(s -> maxmemory.get().bytes() > s.bytes()).orElse(false);
    }
}
