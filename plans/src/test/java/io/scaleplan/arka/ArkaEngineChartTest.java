package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.HelmRelease;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SelectPolicy;
import io.scaleplan.dsl.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arka-engine chart, rendered by Helm's own engine (helm-java bundles Helm as a native
 * library) with the values overlay scaleplan generates: its HPAs and PDBs must equal the standalone
 * manifests scaleplan generates, compared as parsed trees.
 *
 * <p>Labels differ in one documented way: the chart's objects say {@code
 * app.kubernetes.io/managed-by: Helm} and carry {@code helm.sh/chart}, scaleplan's say {@code
 * managed-by: scaleplan}. Both are dropped before comparing; the selector labels (name, instance,
 * component) must be equal, so a standalone PDB selects the chart's pods.
 */
class ArkaEngineChartTest {
    private static final Path CHART = Paths.get("src/main/helm/arka-engine").toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path temp;

    @Test
    void helmLintPasses() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    @Test
    void chartHpasAndPdbsEqualTheStandaloneManifestsOfProduction() throws IOException {
        ScalingPlan plan = new Production().define();

        assertChartMatchesStandalone(plan);
    }

    @Test
    void chartFollowsBehaviorPercentBudgetsAndFixedReplicas() throws IOException {
        ScalingPlan plan = ScalingPlan.builder("event")
                .namespace("arka-system")
                .helmRelease("arka", "./arka-engine")
                .service(ArkaEngine.USAGE_METERING, s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(10, 50)
                                .memoryUtilization(percent(75))
                                .behavior(b -> b.scaleUp(u -> u.stabilizationWindow(seconds(0))
                                                .policy(pods(4), seconds(15))
                                                .policy(percent(100), seconds(15))
                                                .select(SelectPolicy.MAX))
                                        .scaleDown(d -> d.stabilizationWindow(minutes(10)))))
                        .minAvailable(percent(50)))
                .service(ArkaEngine.POLICY_ENGINE, s -> s.replicas(3).minAvailable(2))
                .service(ArkaEngine.LICENSE_AUTHORITY, s -> s.replicas(2))
                .service(ArkaEngine.ATTESTATION_SERVICE, s -> s.replicas(0))
                .build();

        Map<String, JsonNode> chart = assertChartMatchesStandalone(plan);

