package io.scaleplan.dsl;

/**
 * A whole number of pods. Make one with {@link Units#pods(int)}.
 *
 * @param value the count; never negative
 */
public record PodCount(int value) implements PodAmount {

    /** Checks the amount; a plan reads better with {@link Units#pods(int)}. */
    public PodCount {
        if (value < 0) {
            throw new IllegalArgumentException("pod count must not be negative: " + value);
        }
    }

    @Override
    public int ofPodsRoundingUp(int total) {
        return value;
    }

    @Override
    public String toString() {
        return value + (value == 1 ? " pod" : " pods");
    }
}
