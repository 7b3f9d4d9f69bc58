package io.scaleplan.compiler.emit.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.monitoring.Alert.Series;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.ScalingPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts as Prometheus reads them: the rule groups (a plain rule file, and the spec of a
 * prometheus-operator {@code PrometheusRule}), and a {@code promtool test rules} file that feeds
 * each alert its probe: it fires at the threshold and stays silent just short of it.
 */
public final class RuleFiles {
    /** The file the promtool tests load, beside them. */
    public static final String RULES = "alerts.rules.yaml";

    private RuleFiles() {}

    /**
     * {@code groups:}: the plan's series ({@link PlanSeries}) first, then one group per kind of
     * alert, each named after the release.
     */
    public static ArrayNode groups(ScalingPlan plan, List<PlanSeries.Recording> recordings, List<Alert> alerts) {
        Map<String, ArrayNode> byGroup = new LinkedHashMap<>();
        ArrayNode groups = Yaml.array();
        if (!recordings.isEmpty()) {
            ObjectNode group = groups.addObject();
            group.put("name", groupName(plan, PlanSeries.GROUP));
            ArrayNode rules = group.putArray("rules");
            for (PlanSeries.Recording r : recordings) {
                ObjectNode rule = rules.addObject();
                rule.put("record", r.record());
                rule.put("expr", r.expr());
                ObjectNode labels = rule.putObject("labels");
                r.labels().forEach(labels::put);
            }
        }
        for (Alert a : alerts) {
            ArrayNode rules = byGroup.computeIfAbsent(a.group(), g -> {
                ObjectNode group = groups.addObject();
                group.put("name", groupName(plan, g));
                return group.putArray("rules");
            });
            ObjectNode rule = rules.addObject();
            rule.put("alert", a.name());
            rule.put("expr", a.expr());
            rule.put("for", duration(a.pending()));
            ObjectNode labels = rule.putObject("labels");
            a.ruleLabels().forEach(labels::put);
            ObjectNode annotations = rule.putObject("annotations");
            a.ruleAnnotations().forEach(annotations::put);
        }
        return groups;
    }

    /** {@code scaleplan-arka-services}. */
    static String groupName(ScalingPlan plan, String group) {
        return "scaleplan-" + plan.release().name() + "-" + group;
    }

    /** The plain rule file: {@code groups: ...}. */
    public static ObjectNode ruleFile(ScalingPlan plan, List<PlanSeries.Recording> recordings, List<Alert> alerts) {
        ObjectNode doc = Yaml.object();
        doc.set("groups", groups(plan, recordings, alerts));
        return doc;
    }

    /**
     * The {@code promtool test rules} file: per rule, one test at its threshold and one just short
     * of it; a rule over every service is tested on its probe's service (the first in name order
     * the rule applies to), whose numbers are the plan's series that the rule file records.
     */
    public static ObjectNode tests(List<Alert> alerts) {
        ObjectNode doc = Yaml.object();
        doc.putArray("rule_files").add(RULES);
        doc.put("evaluation_interval", Alerts.PROBE_STEP_SECONDS + "s");
        ArrayNode tests = doc.putArray("tests");
        for (Alert a : alerts) {
            String about = a.name() + " " + String.join(" ", subject(a));
            tests.add(test(
                    about + ": fires at " + a.probe().threshold(), a, a.probe().firing(), true));
            tests.add(test(about + ": silent just short of it", a, a.probe().silent(), false));
        }
        return doc;
    }

    private static List<String> subject(Alert a) {
        return a.labels().entrySet().stream()
                .filter(e -> !List.of("severity", "namespace", "scaleplan_plan").contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static ObjectNode test(String name, Alert a, List<Series> series, boolean fires) {
        ObjectNode test = Yaml.object();
        test.put("name", name);
        test.put("interval", Alerts.PROBE_STEP_SECONDS + "s");
        ArrayNode input = test.putArray("input_series");
        for (Series s : series) {
            ObjectNode in = input.addObject();
            in.put("series", s.series());
            in.put("values", s.values());
        }
        ObjectNode check = test.putArray("alert_rule_test").addObject();
        // past the alert's pending time plus the longest window (10m)
        check.put("eval_time", duration(a.pending().plusMinutes(10)));
        check.put("alertname", a.name());
        ArrayNode expected = check.putArray("exp_alerts");
        if (fires) {
            ObjectNode alert = expected.addObject();
            ObjectNode labels = alert.putObject("exp_labels");
            a.labels().forEach(labels::put);
            ObjectNode annotations = alert.putObject("exp_annotations");
            a.annotations().forEach(annotations::put);
        }
        return test;
    }

    /** A duration as Prometheus writes it: {@code 15m}, {@code 1h}, {@code 90s}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
