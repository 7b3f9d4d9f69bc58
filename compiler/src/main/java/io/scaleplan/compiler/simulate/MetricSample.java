package io.scaleplan.compiler.simulate;

/**
 * What the metrics pipeline returns for one metric at one sync, grouped as {@code groupPods} does:
 * the ready pods' samples, summed, and the count of pods that are not ready yet (phase {@code
 * Pending}: they have no sample, and count only when the controller scales up with unready pods).
 *
 * @param readyTotalMilli Σ the ready pods' samples, in milli-units
 * @param requestPerPodMilli one pod's request for the resource, in milli-units (for utilization)
 * @param readyPods pods that are Running and Ready with a sample
 * @param unreadyPods pods that are not ready yet
 */
public record MetricSample(long readyTotalMilli, long requestPerPodMilli, int readyPods, int unreadyPods) {
    public MetricSample {
        if (readyTotalMilli < 0 || requestPerPodMilli < 0 || readyPods < 0 || unreadyPods < 0) {
            throw new IllegalArgumentException("metric sample values must not be negative");
        }
    }
}
