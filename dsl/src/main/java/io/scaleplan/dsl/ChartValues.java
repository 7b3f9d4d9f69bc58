package io.scaleplan.dsl;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chart values of one service beyond those scaleplan sets itself, merged into the service's section
 * of the Helm values overlay: {@code image.tag: 1.4.2} under {@code usageMetering}. Plans do not
 * build these by hand: the typed setters generated from the chart's schema do ({@code
 * ArkaEngine.USAGE_METERING.values().imageTag("1.4.2").build()}), so a key the chart does not
 * declare fails javac.
 *
 * <p>The keys scaleplan owns ({@link #OWNED_KEYS}) are refused by {@link
 * Service.Builder#values(ChartValues)} (rule SP320): a plan states replicas, autoscaling, resources
 * and disruption budgets through the DSL, where they are checked.
 *
 * @param entries dotted paths under the service's key ({@code image.tag}) to a {@link String},
 *     {@link Boolean}, {@link Long} or {@link Double}, sorted by path
 */
public record ChartValues(Map<String, Object> entries) {

    /** The service keys scaleplan writes itself, which extra values must not touch. */
    public static final Set<String> OWNED_KEYS = Set.of("replicaCount", "autoscaling", "resources", "pdb");

    /** No extra values. */
    public static final ChartValues EMPTY = new ChartValues(Map.of());

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ChartValues {
        Objects.requireNonNull(entries, "entries");
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            String path = Objects.requireNonNull(e.getKey(), "path");
            Object value = Objects.requireNonNull(e.getValue(), path);
            checkPath(path);
            if (!(value instanceof String
                    || value instanceof Boolean
                    || value instanceof Long
                    || value instanceof Double)) {
                throw new IllegalArgumentException("not a chart value for " + path + ": "
                        + value.getClass().getName());
            }
            if (value instanceof Double d && !Double.isFinite(d)) {
                throw new IllegalArgumentException("chart value " + path + " is not a finite number: " + d);
            }
            sorted.put(path, value);
        }
        String previous = null;
        for (String path : sorted.keySet()) {
            if (previous != null && path.startsWith(previous + ".")) {
                throw new IllegalArgumentException("chart value " + path + " is inside " + previous);
            }
            previous = path;
        }
        entries = Collections.unmodifiableMap(sorted);
    }

    /** Starts an empty set of values; used by generated setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether there are no extra values. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The path's first segment if it is one of {@link #OWNED_KEYS}, else {@code null}. */
    public static String ownedKey(String path) {
        int dot = path.indexOf('.');
        String first = dot < 0 ? path : path.substring(0, dot);
        return OWNED_KEYS.contains(first) ? first : null;
    }

    /** The path's segments, each a Helm values key: {@code image.tag} → {@code [image, tag]}. */
    public static List<String> segments(String path) {
        return List.of(path.split("\\.", -1));
    }

    private static void checkPath(String path) {
        for (String segment : segments(path)) {
            if (!Names.isHelmKey(segment)) {
                throw new IllegalArgumentException("not a valid chart value path: " + Names.show(path));
            }
        }
    }

    /**
     * Collects values; the last value set for a path wins. Paths are dotted Helm values keys; a
     * malformed path is a programming error and throws.
     */
    public static final class Builder {
        private final Map<String, Object> entries = new TreeMap<>();

        Builder() {}

        /** Sets a string value. */
        public Builder put(String path, String value) {
            return set(path, value);
        }

        /** Sets an integer value. */
        public Builder put(String path, long value) {
            return set(path, value);
        }

        /** Sets a number value. */
        public Builder put(String path, double value) {
            return set(path, value);
        }

        /** Sets a boolean value. */
        public Builder put(String path, boolean value) {
            return set(path, value);
        }

        private Builder set(String path, Object value) {
            Objects.requireNonNull(value, path);
            checkPath(path);
            entries.put(path, value);
            return this;
        }

        /** The values set so far. */
        public ChartValues build() {
            return new ChartValues(entries);
        }
    }
}
