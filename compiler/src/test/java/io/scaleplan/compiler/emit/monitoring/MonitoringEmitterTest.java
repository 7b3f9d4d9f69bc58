package io.scaleplan.compiler.emit.monitoring;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.diff.FileDiff;
import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.ScalingPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The monitoring target: thresholds from the plan, moved by the plan, and deterministic. */
class MonitoringEmitterTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static ScalingPlan plan(int maxReplicas, int maxConnections) {
        return ScalingPlan.builder("prod")
                .namespace("arka-system")
                .helmRelease("arka", "./arka-engine")
                .service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, maxReplicas)
                                .cpuUtilization(percent(70))
                                .podsMetric("http_requests_per_second", 700, MetricSource.rate("http_requests_total"))
                                .requestRate("http_requests_per_second"))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(1_000))
                        .connectionPoolSize(4))
                .postgres(pg -> pg.limits(cores(4), gib(16)).maxConnections(maxConnections))
                .redis(r -> r.maxmemory(gib(2)).evictionPolicy(EvictionPolicy.ALLKEYS_LRU))
                .build();
    }

    private static Map<String, String> files(ScalingPlan plan) {
        var c = new PlanCompiler().compile(plan);
        assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
        return c.files().stream()
                .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> exprs(String rulesYaml) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode group : YAML.readTree(rulesYaml).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (!rule.has("alert")) {
                    continue;
                }
                JsonNode labels = rule.get("labels");
                String key = rule.get("alert").asText() + "/"
                        + labels.path("service").asText()
                        + labels.path("metric").asText()
                        + labels.path("setting").asText();
                out.put(key, rule.get("expr").asText());
            }
        }
        return out;
    }

    @Test
    void thresholdsAreThePlansNumbers() throws Exception {
        String rules = files(plan(20, 300)).get("prod/monitoring/alerts.rules.yaml");
        Map<String, String> e = exprs(rules);
        // the services' alerts: one rule each, over every service, against the plan's series
        String plan = "{namespace=\"arka-system\",scaleplan_plan=\"prod\"}";
        assertThat(e.get("ScaleplanAtMaxReplicas/"))
                .isEqualTo("scaleplan_plan:max_replicas" + plan + " <= on (namespace, service) group_left max by"
                        + " (namespace, service) (label_replace(kube_horizontalpodautoscaler_status_current_replicas"
                        + "{namespace=\"arka-system\"}, \"service\", \"$1\", \"horizontalpodautoscaler\","
                        + " \"(.+)-hpa\"))");
        assertThat(e.get("ScaleplanUnmetDemand/cpu"))
                .startsWith("scaleplan_plan:max_replicas" + plan + " < on (namespace, service) group_left ()")
                .endsWith(" / on (namespace, service) scaleplan_plan:cpu_target_cores" + plan + ")");
        assertThat(e.get("ScaleplanUnmetDemand/"))
                .startsWith(
                        "scaleplan_service:pods_metric_source" + plan + " / scaleplan_plan:pods_metric_target" + plan);
        assertThat(e.get("ScaleplanLoadAboveReadyCapacity/"))
                .startsWith("scaleplan_service:load_rps" + plan + " > on (namespace, service) group_left ()")
                .contains("* on (namespace, service) scaleplan_plan:capacity_per_pod_rps" + plan);
        assertThat(e.get("ScaleplanHeadroomBelowPlan/"))
                .startsWith("scaleplan_service:load_rps" + plan + " * scaleplan_plan:headroom" + plan + " > ");
        // whose numbers are the plan's: 20 pods, 70 % of 1 core, 700 per pod, 1,000 rps per pod, 1.3
        assertThat(recordings(rules))
                .containsEntry("scaleplan_plan:max_replicas/usage-metering", "vector(20)")
                .containsEntry("scaleplan_plan:cpu_target_cores/usage-metering", "vector(0.7)")
                .containsEntry("scaleplan_plan:pods_metric_target/usage-metering", "vector(700)")
                .containsEntry("scaleplan_plan:capacity_per_pod_rps/usage-metering", "vector(1000)")
                .containsEntry("scaleplan_plan:headroom/usage-metering", "vector(1.3)")
                .containsEntry(
                        "scaleplan_service:load_rps/usage-metering",
                        "sum(rate(http_requests_total{namespace=\"arka-system\","
                                + "pod=~\"usage-metering-[a-z0-9]+-[a-z0-9]+\"}[2m]))");
        // and the tests' probes sit at those numbers: 20 × 0.7 cores, 20 × 700
        String tests = files(plan(20, 300)).get("prod/monitoring/alerts.test.yaml");
        assertThat(tests)
                .contains("ScaleplanAtMaxReplicas usage-metering: fires at current replicas >= maxReplicas 20")
                .contains("ScaleplanUnmetDemand usage-metering cpu: fires at CPU cores used > 14 (20 × 0.7)")
                .contains("fires at http_requests_per_second total > 14000 (20 × 700)");
        // 80 % of max_connections 300; the budget: (20 + 5 surge) × 4 + 3 reserved
        assertThat(e.get("ScaleplanPostgresConnectionsNearMax/")).endsWith(") >= 240");
        assertThat(e.get("ScaleplanPostgresConnectionsAboveBudget/")).endsWith(") > 103");
        assertThat(e.get("ScaleplanPostgresSettingPendingRestart/max_connections"))
                .isEqualTo(
                        "max(pg_settings_max_connections{namespace=\"arka-system\",pod=~\"postgresql-[0-9]+\"}) != 300");
        assertThat(e.get("ScaleplanPostgresSettingPendingRestart/shared_buffers"))
                .endsWith(") != 4294967296");
        // 90 % of 2 GiB, rounded up
        assertThat(e.get("ScaleplanRedisMemoryNearMaxmemory/")).endsWith(") >= 1932735284");
    }

    @Test
    void maxReplicasAndMaxConnectionsMoveTheAlertsAndTheDashboardInTheSameDiff() {
        OutputDiff diff = OutputDiff.compare(files(plan(20, 300)), files(plan(50, 500)));
        Map<String, List<String>> changes = new TreeMap<>();
        for (FileDiff f : diff.files()) {
            changes.put(f.path(), f.describe());
        }
        assertThat(changes)
                .containsKeys(
                        "prod/k8s/usage-metering-hpa.yaml",
                        "prod/sql/10-settings.sql",
                        "prod/monitoring/prometheus-rule.yaml",
                        "prod/monitoring/alerts.rules.yaml",
                        "prod/monitoring/alerts.test.yaml",
                        "prod/monitoring/grafana-dashboard.json");
        String rule = String.join("\n", changes.get("prod/monitoring/prometheus-rule.yaml"));
        assertThat(rule)
                .contains(") >= 240 → sum(")
                .contains(") >= 400")
                .contains(") > 103 → sum(")
                .contains(") > 255")
                .contains("!= 300 → max(")
                .contains("!= 500")
                // the plan's series the dashboard draws for the picked $service
                .contains("spec.groups[name=scaleplan-arka-plan].rules[record=scaleplan_plan:max_replicas].expr:"
                        + " vector(20) → vector(50)");
        String dashboard = String.join("\n", changes.get("prod/monitoring/grafana-dashboard.json"));
        assertThat(dashboard)
                .contains("\"expr\": \"vector(300)\", →           \"expr\": \"vector(500)\",")
                .contains("\"expr\": \"vector(103)\", →           \"expr\": \"vector(255)\",");
    }

    @Test
    void everyAlertHasAProbeOnEachSideAndTheTextsTheNumbers() throws Exception {
        List<Alert> alerts = Alerts.of(ResolvedPlan.of(plan(20, 300)), "generated/prod/APPLY.md#watch");
        assertThat(alerts)
                .extracting(Alert::name)
                .contains(
                        "ScaleplanAtMaxReplicas",
                        "ScaleplanUnmetDemand",
                        "ScaleplanLoadAboveReadyCapacity",
                        "ScaleplanHeadroomBelowPlan",
                        "ScaleplanHpaMetricsUnavailable",
                        "ScaleplanPodsMetricSourceMissing",
                        "ScaleplanPostgresConnectionsNearMax",
                        "ScaleplanPostgresConnectionsAboveBudget",
                        "ScaleplanPostgresSettingPendingRestart",
                        "ScaleplanRedisMemoryNearMaxmemory",
                        "ScaleplanRedisEvictionsRising");
        for (Alert a : alerts) {
            assertThat(a.probe().silent()).as(a.name()).isNotEqualTo(a.probe().firing());
            assertThat(a.runbook()).isEqualTo("generated/prod/APPLY.md#watch");
        }
        Alert atMax = alerts.get(0);
        assertThat(atMax.probe().firing()).singleElement().satisfies(s -> assertThat(s.values())
                .isEqualTo("20+0x100"));
        assertThat(atMax.probe().silent()).singleElement().satisfies(s -> assertThat(s.values())
                .isEqualTo("19+0x100"));
        assertThat(atMax.summary()).contains("maxReplicas (20)");
        JsonNode tests = YAML.readTree(files(plan(20, 300)).get("prod/monitoring/alerts.test.yaml"))
                .get("tests");
        assertThat(tests).hasSize(2 * alerts.size());
        for (int i = 0; i < tests.size(); i += 2) {
            assertThat(tests.get(i).at("/alert_rule_test/0/exp_alerts")).hasSize(1);
            assertThat(tests.get(i + 1).at("/alert_rule_test/0/exp_alerts")).isEmpty();
        }
    }

    @Test
    void anEventPhaseLinksItsOwnApplyAndThePostEventPhaseTheBasePlans() {
        var event = io.scaleplan.dsl.EventPlan.builder("sale", plan(20, 300))
                .preScale(
                        Duration.ofHours(1),
                        p -> p.service("usage-metering", s -> s.replicas(5).maxReplicas(40)))
                .postEvent(Duration.ofHours(1))
                .build();
        Map<String, String> out = new TreeMap<>();
        new PlanCompiler().compile(event).files().forEach(f -> out.put(f.path(), f.content()));
        assertThat(out.get("sale/01-pre-scale/monitoring/alerts.rules.yaml"))
                .contains("runbook_url: \"generated/sale/01-pre-scale/APPLY.md#watch\"")
                .contains("expr: \"vector(40)\"");
        assertThat(out.get("sale/03-post-event/monitoring/alerts.rules.yaml"))
                .isEqualTo(files(plan(20, 300)).get("prod/monitoring/alerts.rules.yaml"));
        assertThat(out.get("sale/01-pre-scale/APPLY.md"))
                .contains("kubectl apply -f generated/sale/01-pre-scale/monitoring/prometheus-rule.yaml")
                .contains("`ScaleplanAtMaxReplicas`");
    }

    @Test
    void theDashboardIsJsonWithTheMarkerOnItsFirstLineAndIsDeterministic() throws Exception {
        String a = files(plan(20, 300)).get("prod/monitoring/grafana-dashboard.json");
        String b = files(plan(20, 300)).get("prod/monitoring/grafana-dashboard.json");
        assertThat(a).isEqualTo(b);
        assertThat(a.lines().findFirst().orElseThrow()).startsWith("{ \"description\": \"Generated by scaleplan");
        JsonNode d = new ObjectMapper().readTree(a);
        assertThat(d.get("schemaVersion").asInt()).isEqualTo(Dashboard.SCHEMA_VERSION);
        assertThat(d.get("uid").asText()).isEqualTo("scaleplan-arka-arka-system");
        List<String> exprs = new ArrayList<>();
        d.get("panels").forEach(p -> p.path("targets")
                .forEach(t -> exprs.add(t.get("expr").asText())));
        assertThat(exprs).contains("vector(300)", "vector(2147483648)").doesNotContain("vector(20)");
        // the service's numbers are the plan's series, picked by $service
        assertThat(exprs)
                .contains("sum(scaleplan_plan:max_replicas{namespace=\"$namespace\",scaleplan_plan=\"prod\","
                        + "service=\"$service\"})");
        Map<String, String> series = recordings(files(plan(20, 300)).get("prod/monitoring/alerts.rules.yaml"));
        assertThat(series)
                .containsEntry("scaleplan_plan:min_replicas/usage-metering", "vector(3)")
                .containsEntry("scaleplan_plan:max_replicas/usage-metering", "vector(20)")
                .containsEntry("scaleplan_plan:cpu_target_cores/usage-metering", "vector(0.7)")
                .containsEntry("scaleplan_plan:capacity_per_pod_rps/usage-metering", "vector(1000)")
                .containsEntry("scaleplan_plan:pods_metric_target/usage-metering", "vector(700)");
    }

    @Test
    void theDashboardHasOneSetOfPanelsRepeatedOverServiceWhateverTheirNumber() throws Exception {
        JsonNode one = dashboard(services(1));
        JsonNode forty = dashboard(services(40));
        assertThat(forty.get("panels")).isEqualTo(one.get("panels"));
        JsonNode row = one.get("panels").get(1);
        assertThat(row.get("type").asText()).isEqualTo("row");
        assertThat(row.get("repeat").asText()).isEqualTo("service");
        assertThat(one.get("templating").get("list").findValuesAsText("name"))
                .containsExactly("datasource", "namespace", "service");
        // while the plan's series grow with them
        assertThat(recordings(files(services(40)).get("p/monitoring/alerts.rules.yaml")))
                .containsEntry("scaleplan_plan:max_replicas/s39", "vector(10)");
    }

    @Test
    void theServicesAlertsAndTheirTestsDoNotGrowWithTheServices() throws Exception {
        Map<String, String> one = files(services(1));
        Map<String, String> forty = files(services(40));
        assertThat(exprs(forty.get("p/monitoring/alerts.rules.yaml")))
                .isEqualTo(exprs(one.get("p/monitoring/alerts.rules.yaml")))
                .containsOnlyKeys(
                        "ScaleplanAtMaxReplicas/", "ScaleplanUnmetDemand/cpu", "ScaleplanHpaMetricsUnavailable/");
        assertThat(YAML.readTree(forty.get("p/monitoring/alerts.test.yaml")).get("tests"))
                .isEqualTo(
                        YAML.readTree(one.get("p/monitoring/alerts.test.yaml")).get("tests"));
    }

    private static ScalingPlan services(int n) {
        var b = ScalingPlan.builder("p").namespace("ns").helmRelease("r", "./chart");
        for (int i = 0; i < n; i++) {
            b.service("s" + i, s -> s.requests(cores(1), gib(1))
                    .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                    .maxUnavailable(pods(1)));
        }
        return b.build();
    }

    private static JsonNode dashboard(ScalingPlan plan) throws Exception {
        return new ObjectMapper().readTree(files(plan).get(plan.name() + "/monitoring/grafana-dashboard.json"));
    }

    /** {@code record/service} → expr of the plan's series. */
    private static Map<String, String> recordings(String rulesYaml) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode group : YAML.readTree(rulesYaml).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("record")) {
                    out.put(
                            rule.get("record").asText() + "/"
                                    + rule.get("labels").get("service").asText(),
                            rule.get("expr").asText());
                }
            }
        }
        return out;
    }

    @Test
    void aSourceSeriesMustBeAPrometheusName() {
        assertThatThrownBy(() -> MetricSource.rate("http-requests"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid Prometheus series name");
        assertThatThrownBy(() -> MetricSource.rate("x\"} or vector(1) #")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSource.rate("http_requests_total", Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
    }
}
