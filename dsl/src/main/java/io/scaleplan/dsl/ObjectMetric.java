package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code Object} metric of an HPA: a metric of one Kubernetes object in the service's namespace
 * (an Ingress's requests per second, a queue's length published on a Service), served by the custom
 * metrics API. With a {@link ValueTarget.Kind#VALUE Value} target the HPA proposes {@code
 * ceil(ready pods × value / target)}; with an {@link ValueTarget.Kind#AVERAGE_VALUE AverageValue}
 * target, {@code ceil(value / target)}.
 *
 * @param object the object the metric describes
 * @param name the metric name, such as {@code requests_per_second}
 * @param target the value or average value the HPA holds; greater than 0
 * @param source the series it is derived from, labelled with {@code namespace} and the object's kind
 *     in lower case ({@code ingress}), when the plan declares it (rule SP140 asks for it)
 * @param requestRate whether the plan declares that the metric measures the service's requests per
 *     second ({@link Autoscaling.Builder#requestRate(String)})
 */
public record ObjectMetric(
        DescribedObject object, String name, ValueTarget target, Optional<MetricSource> source, boolean requestRate) {

    /**
     * Checks every invariant. Plans use the builders, which report a wrong value with its source
     * line before it gets here.
     */
    public ObjectMetric {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        object.problem().ifPresent(p -> {
            throw new IllegalArgumentException("described object: " + p);
        });
        if (!Names.isMetricName(name)) {
            throw new IllegalArgumentException("not a valid metric name: " + Names.show(name));
        }
        if (target.amount().signum() <= 0) {
            throw new IllegalArgumentException("target must be greater than 0: " + target);
        }
    }

    /** A metric with no declared source that is not a request rate. */
    public ObjectMetric(DescribedObject object, String name, ValueTarget target) {
        this(object, name, target, Optional.empty(), false);
    }

    /** Whether the plan declares that this metric measures the service's requests per second. */
    public boolean isRequestRate() {
        return requestRate;
    }

    /** This metric, declared (or not) as the service's request rate. */
    public ObjectMetric withRequestRate(boolean rate) {
        return new ObjectMetric(object, name, target, source, rate);
    }

    /** The label of the source series naming the object: its kind in lower case, {@code ingress}. */
    public String objectLabel() {
        return object.kind().toLowerCase(java.util.Locale.ROOT);
    }
}
