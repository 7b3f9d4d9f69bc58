package io.scaleplan.compiler.emit.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.Map;
import java.util.TreeMap;

/**
 * prometheus-adapter's discovery rules ({@code config.yaml}, read with {@code --config}; the
 * prometheus-community chart takes the list as {@code rules.custom}) for every Pods metric whose
 * source the plan declares: the series, its {@code namespace} and {@code pod} labels as the
 * Kubernetes resources, the metric's name, and the query ({@code rate()} over a counter, a gauge as
 * it is).
 */
public final class AdapterRules {
    private AdapterRules() {}

    /** The metrics the rules serve, by name: each with its source. Empty when no metric declares one. */
    public static Map<String, MetricSource> metrics(ScalingPlan plan) {
        Map<String, MetricSource> out = new TreeMap<>();
        for (Service s : plan.services()) {
            s.autoscaling().ifPresent(a -> {
                for (PodsMetric m : a.podsMetrics()) {
                    m.source().ifPresent(src -> out.putIfAbsent(m.name(), src));
                }
            });
        }
        return out;
    }

    /** The adapter's configuration document: {@code rules:}, one per metric, in name order. */
    public static ObjectNode config(ScalingPlan plan) {
        ObjectNode doc = Yaml.object();
        ArrayNode rules = doc.putArray("rules");
        metrics(plan).forEach((name, src) -> rules.add(rule(name, src)));
        return doc;
    }

    /** The adapter's PromQL template of a source: {@code sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)}. */
    public static String metricsQuery(MetricSource src) {
        String series = "<<.Series>>{<<.LabelMatchers>>}";
        return (src.kind() == MetricSource.Kind.RATE
                        ? "sum(rate(" + series + "[" + RuleFiles.duration(src.window()) + "]))"
                        : "sum(" + series + ")")
                + " by (<<.GroupBy>>)";
    }

    private static ObjectNode rule(String metric, MetricSource src) {
        ObjectNode rule = Yaml.object();
        rule.put("seriesQuery", src.series() + "{namespace!=\"\",pod!=\"\"}");
        ObjectNode overrides = rule.putObject("resources").putObject("overrides");
        overrides.putObject("namespace").put("resource", "namespace");
        overrides.putObject("pod").put("resource", "pod");
        ObjectNode name = rule.putObject("name");
        name.put("matches", "^" + src.series() + "$");
        name.put("as", metric);
        rule.put("metricsQuery", metricsQuery(src));
        return rule;
    }
}
