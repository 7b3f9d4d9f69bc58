package io.scaleplan.compiler.simulate;

import java.util.Objects;

/**
 * How a simulation runs.
 *
 * @param controller the HPA controller's flags
 * @param readySeconds seconds from a pod's creation to Running and Ready (scheduling, image pull,
 *     start-up, readiness probe)
 * @param runningUnreadySeconds of those, the last seconds the pod is Running but not yet Ready: it
 *     gets no traffic but reports samples (zero requests), which a {@code Pods} metric counts and
 *     the CPU metric leaves out; before them it is {@code Pending}, with no sample
 * @param tailSeconds seconds simulated after the profile's last point, to show the scale-down
 * @param metricsLagSeconds how old the samples the controller reads are (scrape interval, adapter
 *     and API caching): at second {@code t} pods report what they served at {@code t - lag}
 */
public record SimulationOptions(
        ControllerSettings controller,
        int readySeconds,
        int runningUnreadySeconds,
        int tailSeconds,
        int metricsLagSeconds) {

    /** Default pod readiness delay, seconds. */
    public static final int DEFAULT_READY_SECONDS = 60;

    /** Default time Running but not Ready, seconds (a readiness probe's first successes). */
    public static final int DEFAULT_RUNNING_UNREADY_SECONDS = 30;

    /** Default tail: the 300 s scale-down window and two more minutes. */
    public static final int DEFAULT_TAIL_SECONDS = 420;

    public static final SimulationOptions DEFAULTS = new SimulationOptions(
            ControllerSettings.DEFAULTS,
            DEFAULT_READY_SECONDS,
            DEFAULT_RUNNING_UNREADY_SECONDS,
            DEFAULT_TAIL_SECONDS,
            0);

    public SimulationOptions {
        Objects.requireNonNull(controller, "controller");
        if (readySeconds < 0 || runningUnreadySeconds < 0 || tailSeconds < 0 || metricsLagSeconds < 0) {
            throw new IllegalArgumentException("readiness delays, tail and metrics lag must not be negative");
        }
    }

    /** Seconds a new pod is {@code Pending}: the readiness delay less the Running-not-Ready part. */
    public int pendingSeconds() {
        return Math.max(0, readySeconds - runningUnreadySeconds);
    }

    public SimulationOptions withReadySeconds(int seconds) {
        return new SimulationOptions(controller, seconds, runningUnreadySeconds, tailSeconds, metricsLagSeconds);
    }

    public SimulationOptions withRunningUnreadySeconds(int seconds) {
        return new SimulationOptions(controller, readySeconds, seconds, tailSeconds, metricsLagSeconds);
    }

    public SimulationOptions withMetricsLagSeconds(int seconds) {
        return new SimulationOptions(controller, readySeconds, runningUnreadySeconds, tailSeconds, seconds);
    }
}
