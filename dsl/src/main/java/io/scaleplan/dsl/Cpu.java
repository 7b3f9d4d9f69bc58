package io.scaleplan.dsl;

/**
 * An amount of CPU, in millicores (1 core = 1000 millicores), as Kubernetes measures it. Make one
 * with {@link Units#cores(long)} or {@link Units#millicores(long)}.
 *
 * @param millicores the amount; never negative
 */
public record Cpu(long millicores) implements Comparable<Cpu> {

    /** Checks the amount; a plan reads better with {@link Units#millicores(long)}. */
    public Cpu {
        if (millicores < 0) {
            throw new IllegalArgumentException("CPU must not be negative: " + millicores + "m");
        }
    }

    /** Whole and fractional cores, for arithmetic and reports. */
    public double cores() {
        return millicores / 1000.0;
    }

    /** This amount times a whole factor, such as a replica count. */
    public Cpu times(long factor) {
        return new Cpu(Math.multiplyExact(millicores, factor));
    }

    @Override
    public int compareTo(Cpu other) {
        return Long.compare(millicores, other.millicores);
    }

    /** The Kubernetes quantity: {@code 500m}, {@code 2}, {@code 1500m}. */
    @Override
    public String toString() {
        return millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m";
    }
}
