package io.scaleplan.dsl;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path into a chart's values, as the chart's templates read it: {@code autoscaling.hpa.targetCPU}
 * is {@code .Values.autoscaling.hpa.targetCPU}. Any key a chart has is allowed, hyphenated ones
 * ({@code pod-disruption.max-unavailable}) too; a template reads those with {@code index .Values
 * "pod-disruption"}.
 *
 * @param segments the keys from the values root (or from a service's section) down, at least one
 */
public record ChartKey(List<String> segments) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ChartKey {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a chart key needs at least one segment");
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(Objects.requireNonNull(s, "segment")).matches()) {
                throw new IllegalArgumentException("not a chart values key: " + Names.show(s)
                        + " (letters, digits, '_' and '-', at most 63 characters)");
            }
        }
    }

    /** The key at a dotted path: {@code ChartKey.of("autoscaling.hpa.targetCPU")}. */
    public static ChartKey of(String dottedPath) {
        Objects.requireNonNull(dottedPath, "dottedPath");
        return new ChartKey(List.of(dottedPath.split("\\.", -1)));
    }

    /** This key below {@code prefix}: {@code cartService} + {@code resources}. */
    public ChartKey under(String prefix) {
        List<String> all = new java.util.ArrayList<>();
        all.add(prefix);
        all.addAll(segments);
        return new ChartKey(all);
    }

    /** The dotted path, as {@code helm --set} takes it: {@code autoscaling.hpa.targetCPU}. */
    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
