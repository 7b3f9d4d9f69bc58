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
 */
public record PodsMetric(String name, BigDecimal averageValue, Optional<MetricSource> source) {
    private static final java.util.regex.Pattern REQUEST_RATE = java.util.regex.Pattern.compile(
            "(?i).*(requests?_per_(second|sec|s)\\b|req_per_sec|(^|_)(rps|qps)($|_)).*");

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

    /** A metric whose source the plan does not declare. */
    public PodsMetric(String name, BigDecimal averageValue) {
        this(name, averageValue, Optional.empty());
    }

    /**
     * Whether the metric measures requests per second, by its name ({@code
     * http_requests_per_second}, {@code *_rps}, {@code *_qps}): its target is then a request rate
     * per pod, checked against the service's capacity and headroom.
     */
    public boolean isRequestRate() {
        return REQUEST_RATE.matcher(name).matches();
    }
}
