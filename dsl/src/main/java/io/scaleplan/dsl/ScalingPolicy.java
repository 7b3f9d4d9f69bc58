package io.scaleplan.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * One HPA scaling policy: at most {@code amount} pods (or percent of the current replicas) may be
 * added or removed within {@code period}.
 *
 * @param amount pods ({@link Units#pods(int)}) or a percentage ({@link Units#percent(int)}); greater
 *     than 0
 * @param period the window the amount applies to; 1 to 1800 whole seconds
 */
public record ScalingPolicy(PodAmount amount, Duration period) {
    static final long MAX_PERIOD_SECONDS = 1800;

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ScalingPolicy {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(period, "period");
        if (amount.value() <= 0) {
            throw new IllegalArgumentException("policy value must be greater than 0: " + amount);
        }
        if (!isValidPeriod(period)) {
            throw new IllegalArgumentException("policy period must be 1 to 1800 whole seconds: " + period);
        }
    }

    static boolean isValidPeriod(Duration period) {
        return period.getNano() == 0 && period.getSeconds() >= 1 && period.getSeconds() <= MAX_PERIOD_SECONDS;
    }

    /** {@code Pods} or {@code Percent}, as the API spells the policy type. */
    public String apiType() {
        return amount instanceof Percent ? "Percent" : "Pods";
    }
}
