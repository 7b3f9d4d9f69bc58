package io.scaleplan.dsl;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An {@code External} metric of an HPA: a metric not tied to any Kubernetes object (a queue's
 * length, a load balancer's request rate), served by the external metrics API (prometheus-adapter's
 * {@code externalRules}). The HPA sums every series that matches the selector and holds the sum at
 * a {@link ValueTarget#value(long) value}, or the sum divided by the replica count at an {@link
 * ValueTarget#averageValue(long) averageValue}.
 *
 * @param name the metric name, such as {@code sqs_messages_visible}
 * @param selector the label selector ({@code matchLabels}) that picks the series; may be empty
 * @param target the value or average value the HPA holds; greater than 0
 * @param source the series it is derived from, when the plan declares it (rule SP140 asks for it)
 * @param requestRate whether the plan declares that the metric measures the service's requests per
 *     second ({@link Autoscaling.Builder#requestRate(String)})
 */
public record ExternalMetric(
        String name,
        SortedMap<String, String> selector,
        ValueTarget target,
        Optional<MetricSource> source,
        boolean requestRate) {
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern LABEL_PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** What a selector's keys and values may be, for messages. */
    static final String LABEL_RULE = "a label key is an optional DNS subdomain prefix and '/', then 1 to 63 letters,"
            + " digits, '-', '_' or '.' starting and ending with a letter or digit; a value is the same without the"
            + " prefix, or empty";

    /**
     * Checks every invariant and copies the selector into an unmodifiable sorted one. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ExternalMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        if (!Names.isMetricName(name)) {
            throw new IllegalArgumentException("not a valid metric name: " + Names.show(name));
        }
        if (target.amount().signum() <= 0) {
            throw new IllegalArgumentException("target must be greater than 0: " + target);
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!isLabelKey(e.getKey()) || !isLabelValue(e.getValue())) {
                throw new IllegalArgumentException(
                        "not a valid label: " + Names.show(e.getKey()) + "=" + Names.show(e.getValue()));
            }
        }
        selector = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(selector));
    }

    /** A metric with no declared source that is not a request rate. */
    public ExternalMetric(String name, Map<String, String> selector, ValueTarget target) {
        this(name, new TreeMap<>(selector), target, Optional.empty(), false);
    }

    /** Whether the plan declares that this metric measures the service's requests per second. */
    public boolean isRequestRate() {
        return requestRate;
    }

    /** This metric, declared (or not) as the service's request rate. */
    public ExternalMetric withRequestRate(boolean rate) {
        return new ExternalMetric(name, selector, target, source, rate);
    }

    static boolean isLabelKey(String key) {
        if (key == null) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !LABEL_PREFIX.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty()
                && name.length() <= 63
                && LABEL_NAME.matcher(name).matches();
    }

    static boolean isLabelValue(String value) {
        return value != null
                && value.length() <= 63
                && LABEL_NAME.matcher(value).matches();
    }
}
