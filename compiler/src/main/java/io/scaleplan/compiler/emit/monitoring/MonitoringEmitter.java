package io.scaleplan.compiler.emit.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code monitoring} target: what to watch while the plan is live, with the plan's numbers.
 *
 * <ul>
 *   <li>{@code monitoring/prometheus-rule.yaml}: a prometheus-operator {@code PrometheusRule}
 *       ({@code <release>-scaleplan}, so that applying a phase replaces the one before);
 *   <li>{@code monitoring/alerts.rules.yaml}: the same groups as a plain Prometheus rule file;
 *   <li>{@code monitoring/alerts.test.yaml}: {@code promtool test rules} for every alert, at and
 *       just short of its threshold;
 *   <li>{@code monitoring/prometheus-adapter.yaml}: prometheus-adapter's rules for the Pods metrics
 *       whose source the plan declares;
 *   <li>{@code monitoring/grafana-dashboard.json}: the dashboard.
 * </ul>
 */
public final class MonitoringEmitter implements Target {
    /** The output folder, under the plan's. */
    public static final String DIR = "monitoring";
    /** The files the watch step of APPLY.md names. */
    public static final String PROMETHEUS_RULE = DIR + "/prometheus-rule.yaml";

    public static final String RULES = DIR + "/" + RuleFiles.RULES;
    public static final String TESTS = DIR + "/alerts.test.yaml";
    public static final String ADAPTER = DIR + "/prometheus-adapter.yaml";
    public static final String DASHBOARD = DIR + "/grafana-dashboard.json";

    /** The target's name. */
    public static final String NAME = "monitoring";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The documents of {@code plan}, under {@code monitoring/}; {@code folder} is the folder the plan
     * is applied from ({@code black-friday/01-pre-scale} for an event's phase), which the alerts'
     * runbook links and the dashboard name.
     */
    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        String root = folder.root();
        String header = Headers.comment("#", plan);
        List<Document> out = new ArrayList<>();
        List<Alert> alerts = Alerts.of(resolved, runbook(folder));
        if (!alerts.isEmpty()) {
            List<PlanSeries.Recording> series = PlanSeries.of(plan);
            out.add(Document.tree(
                    NAME,
                    "PrometheusRule",
                    ruleName(plan),
                    PROMETHEUS_RULE,
                    header,
                    prometheusRule(plan, series, alerts)));
            out.add(Document.tree(
                    NAME,
                    "PrometheusRuleFile",
                    "alerts.rules",
                    RULES,
                    header,
                    RuleFiles.ruleFile(plan, series, alerts)));
            out.add(Document.tree(
                    NAME,
                    "PromtoolTests",
                    "alerts.test",
                    TESTS,
                    header + "# Run: promtool test rules " + folder.command(TESTS) + "\n",
                    RuleFiles.tests(alerts)));
            // alerts exist where there is something to chart: an autoscaled service or a data tier
            out.add(Document.text(NAME, "GrafanaDashboard", DASHBOARD, Dashboard.render(resolved, root)));
        }
        if (!AdapterRules.served(plan).isEmpty()) {
            out.add(Document.tree(
                    NAME,
                    "PrometheusAdapterConfig",
                    "prometheus-adapter",
                    ADAPTER,
                    header + "# prometheus-adapter --config (prometheus-community/prometheus-adapter chart:"
                            + " the list under rules.custom"
                            + (AdapterRules.externalMetrics(plan).isEmpty()
                                    ? ""
                                    : "," + " externalRules under rules.external")
                            + ")\n",
                    AdapterRules.config(plan)));
        }
        return out;
    }

    private static String ruleName(ScalingPlan plan) {
        return plan.release().name() + "-scaleplan";
    }

    /** The link every alert carries: the watch section of the APPLY.md the plan is applied with. */
    static String runbook(PlanFolder folder) {
        return folder.command("APPLY.md#watch");
    }

    /** The {@code PrometheusRule} object. */
    static ObjectNode prometheusRule(ScalingPlan plan, List<PlanSeries.Recording> series, List<Alert> alerts) {
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "monitoring.coreos.com/v1");
        doc.put("kind", "PrometheusRule");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", ruleName(plan));
        metadata.put("namespace", plan.namespace());
        ObjectNode labels = metadata.putObject("labels");
        if (plan.release().isPlainManifests()) {
            labels.put("app.kubernetes.io/name", plan.name());
        } else {
            labels.put("app.kubernetes.io/name", plan.release().chartName());
            labels.put("app.kubernetes.io/instance", plan.release().name());
        }
        labels.put("app.kubernetes.io/managed-by", "scaleplan");
        doc.putObject("spec").set("groups", RuleFiles.groups(plan, series, alerts));
        return doc;
    }

    /**
     * The watch notes of APPLY.md for its {@code documents}: load the alerts,
     * import the dashboard, install the adapter rules, and the alerts' names. Empty without
     * monitoring files.
     */
    @Override
    public String watchNotes(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        ScalingPlan plan = resolved.plan();
        String dir = folder.dir();
        List<String> paths = documents.stream().map(Document::path).toList();
        if (!paths.contains(PROMETHEUS_RULE)) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append("Alerts and the dashboard, with this plan's thresholds (see docs/monitoring.md):\n\n```bash\n");
        md.append("kubectl apply -f ").append(dir).append(PROMETHEUS_RULE).append('\n');
        md.append("promtool test rules ").append(dir).append(TESTS).append('\n');
        md.append("```\n\n");
        md.append("- Grafana: import `")
                .append(dir)
                .append(DASHBOARD)
                .append("` (")
                .append(Dashboard.title(plan))
                .append("); its annotations mark this apply.\n");
        if (paths.contains(ADAPTER)) {
            md.append("- prometheus-adapter: `")
                    .append(dir)
                    .append(ADAPTER)
                    .append("` serves ")
                    .append(String.join(", ", AdapterRules.served(plan)))
                    .append(" to the HPAs.\n");
        }
        md.append("- Look at: ").append(lookAt(resolved)).append(".\n");
        md.append("- Alerts: ");
        md.append(String.join(
                ", ",
                Alerts.of(resolved, runbook(folder)).stream()
                        .map(a -> "`" + a.name() + "`")
                        .distinct()
                        .toList()));
        md.append(".\n\n");
        return md.toString();
    }

    /** What the dashboard should show with this plan live, in its numbers. */
    private static String lookAt(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<String> out = new ArrayList<>();
        out.add("each service's replicas against its HPA's range and its load against the ready pods' capacity (the"
                + " plan's numbers are the dashed lines)");
        resolved.connections()
                .filter(b -> b.database().isBitnami())
                .ifPresent(b -> out.add("PostgreSQL connections below "
                        + Alerts.atShare(Alerts.CONNECTIONS_SHARE, b.maxConnections()) + " ("
                        + Alerts.percent(Alerts.CONNECTIONS_SHARE) + "% of max_connections " + b.maxConnections()
                        + ") and the budget " + b.total()));
        plan.redis()
                .filter(io.scaleplan.dsl.Redis::isBitnami)
                .flatMap(io.scaleplan.dsl.Redis::maxmemory)
                .ifPresent(m -> out.add("Redis memory below "
                        + Alerts.percent(Alerts.REDIS_MEMORY_SHARE) + "% of maxmemory "
                        + KubeValues.redisMemory(m)));
        return String.join("; ", out);
    }
}
