package io.scaleplan.compiler.simulate;

/**
 * The usage-ratio band inside which a metric proposes no change ({@code Tolerances} in {@code
 * replica_calculator.go}): {@code [1 - scaleDown, 1 + scaleUp]}, both bounds inclusive.
 *
 * @param scaleDown how far below 1.0 the ratio may fall
 * @param scaleUp how far above 1.0 the ratio may rise
 */
public record Tolerances(double scaleDown, double scaleUp) {

    /** Whether {@code ratio} is inside the band. */
    public boolean isWithin(double ratio) {
        return (1.0 - scaleDown) <= ratio && ratio <= (1.0 + scaleUp);
    }
}
