package io.scaleplan.compiler.emit.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alerting rule, with the synthetic inputs that prove where it fires.
 *
 * <p>A rule is either about one thing (a PostgreSQL release, a Redis release): its expression
 * aggregates to no labels and its labels and texts are exactly {@code labels}, {@code summary} and
 * {@code description}; or it covers every service of the plan by label ({@link #ruleLabels} and
 * {@link #ruleAnnotations} differ): its expression yields one series per service that breaks the
 * plan's number for it (the plan's series, {@link PlanSeries}), labelled {@code namespace}, {@code
 * scaleplan_plan}, {@code service} (and {@code metric}), and its texts are templates of those
 * labels ({@code {{ $labels.service }}}) and of the value ({@code {{ $value }}}, an integer of the
 * plan's). Then {@code labels}, {@code summary} and {@code description} are the alert as it fires
 * for the probe's service, the one promtool's test expects.
 *
 * @param group the rule group: {@code services}, {@code postgresql} or {@code redis}
 * @param name the alert's name ({@code ScaleplanAtMaxReplicas}); several rules may share one
 * @param expr the PromQL expression
 * @param pending how long the expression must hold ({@code for})
 * @param labels severity, namespace and what the alert is about, in order, as it fires for the probe
 * @param summary one line, with the plan's numbers, as it fires for the probe
 * @param description what it means and what to do, with the plan's numbers, as it fires for the probe
 * @param runbook the link into the plan's APPLY.md
 * @param probe the inputs at and just short of the threshold
 * @param ruleLabels the labels the rule adds
 * @param ruleAnnotations the rule's annotations: summary, description and runbook_url
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
        Probe probe,
        Map<String, String> ruleLabels,
        Map<String, String> ruleAnnotations) {

    /** The only templates an annotation may hold: a label of the series, or its value. */
    private static final java.util.regex.Pattern TEMPLATE =
            java.util.regex.Pattern.compile("\\{\\{ \\$(labels\\.[a-z_]+|value) }}");

    /** A rule about one thing: labels and texts as they are. */
    public Alert(
            String group,
            String name,
            String expr,
            Duration pending,
            Map<String, String> labels,
            String summary,
            String description,
            String runbook,
            Probe probe) {
        this(
                group,
                name,
                expr,
                pending,
                labels,
                summary,
                description,
                runbook,
                probe,
                labels,
                Map.of("summary", summary, "description", description, "runbook_url", runbook));
    }

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
        ruleLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ruleLabels));
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        for (String key : List.of("summary", "description", "runbook_url")) {
            String text = Objects.requireNonNull(ruleAnnotations.get(key), key);
            if (TEMPLATE.matcher(text).replaceAll("").contains("{{")) {
                throw new IllegalArgumentException("not a template of a label or the value: " + text);
            }
            ordered.put(key, text);
        }
        ruleAnnotations = java.util.Collections.unmodifiableMap(ordered);
    }

    /**
     * {@code template} as Prometheus fills it for a series with {@code labels} and {@code value}
     * (an integer: Prometheus prints it without a fraction).
     */
    static String fill(String template, Map<String, String> labels, long value) {
        java.util.regex.Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String what = m.group(1);
            String filled = what.equals("value")
                    ? Long.toString(value)
                    : Objects.requireNonNull(labels.get(what.substring("labels.".length())), what);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(filled));
        }
        m.appendTail(out);
        return out.toString();
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
