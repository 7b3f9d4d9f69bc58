package io.scaleplan.dsl;

/**
 * A request rate, in requests per second. Make one with {@link Units#rps(long)}.
 *
 * @param perSecond the rate; never negative
 */
public record Rps(long perSecond) implements Comparable<Rps> {

    /** Checks the amount; a plan reads better with {@link Units#rps(long)}. */
    public Rps {
        if (perSecond < 0) {
            throw new IllegalArgumentException("request rate must not be negative: " + perSecond + " rps");
        }
    }

    @Override
    public int compareTo(Rps other) {
        return Long.compare(perSecond, other.perSecond);
    }

    /** {@code 1000 rps}. */
    @Override
    public String toString() {
        return perSecond + " rps";
    }
}
