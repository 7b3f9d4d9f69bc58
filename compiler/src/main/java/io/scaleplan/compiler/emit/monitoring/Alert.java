package io.scaleplan.compiler.emit.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alerting rule, with the synthetic inputs that prove where it fires.
 *
 * @param group the rule group: {@code services}, {@code postgresql} or {@code redis}
 * @param name the alert's name ({@code ScaleplanAtMaxReplicas}); several rules may share one
 * @param expr the PromQL expression; it aggregates to no labels, so an alert's labels are exactly
 *     {@code labels}
 * @param pending how long the expression must hold ({@code for})
 * @param labels severity, namespace and what the alert is about, in order
 * @param summary one line, with the plan's numbers
 * @param description what it means and what to do, with the plan's numbers
 * @param runbook the link into the plan's APPLY.md
 * @param probe the inputs at and just short of the threshold
 */
public record Alert(
        String group,
        String name,
        String expr,
        Duration pending,
        Map<String, String> labels,
        String summary,
        String description,
        String runbook,
        Probe probe) {

    public Alert {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(pending, "pending");
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(probe, "probe");
        for (String text : List.of(summary, description, runbook)) {
            if (text.contains("{{")) {
                throw new IllegalArgumentException("alert text must not be a template: " + text);
            }
        }
    }

    /** The annotations, in order: summary, description, runbook_url. */
    public Map<String, String> annotations() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("summary", summary);
        out.put("description", description);
        out.put("runbook_url", runbook);
        return out;
    }

    /**
     * Synthetic series for {@code promtool test rules}: with {@code firing} the alert fires, with
     * {@code silent} (the value just short of the threshold) it does not.
     *
     * @param threshold the threshold in words, with the plan's number ({@code current replicas ≥ 20})
     * @param firing the series at the threshold
     * @param silent the series just short of it
     */
    public record Probe(String threshold, List<Series> firing, List<Series> silent) {
        public Probe {
            Objects.requireNonNull(threshold, "threshold");
            firing = List.copyOf(firing);
            silent = List.copyOf(silent);
        }
    }

    /**
     * One input series in promtool's notation.
     *
     * @param series {@code name{label="value",...}}
     * @param values promtool's expanding notation, one sample per interval: {@code 20+0x100}
     */
    public record Series(String series, String values) {}
}
