package io.scaleplan.compiler.emit.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.Map;
import java.util.TreeMap;

/**
 * prometheus-adapter's discovery rules ({@code config.yaml}, read with {@code --config}; the
 * prometheus-community chart takes the lists as {@code rules.custom} and {@code rules.external})
 * for every Pods, Object and External metric whose source the plan declares: the series, the labels
 * that name Kubernetes resources ({@code namespace} and {@code pod} for a Pods metric, {@code
 * namespace} and the object's kind for an Object metric, none for an External one), the metric's
 * name, and the query ({@code rate()} over a counter, a gauge as it is).
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

    /** Every metric the configuration serves (Pods, Object and External), by name. */
    public static java.util.SortedSet<String> served(ScalingPlan plan) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(metrics(plan).keySet());
        out.addAll(objectMetrics(plan).keySet());
        out.addAll(externalMetrics(plan).keySet());
        return out;
    }

    /** The Object metrics whose source the plan declares, by name: the first declaration of each. */
    public static Map<String, ObjectMetric> objectMetrics(ScalingPlan plan) {
        Map<String, ObjectMetric> out = new TreeMap<>();
        for (Service s : plan.services()) {
            s.autoscaling().ifPresent(a -> a.objectMetrics().stream()
                    .filter(m -> m.source().isPresent())
                    .forEach(m -> out.putIfAbsent(m.name(), m)));
        }
        return out;
    }

    /** The External metrics whose source the plan declares, by name: the first declaration of each. */
    public static Map<String, MetricSource> externalMetrics(ScalingPlan plan) {
        Map<String, MetricSource> out = new TreeMap<>();
        for (Service s : plan.services()) {
            s.autoscaling().ifPresent(a -> a.externalMetrics().stream()
                    .filter(m -> m.source().isPresent())
                    .forEach(m -> out.putIfAbsent(m.name(), m.source().get())));
        }
        return out;
    }

    /**
     * The adapter's configuration document: {@code rules:} for the custom metrics API (Pods
     * metrics, then Object metrics, each in name order) and, when the plan has External metrics
     * with a source, {@code externalRules:} for the external metrics API.
     */
    public static ObjectNode config(ScalingPlan plan) {
        ObjectNode doc = Yaml.object();
        ArrayNode rules = doc.putArray("rules");
        metrics(plan).forEach((name, src) -> rules.add(rule(name, src)));
        objectMetrics(plan).forEach((name, m) -> rules.add(objectRule(m)));
        Map<String, MetricSource> external = externalMetrics(plan);
        if (!external.isEmpty()) {
            ArrayNode externalRules = doc.putArray("externalRules");
            external.forEach((name, src) -> externalRules.add(externalRule(name, src)));
        }
        return doc;
    }

    /**
     * An Object metric's rule: the series labelled with {@code namespace} and the object's kind in
     * lower case ({@code ingress}), that label mapped to the object's group and resource.
     */
    private static ObjectNode objectRule(ObjectMetric m) {
        MetricSource src = m.source().orElseThrow();
        String label = m.objectLabel();
        ObjectNode rule = Yaml.object();
        rule.put("seriesQuery", src.series() + "{namespace!=\"\"," + label + "!=\"\"}");
        ObjectNode overrides = rule.putObject("resources").putObject("overrides");
        overrides.putObject("namespace").put("resource", "namespace");
        ObjectNode resource = overrides.putObject(label);
        if (!m.object().group().isEmpty()) {
            resource.put("group", m.object().group());
        }
        resource.put("resource", label);
        ObjectNode name = rule.putObject("name");
        name.put("matches", "^" + src.series() + "$");
        name.put("as", m.name());
        rule.put("metricsQuery", metricsQuery(src));
        return rule;
    }

    /**
     * An External metric's rule: the series whatever its labels (not namespaced: a queue or a load
     * balancer belongs to no namespace), the HPA's selector as the label matchers, summed.
     */
    private static ObjectNode externalRule(String metric, MetricSource src) {
        ObjectNode rule = Yaml.object();
        rule.put("seriesQuery", src.series());
        rule.putObject("resources").put("namespaced", false);
        ObjectNode name = rule.putObject("name");
        name.put("matches", "^" + src.series() + "$");
        name.put("as", metric);
        String series = "<<.Series>>{<<.LabelMatchers>>}";
        rule.put(
                "metricsQuery",
                src.kind() == MetricSource.Kind.RATE
                        ? "sum(rate(" + series + "[" + RuleFiles.duration(src.window()) + "]))"
                        : "sum(" + series + ")");
        return rule;
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
