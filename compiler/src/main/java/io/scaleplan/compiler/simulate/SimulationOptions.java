package io.scaleplan.compiler.simulate;

import java.util.Objects;

/**
 * How a simulation runs.
 *
 * @param controller the HPA controller's flags
 * @param readySeconds seconds from a pod's creation to Running and Ready (scheduling, image pull,
 *     start-up, readiness probe); until then it is {@code Pending}: no traffic, no metrics
 * @param tailSeconds seconds simulated after the profile's last point, to show the scale-down
 */
public record SimulationOptions(ControllerSettings controller, int readySeconds, int tailSeconds) {

    /** Default pod readiness delay, seconds. */
    public static final int DEFAULT_READY_SECONDS = 60;

    /** Default tail: the 300 s scale-down window and two more minutes. */
    public static final int DEFAULT_TAIL_SECONDS = 420;

    public static final SimulationOptions DEFAULTS =
            new SimulationOptions(ControllerSettings.DEFAULTS, DEFAULT_READY_SECONDS, DEFAULT_TAIL_SECONDS);

    public SimulationOptions {
        Objects.requireNonNull(controller, "controller");
        if (readySeconds < 0 || tailSeconds < 0) {
            throw new IllegalArgumentException("readiness delay and tail must not be negative");
        }
    }

    public SimulationOptions withReadySeconds(int seconds) {
        return new SimulationOptions(controller, seconds, tailSeconds);
    }
}
