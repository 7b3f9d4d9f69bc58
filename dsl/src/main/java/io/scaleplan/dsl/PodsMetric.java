package io.scaleplan.dsl;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code Pods} metric of an HPA: a per-pod custom metric (served by a metrics adapter such as
 * prometheus-adapter) whose average across pods the HPA holds at a target value.
 *
 * @param name the metric name, such as {@code http_requests_per_second}
 * @param averageValue the target average per pod; greater than 0
 * @param source the series it is derived from, when the plan declares it (rule SP140 asks for it)
 * @param requestRate whether the plan declares that the metric measures the service's requests per
 *     second ({@link Autoscaling.Builder#requestRate(String)}); never guessed from its name
 */
public record PodsMetric(String name, BigDecimal averageValue, Optional<MetricSource> source, boolean requestRate) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public PodsMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(averageValue, "averageValue");
        Objects.requireNonNull(source, "source");
        if (!Names.isMetricName(name)) {
            throw new IllegalArgumentException("not a valid metric name: " + Names.show(name));
        }
        if (averageValue.signum() <= 0) {
            throw new IllegalArgumentException("averageValue must be greater than 0: " + averageValue.toPlainString());
        }
    }

    /** A metric whose source the plan does not declare, not declared a request rate. */
    public PodsMetric(String name, BigDecimal averageValue) {
        this(name, averageValue, Optional.empty(), false);
    }

    /** A metric not declared a request rate. */
    public PodsMetric(String name, BigDecimal averageValue, Optional<MetricSource> source) {
        this(name, averageValue, source, false);
    }

    /**
     * Whether the plan declares that the metric measures the service's requests per second ({@link
     * Autoscaling.Builder#requestRate(String)}): its target is then a request rate per pod, checked
     * against the service's capacity and headroom, and the simulator feeds it the load. Whatever
     * the metric is called: {@code http_requests_per_second} is not a request rate unless the plan
     * says so, and {@code istio_requests_rate} is one when it does.
     */
    public boolean isRequestRate() {
        return requestRate;
    }

    /** This metric, declared (or not) as the service's request rate. */
    public PodsMetric withRequestRate(boolean rate) {
        return new PodsMetric(name, averageValue, source, rate);
    }
}
