package io.scaleplan.dsl;

/**
 * An amount of memory, in bytes. Make one with {@link Units#gib(long)}, {@link Units#mib(long)},
 * {@link Units#kib(long)} or {@link Units#bytes(long)}.
 *
 * <p>A memory size is a type, never a string, because every target spells it differently:
 * Kubernetes {@code 2Gi}, PostgreSQL {@code 2GB} (whose GB means GiB) and Redis {@code 2gb} (where
 * {@code 2g} would mean 10<sup>9</sup> bytes). The compiler renders each exactly.
 *
 * @param bytes the amount; never negative
 */
public record Memory(long bytes) implements Comparable<Memory> {
    static final long KIB = 1024L;
    static final long MIB = KIB * 1024;
    static final long GIB = MIB * 1024;
    static final long TIB = GIB * 1024;

    /** Checks the amount; a plan reads better with {@link Units#mib(long)}. */
    public Memory {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + bytes + " bytes");
        }
    }

    static Memory of(long amount, long unit, String unitName) {
        if (amount < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + amount + unitName);
        }
        try {
            return new Memory(Math.multiplyExact(amount, unit));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("memory too large: " + amount + unitName, e);
        }
    }

    /** The size in mebibytes, rounded down. */
    public long mebibytes() {
        return bytes / MIB;
    }

    /** This amount times a whole factor, such as a replica count. */
    public Memory times(long factor) {
        return new Memory(Math.multiplyExact(bytes, factor));
    }

    @Override
    public int compareTo(Memory other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The largest binary unit that holds the size exactly: {@code 2Gi}, {@code 1536Mi}, {@code 100}. */
    @Override
    public String toString() {
        if (bytes == 0) {
            return "0";
        }
        if (bytes % TIB == 0) {
            return bytes / TIB + "Ti";
        }
        if (bytes % GIB == 0) {
            return bytes / GIB + "Gi";
        }
        if (bytes % MIB == 0) {
            return bytes / MIB + "Mi";
        }
        if (bytes % KIB == 0) {
            return bytes / KIB + "Ki";
        }
        return Long.toString(bytes);
    }
}
