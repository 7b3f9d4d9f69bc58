package io.scaleplan.compiler.simulate;

/**
 * The kube-controller-manager flags the HPA controller reads, with their defaults: {@code
 * --horizontal-pod-autoscaler-sync-period} (15 s), {@code --horizontal-pod-autoscaler-tolerance}
 * (0.1), {@code --horizontal-pod-autoscaler-downscale-stabilization} (300 s), {@code
 * --horizontal-pod-autoscaler-cpu-initialization-period} (300 s) and {@code
 * --horizontal-pod-autoscaler-initial-readiness-delay} (30 s).
 *
 * @param syncSeconds seconds between two reconciles of one HPA
 * @param tolerance the band around a usage ratio of 1.0 in which no metric proposes a change; an
 *     HPA's {@code behavior.scaleUp/scaleDown.tolerance} replaces it per direction
 * @param downscaleStabilizationSeconds the scale-down window of the legacy path, and of the behavior
 *     path when {@code scaleDown.stabilizationWindowSeconds} is unset
 * @param cpuInitializationSeconds how long after a pod starts its CPU samples are distrusted
 *     unless it is Ready and a full metric window has passed since it became so
 * @param initialReadinessDelaySeconds after the initialization period, how long after its start a
 *     pod's first readiness change still counts as "never ready yet"
 */
public record ControllerSettings(
        int syncSeconds,
        double tolerance,
        int downscaleStabilizationSeconds,
        int cpuInitializationSeconds,
        int initialReadinessDelaySeconds) {

    /** The controller's defaults. */
    public static final ControllerSettings DEFAULTS = new ControllerSettings(15, 0.1, 300);

    public ControllerSettings {
        if (syncSeconds < 1) {
            throw new IllegalArgumentException("sync period must be at least 1 s: " + syncSeconds);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number of at least 0: " + tolerance);
        }
        if (downscaleStabilizationSeconds < 0 || cpuInitializationSeconds < 0 || initialReadinessDelaySeconds < 0) {
            throw new IllegalArgumentException("controller periods must not be negative");
        }
    }

    /** The given sync period, tolerance and window, with the default CPU initialization period and readiness delay. */
    public ControllerSettings(int syncSeconds, double tolerance, int downscaleStabilizationSeconds) {
        this(syncSeconds, tolerance, downscaleStabilizationSeconds, 300, 30);
    }

    /** The same settings with another cluster-wide tolerance. */
    public ControllerSettings withTolerance(double newTolerance) {
        return new ControllerSettings(
                syncSeconds,
                newTolerance,
                downscaleStabilizationSeconds,
                cpuInitializationSeconds,
                initialReadinessDelaySeconds);
    }
}
