package io.scaleplan.dsl;

import java.util.Optional;

/**
 * An autoscaler's replica range: the HPA's {@code minReplicas} and {@code maxReplicas}. This is
 * the one place that decides what a range may be ({@code 1 <= min <= max}); the builders report
 * the same problems as diagnostics ({@link RuleId#INVALID_REPLICAS}, {@link
 * RuleId#MIN_EXCEEDS_MAX}) before a range is made.
 *
 * @param min the fewest replicas; at least 1
 * @param max the most replicas; at least {@code min}
 */
public record Replicas(int min, int max) {

    /** Rejects a range the API server would reject, with the message the builders report. */
    public Replicas {
        Optional<String> problem = belowOne("minReplicas", min)
                .or(() -> belowOne("maxReplicas", max))
                .or(() -> minAboveMax(min, max));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * Why {@code count} cannot be one end of a range ({@link RuleId#INVALID_REPLICAS}), if it
     * cannot: {@code minReplicas must be at least 1, was 0}.
     */
    public static Optional<String> belowOne(String field, int count) {
        return count < 1 ? Optional.of(field + " must be at least 1, was " + count) : Optional.empty();
    }

    /**
     * Why {@code min} and {@code max} are in the wrong order ({@link RuleId#MIN_EXCEEDS_MAX}), if
     * they are: {@code minReplicas (30) must not exceed maxReplicas (20)}.
     */
    public static Optional<String> minAboveMax(int min, int max) {
        return min > max
                ? Optional.of("minReplicas (" + min + ") must not exceed maxReplicas (" + max + ")")
                : Optional.empty();
    }

    /** This range with another minimum. */
    public Replicas withMin(int newMin) {
        return new Replicas(newMin, max);
    }

    /** This range with another maximum. */
    public Replicas withMax(int newMax) {
        return new Replicas(min, newMax);
    }

    /** Whether {@code count} lies in the range. */
    public boolean contains(int count) {
        return count >= min && count <= max;
    }

    /** {@code 3..20}. */
    @Override
    public String toString() {
        return min + ".." + max;
    }
}
