package io.scaleplan.dsl;

import java.util.Objects;

/**
 * What one pod of a service can serve, and the headroom the plan keeps above the expected load.
 * The runbook's formula: required pods = ceil(expected rps / rps per pod × headroom).
 *
 * @param perPod the requests per second one pod serves at its limit
 * @param headroom the factor kept above the expected load; at least 1.0, default {@value
 *     #DEFAULT_HEADROOM}
 * @param source where the capacity was declared
 */
public record Capacity(Rps perPod, double headroom, SourceLocation source) {

    /** The runbook's headroom factor. */
    public static final double DEFAULT_HEADROOM = 1.3;

    /** The largest headroom factor a plan may declare. */
    public static final double MAX_HEADROOM = 100.0;

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Capacity {
        Objects.requireNonNull(perPod, "perPod");
        Objects.requireNonNull(source, "source");
        if (perPod.perSecond() <= 0) {
            throw new IllegalArgumentException("capacity per pod must be greater than 0: " + perPod);
        }
        if (!(headroom >= 1.0) || !(headroom <= MAX_HEADROOM)) {
            throw new IllegalArgumentException("headroom must be 1.0 to 100: " + headroom);
        }
    }

    /**
     * The pods needed to serve {@code load} with this headroom: ceil(load / perPod × headroom),
     * computed so that 5,000 rps at 1,000 per pod × 1.3 is exactly 6.5, hence 7 pods.
     */
    public int requiredPods(Rps load) {
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(load.perSecond())
                .multiply(java.math.BigDecimal.valueOf(headroom))
                .divide(java.math.BigDecimal.valueOf(perPod.perSecond()), 12, java.math.RoundingMode.HALF_EVEN);
        java.math.BigDecimal pods = exact.setScale(0, java.math.RoundingMode.CEILING);
        // saturate: a load no replica count can serve still reads as "needs more than maxReplicas"
        return pods.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                ? Integer.MAX_VALUE
                : pods.intValueExact();
    }
}
