package io.scaleplan.compiler.simulate;

/**
 * The kube-controller-manager flags the HPA controller reads, with their defaults: {@code
 * --horizontal-pod-autoscaler-sync-period} (15 s), {@code --horizontal-pod-autoscaler-tolerance}
 * (0.1) and {@code --horizontal-pod-autoscaler-downscale-stabilization} (300 s).
 *
 * @param syncSeconds seconds between two reconciles of one HPA
 * @param tolerance the band around a usage ratio of 1.0 in which no metric proposes a change
 * @param downscaleStabilizationSeconds the scale-down window of the legacy path, and of the behavior
 *     path when {@code scaleDown.stabilizationWindowSeconds} is unset
 */
public record ControllerSettings(int syncSeconds, double tolerance, int downscaleStabilizationSeconds) {

    /** The controller's defaults. */
    public static final ControllerSettings DEFAULTS = new ControllerSettings(15, 0.1, 300);

    public ControllerSettings {
        if (syncSeconds < 1) {
            throw new IllegalArgumentException("sync period must be at least 1 s: " + syncSeconds);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number of at least 0: " + tolerance);
        }
        if (downscaleStabilizationSeconds < 0) {
            throw new IllegalArgumentException(
                    "downscale stabilization must not be negative: " + downscaleStabilizationSeconds);
        }
    }

    /** Whether {@code ratio} is inside the tolerance band; both bounds inclusive, as {@code Tolerances.isWithin}. */
    boolean isWithin(double ratio) {
        return (1.0 - tolerance) <= ratio && ratio <= (1.0 + tolerance);
    }
}
