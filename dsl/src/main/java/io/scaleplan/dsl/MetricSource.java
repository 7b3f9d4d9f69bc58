package io.scaleplan.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a {@link PodsMetric} comes from: the series in Prometheus that a metrics adapter
 * (prometheus-adapter) turns into the per-pod metric the HPA reads. Without it the HPA's metric
 * does not exist and the HPA reports the runbook's "Metrics not available".
 *
 * <pre>{@code
 * a.podsMetric("http_requests_per_second", 750, MetricSource.rate("http_requests_total"))
 * }</pre>
 *
 * compiles to the adapter rule
 *
 * <pre>{@code
 * - seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
 *   name: {matches: ^http_requests_total$, as: http_requests_per_second}
 *   metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)
 * }</pre>
 *
 * @param kind how the series becomes the metric
 * @param series the series the application exports, with {@code namespace} and {@code pod} labels
 * @param window the range of {@code rate()} for a counter; zero for a gauge
 */
public record MetricSource(Kind kind, String series, Duration window) {

    /** The window of {@link #rate(String)}: four scrapes at Prometheus's common 30 s interval. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

    /** How the application's series becomes the HPA's metric. */
    public enum Kind {
        /** A counter, per second over a window: {@code rate(series[window])}. */
        RATE,
        /** A gauge, as it is. */
        GAUGE
    }

    /**
     * Checks every invariant. Plans use the factories, whose arguments the autoscale builder
     * checks and reports with their source line before they get here.
     */
    public MetricSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(window, "window");
        if (!Names.isMetricName(series) || series.contains(".") || series.contains("-")) {
            throw new IllegalArgumentException("not a valid Prometheus series name: " + Names.show(series));
        }
        if (kind == Kind.RATE && (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0)) {
            throw new IllegalArgumentException("rate window must be whole seconds, at least 1: " + window);
        }
        if (kind == Kind.GAUGE && !window.isZero()) {
            throw new IllegalArgumentException("a gauge has no window: " + window);
        }
    }

    /**
     * A counter the application exports, per second over {@link #DEFAULT_WINDOW}: {@code
     * rate("http_requests_total")} gives {@code http_requests_per_second}.
     */
    public static MetricSource rate(String counter) {
        return rate(counter, DEFAULT_WINDOW);
    }

    /** A counter per second over {@code window} (whole seconds, at least 1): {@code rate("http_requests_total", minutes(1))}. */
    public static MetricSource rate(String counter, Duration window) {
        return new MetricSource(Kind.RATE, counter, window);
    }

    /** A gauge the application exports, averaged per pod as it is: {@code gauge("queue_depth")}. */
    public static MetricSource gauge(String series) {
        return new MetricSource(Kind.GAUGE, series, Duration.ZERO);
    }
}
