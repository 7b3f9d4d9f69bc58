package io.scaleplan.dsl;

/**
 * A whole percentage. Make one with {@link Units#percent(int)}. It may exceed 100 where Kubernetes
 * allows it (a CPU utilization target of 150 % of the request is legal); each use checks its own
 * range.
 *
 * @param value the percentage; never negative
 */
public record Percent(int value) implements PodAmount, Comparable<Percent> {

    /** Checks the amount; a plan reads better with {@link Units#percent(int)}. */
    public Percent {
        if (value < 0) {
            throw new IllegalArgumentException("percentage must not be negative: " + value + "%");
        }
    }

    /** ceil(value × total / 100), as Kubernetes scales an int-or-percent against a pod count. */
    @Override
    public int ofPodsRoundingUp(int total) {
        return (int) Math.ceil(value * (double) total / 100.0);
    }

    @Override
    public int compareTo(Percent other) {
        return Integer.compare(value, other.value);
    }

    /** {@code 70%}. */
    @Override
    public String toString() {
        return value + "%";
    }
}