        assertThat(chart.get("Deployment/policy-engine").at("/spec/replicas").asInt())
                .isEqualTo(3);
        assertThat(chart.get("Deployment/attestation-service")
                        .at("/spec/replicas")
                        .isInt())
                .isTrue();
        assertThat(chart)
                .doesNotContainKeys(
                        "HorizontalPodAutoscaler/policy-engine-hpa", "PodDisruptionBudget/license-authority-pdb");
    }

    @Test
    void typedChartValuesReachTheRenderedDeployment() throws IOException {
        ScalingPlan plan = ScalingPlan.builder("production")
                .namespace("arka-system")
                .helmRelease("arka", "./arka-engine")
                .service(ArkaEngine.USAGE_METERING, s -> s.replicas(2)
                        .values(ArkaEngine.USAGE_METERING
                                .values()
                                .imageTag("1.4.2")
                                .logLevel(ArkaEngine.LogLevel.DEBUG)
                                .imagePullPolicy(ArkaEngine.ImagePullPolicy.ALWAYS)
                                .servicePort(9090)
                                .build()))
                .build();

        String values = valuesOverlay(compile(plan));
        JsonNode deployment = render(values).get("Deployment/usage-metering");

        assertThat(values)
                .contains(
                        "usageMetering:\n  replicaCount: 2\n  autoscaling:\n    enabled: false\n    external: false\n"
                                + "  pdb:\n    create: false\n  image:\n    pullPolicy: Always\n    tag: 1.4.2\n  logLevel: debug\n  service:\n    port: 9090\n");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/arka/usage-metering:1.4.2");
        assertThat(container.at("/env/0/value").asText()).isEqualTo("debug");
        assertThat(container.path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    }

    @Test
    void helmRejectsAValuesKeyTheSchemaDoesNotDeclare() throws IOException {
        String values = valuesOverlay(compile(chartOwned(new Production().define())))
                .replace("    maxReplicas: 20\n", "    maxReplica: 20\n");
        assertThat(values).contains("maxReplica: 20");

        assertThatThrownBy(() -> render(values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("maxReplica");
    }

    /** Renders the chart with the plan's overlay and compares its HPAs and PDBs with scaleplan's. */
    private Map<String, JsonNode> assertChartMatchesStandalone(ScalingPlan plan) throws IOException {
        Compilation compilation = compile(plan);
        // One owner per object: with scaleplan's manifests (the default) the chart renders no HPA
        // or PDB, and no replicas on an autoscaled Deployment...
        Map<String, JsonNode> off = render(valuesOverlay(compilation));
        assertThat(off.keySet())
                .noneMatch(k -> k.startsWith("HorizontalPodAutoscaler/") || k.startsWith("PodDisruptionBudget/"));
        for (Service service : plan.services()) {
            assertThat(off.get("Deployment/" + service.name())
                            .at("/spec/replicas")
                            .isMissingNode())
                    .as("%s: replicas omitted exactly when an HPA owns them", service.name())
                    .isEqualTo(service.isAutoscaled());
        }
        // ...and when the chart owns them, it renders what scaleplan's manifests say.
        Compilation chartOwned = compile(chartOwned(plan));
        assertThat(chartOwned.files()).noneMatch(f -> f.path().contains("/k8s/"));
        Map<String, JsonNode> chart = render(valuesOverlay(chartOwned));
        int hpas = 0;
        int pdbs = 0;
        for (Service service : plan.services()) {
            JsonNode deployment = chart.get("Deployment/" + service.name());
            assertThat(deployment).as("Deployment of %s", service.name()).isNotNull();
            assertThat(deployment.at("/spec/replicas").isMissingNode())
                    .as("%s: replicas omitted exactly when an HPA owns them", service.name())
                    .isEqualTo(service.isAutoscaled());
            assertThat(deployment.at("/spec/template/metadata/labels"))
                    .isEqualTo(deployment.at("/spec/selector/matchLabels"));
            for (String suffix : new String[] {"-hpa", "-pdb"}) {
                String file = plan.name() + "/k8s/" + service.name() + suffix + ".yaml";
                JsonNode standalone = compilation.files().stream()
                        .filter(f -> f.path().equals(file))
                        .findFirst()
                        .map(f -> parse(f.content()))
                        .orElse(null);
                String kind = suffix.equals("-hpa") ? "HorizontalPodAutoscaler" : "PodDisruptionBudget";
                JsonNode rendered = chart.get(kind + "/" + service.name() + suffix);
                if (standalone == null) {
                    assertThat(rendered)
                            .as("%s%s not expected from the chart", service.name(), suffix)
                            .isNull();
                    continue;
                }
                assertThat(rendered)
                        .as("%s%s rendered by the chart", service.name(), suffix)
                        .isNotNull();
                assertThat(withoutOwnerLabels(rendered, "Helm"))
                        .as("%s%s", service.name(), suffix)
                        .isEqualTo(withoutOwnerLabels(standalone, "scaleplan"));
                if (suffix.equals("-hpa")) {
                    hpas++;
                } else {
                    pdbs++;
                    assertThat(rendered.at("/spec/selector/matchLabels"))
                            .isEqualTo(deployment.at("/spec/template/metadata/labels"));
                }
            }
        }
        assertThat(chart.keySet().stream().filter(k -> k.startsWith("HorizontalPodAutoscaler/")))
                .hasSize(hpas);
        assertThat(chart.keySet().stream().filter(k -> k.startsWith("PodDisruptionBudget/")))
                .hasSize(pdbs);
        return chart;
    }

    /** {@code plan} with its chart rendering the HPAs and PDBs ({@link ObjectOwner#CHART}). */
    static ScalingPlan chartOwned(ScalingPlan p) {
        return new ScalingPlan(
                p.name(),
                p.namespace(),
                new HelmRelease(p.release().name(), p.release().chart(), ObjectOwner.CHART),
                p.services(),
                p.nodePools(),
                p.databaseClients(),
                p.ruleSettings(),
                p.source(),
                p.postgres(),
                p.redis(),
                p.loadProfile());
    }

    private static Compilation compile(ScalingPlan plan) {
        Compilation compilation = new PlanCompiler().compile(plan);
        assertThat(compilation.hasErrors()).as("%s", compilation.diagnostics()).isFalse();
        return compilation;
    }

    private static String valuesOverlay(Compilation compilation) {
        return compilation.files().stream()
                .filter(f -> f.path().endsWith("/helm/arka-values.yaml"))
                .map(GeneratedFile::content)
                .findFirst()
                .orElseThrow();
    }

    /** {@code helm template arka CHART -n arka-system -f values}, by kind/name. */
    private Map<String, JsonNode> render(String values) throws IOException {
        Path file = Files.writeString(temp.resolve("arka-values.yaml"), values, StandardCharsets.UTF_8);
        String manifests = new Helm(CHART)
                .template()
                .withName("arka")
                .withNamespace("arka-system")
                .withValuesFile(file)
                .call();
        Map<String, JsonNode> byName = new HashMap<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    String key = doc.path("kind").asText() + "/"
                            + doc.at("/metadata/name").asText();
                    assertThat(byName.put(key, doc))
                            .as("rendered twice: %s", key)
                            .isNull();
                }
            }
        }
        return byName;
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The object without the labels that name its owner, after checking who that is. */
    private static JsonNode withoutOwnerLabels(JsonNode object, String managedBy) {
        ObjectNode copy = object.deepCopy();
        ObjectNode labels = (ObjectNode) copy.at("/metadata/labels");
        assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo(managedBy);
        labels.remove("app.kubernetes.io/managed-by");
        labels.remove("helm.sh/chart");
        return copy;
    }
}
