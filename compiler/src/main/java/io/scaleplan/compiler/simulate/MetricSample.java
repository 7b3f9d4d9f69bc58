package io.scaleplan.compiler.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the controller reads for one metric at one sync: every pod the HPA's selector matches, with
 * its phase, readiness, start, request and the metrics pipeline's sample for it (each a
 * milli-quantity, as {@code Quantity.MilliValue()} returns it), and when the samples were taken.
 *
 * @param pods the matched pods
 * @param sampledAt the second the samples were taken (a lagging pipeline reports older ones)
 * @param windowSeconds the window a sample covers ({@code PodMetrics.window})
 * @param totalMilli for an Object or External metric, the one value the API returns (the object's,
 *     or the sum of the external series), in milli-units; the pods then only count as ready or not
 */
public record MetricSample(List<Pod> pods, long sampledAt, int windowSeconds, OptionalLong totalMilli) {

    /** A pod's phase as the HPA distinguishes it. */
    public enum Phase {
        /** Not running yet (scheduling, image pull): no sample, never counted as ready. */
        PENDING,
        /** Running, Ready or not. */
        RUNNING,
        /** Failed or being deleted: ignored. */
        FAILED
    }

    /**
     * One pod.
     *
     * @param phase its phase
     * @param ready its {@code Ready} condition
     * @param startedAt {@code status.startTime}, in seconds
     * @param readySince the {@code Ready} condition's {@code lastTransitionTime}, in seconds
     * @param requestMilli its request for the metric's resource, in milli-units (0 for other metrics)
     * @param valueMilli its sample, in milli-units; empty when the pipeline has none for it
     */
    public record Pod(
            Phase phase, boolean ready, long startedAt, long readySince, long requestMilli, OptionalLong valueMilli) {
        public Pod {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(valueMilli, "valueMilli");
            if (requestMilli < 0 || valueMilli.orElse(0) < 0) {
                throw new IllegalArgumentException("requests and samples must not be negative");
            }
        }

        /** A Running, Ready pod started long ago with sample {@code valueMilli}. */
        public static Pod ready(long valueMilli, long requestMilli) {
            return new Pod(Phase.RUNNING, true, LONG_AGO, LONG_AGO, requestMilli, OptionalLong.of(valueMilli));
        }
    }

    /** A start time far enough back for every initialization period to be over. */
    public static final long LONG_AGO = -1_000_000;

    public MetricSample {
        pods = List.copyOf(pods);
        Objects.requireNonNull(totalMilli, "totalMilli");
        if (windowSeconds < 0) {
            throw new IllegalArgumentException("metric window must not be negative");
        }
    }

    /** Per-pod samples only, as a Resource or Pods metric has them. */
    public MetricSample(List<Pod> pods, long sampledAt, int windowSeconds) {
        this(pods, sampledAt, windowSeconds, OptionalLong.empty());
    }

    /** {@code values.length} Running, Ready pods with these samples, each requesting {@code requestMilli}. */
    public static MetricSample ofReady(long requestMilli, long... values) {
        List<Pod> pods = new ArrayList<>();
        for (long v : values) {
            pods.add(Pod.ready(v, requestMilli));
        }
        return new MetricSample(pods, 0, 15);
    }
}
