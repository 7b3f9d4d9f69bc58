package io.scaleplan.compiler.chart;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Real charts no one here wrote (test resources {@code charts/}, see SOURCES.md there), rendered by
 * Helm's engine with the overlay scaleplan generates: every value of the plan is in a rendered
 * object, or in a standalone object whose selector matches the rendered pods; a value the chart
 * ignores fails the compile with a diagnostic naming the key.
 */
class ThirdPartyChartsIT {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    private static final String BOUTIQUE = "src/test/resources/charts/online-boutique";
    private static final String NGINX = "src/test/resources/charts/bitnami/nginx";

    /** Online Boutique keeps each service's resources under its key and has no HPA, PDB or replicas. */
    private static final ChartLayout BOUTIQUE_LAYOUT = ChartLayout.builder("online-boutique")
            .perService()
            .resources("resources")
            .build();

    private static ScalingPlan boutique(int fixedCount) {
        return ScalingPlan.builder("boutique")
                .namespace("shop")
                .helmRelease("boutique", BOUTIQUE)
                .chartLayout(BOUTIQUE_LAYOUT)
                .service("cartservice", s -> s.helmKey("cartService")
                        .requests(millicores(300), mib(256))
                        .limits(millicores(600), mib(512))
                        .autoscale(a -> a.replicas(2, 8).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .service("frontend", s -> s.helmKey("frontend")
                        .requests(millicores(200), mib(128))
                        .autoscale(a ->
                                a.replicas(3, 12).cpuUtilization(percent(60)).memoryUtilization(percent(80)))
                        .minAvailable(pods(2)))
                .service("emailservice", s -> s.helmKey("emailService")
                        .requests(millicores(100), mib(64))
                        .replicas(fixedCount))
                .build();
    }

    @Test
    void onlineBoutiqueCarriesEveryValueOrScaleplanWritesItWithTheRenderedSelector() throws Exception {
        ScalingPlan plan = boutique(1);
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Map<String, JsonNode> objects = render(plan, c);
        JsonNode cart = objects.get("Deployment/cartservice");
        assertThat(cart.at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("300m");
        assertThat(cart.at("/spec/template/spec/containers/0/resources/limits/memory")
                        .asText())
                .isEqualTo("512Mi");
        assertThat(objects.get("Deployment/frontend")
                        .at("/spec/template/spec/containers/0/resources/requests/memory")
                        .asText())
                .isEqualTo("128Mi");
        assertThat(objects.get("Deployment/emailservice").at("/spec/replicas").isMissingNode())
                .as("no spec.replicas: the API server's 1")
                .isTrue();
        // the chart has no HPA or PDB templates: scaleplan writes them, selecting the rendered pods
        assertThat(objects.keySet())
                .noneMatch(k -> k.startsWith("HorizontalPodAutoscaler/") || k.startsWith("PodDisruptionBudget/"));
        JsonNode hpa = doc(c, "boutique/k8s/frontend-hpa.yaml");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("frontend");
        assertThat(objects)
                .containsKey("Deployment/" + hpa.at("/spec/scaleTargetRef/name").asText());
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(12);
        JsonNode pdb = doc(c, "boutique/k8s/cartservice-pdb.yaml");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(Yaml.object().put("app", "cartservice"));
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(ChartOracle.selects(pdb.at("/spec/selector/matchLabels"), cart.at("/spec/template/metadata/labels")))
                .isTrue();
        assertThat(doc(c, "boutique/k8s/frontend-pdb.yaml").at("/spec/selector/matchLabels"))
                .isEqualTo(Yaml.object().put("app", "frontend"));
    }

    @Test
    void aFixedCountOnlineBoutiqueHasNoKeyForIsCarriedByAPostRendererThatKubectlKustomizeApplies() throws Exception {
        ScalingPlan plan = boutique(3);
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        String dir = "boutique/helm/boutique-post-render/";
        assertThat(paths(c))
                .filteredOn(p -> p.startsWith(dir))
                .containsExactlyInAnyOrder(
                        dir + "emailservice-replicas.yaml", dir + "kustomization.yaml", dir + "post-render.sh");
        assertThat(doc(c, dir + "kustomization.yaml").at("/patches/0/target").toString())
                .isEqualTo("{\"kind\":\"Deployment\",\"name\":\"emailservice\"}");
        assertThat(c.files().stream()
                        .filter(f -> f.path().equals("boutique/APPLY.md"))
                        .findFirst()
                        .orElseThrow()
                        .content())
                .contains("-f generated/boutique/helm/boutique-values.yaml --post-renderer sh --post-renderer-args"
                        + " generated/boutique/helm/boutique-post-render/post-render.sh");

        // what helm upgrade --post-renderer does: the chart's manifests through the generated script
        Path out = tmp.resolve("generated");
        for (GeneratedFile f : c.files()) {
            Path p = out.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
        }
        Map<String, JsonNode> rendered = render(plan, c);
        assertThat(rendered.get("Deployment/emailservice").at("/spec/replicas").isMissingNode())
                .as("the chart alone runs 1 pod")
                .isTrue();
        Map<String, JsonNode> patched = postRender(out.resolve(dir + "post-render.sh"), rendered);

        assertThat(patched.get("Deployment/emailservice").at("/spec/replicas").asInt())
                .isEqualTo(3);
        assertThat(patched.get("Deployment/emailservice")
                        .at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("100m");
        assertThat(patched.get("Deployment/cartservice").at("/spec/replicas").isMissingNode())
                .as("only the fixed count is patched; the HPA owns cartservice's")
                .isTrue();
        assertThat(patched.keySet()).isEqualTo(rendered.keySet());
    }

    @Test
    void aFixedCountOnOneReplicaNeedsNoPostRenderer() {
        Compilation c = new PlanCompiler().compile(boutique(1));

        assertThat(paths(c)).noneMatch(p -> p.contains("post-render"));
    }

    @Test
    void aReplicaKeyTheChartDoesNotReadStillFailsNamingTheKeyAndTemplate() {
        ScalingPlan plan = ScalingPlan.builder("boutique")
                .namespace("shop")
                .helmRelease("boutique", BOUTIQUE)
                .chartLayout(ChartLayout.builder("online-boutique-guess")
                        .perService()
                        .replicaCount("replicas")
                        .resources("resources")
                        .build())
                .service("emailservice", s -> s.helmKey("emailService").replicas(3))
                .build();

        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.ruleId()).isEqualTo("SP314");
                    assertThat(d.element()).hasToString("boutique · emailservice");
                    assertThat(d.message())
                            .isEqualTo("replicas(3) does not reach the chart: the overlay writes"
                                    + " emailService.replicas = 3, but Deployment/emailservice"
                                    + " (onlineboutique/templates/emailservice.yaml) renders no spec.replicas"
                                    + " (Kubernetes makes it 1)");
                });
    }

    /** Runs the generated post-renderer as Helm does: the rendered manifests on its input. */
    static Map<String, JsonNode> postRender(Path script, Map<String, JsonNode> rendered) throws Exception {
        StringBuilder manifests = new StringBuilder();
        for (JsonNode d : rendered.values()) {
            manifests.append("---\n").append(Yaml.render("", d));
        }
        Process p;
        try {
            p = new ProcessBuilder("sh", script.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "sh is not installed");
            throw e;
        }
        try (var in = p.getOutputStream()) {
            in.write(manifests.toString().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                err.contains("kubectl: not found") || err.contains("kubectl: command not found"),
                "kubectl is not installed");
        assertThat(p.exitValue()).as(err).isZero();
        Map<String, JsonNode> byName = new TreeMap<>();
        try (var docs = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(out)) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                byName.put(
                        d.path("kind").asText() + "/" + d.at("/metadata/name").asText(), d);
            }
        }
        return byName;
    }

    private static ScalingPlan nginx(ChartLayout layout, ObjectOwner owner, boolean autoscaled) {
        return ScalingPlan.builder("web")
                .namespace("web")
                .helmRelease("nginx", NGINX)
                .chartLayout(layout)
                .scalingObjects(owner)
                .service("nginx", s -> {
                    s.requests(cores(1), mib(512)).limits(cores(2), gib(1)).minAvailable(pods(1));
                    if (autoscaled) {
                        s.autoscale(a ->
                                a.replicas(2, 6).cpuUtilization(percent(65)).memoryUtilization(percent(75)));
                    } else {
                        s.replicas(3);
                    }
                })
                .build();
    }

    @Test
    void bitnamiNginxRendersThePlansHpaPdbAndResourcesWhenItOwnsThem() throws Exception {
        ScalingPlan plan = nginx(ChartLayout.BITNAMI_FLAT, ObjectOwner.CHART, true);
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(paths(c)).noneMatch(p -> p.contains("/k8s/"));
        Map<String, JsonNode> objects = render(plan, c);
        JsonNode hpa = objects.get("HorizontalPodAutoscaler/nginx");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("nginx");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
        assertThat(hpa.at("/spec/metrics").toString())
                .contains("\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":65}")
                .contains("\"name\":\"memory\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":75}");
        JsonNode pdb = objects.get("PodDisruptionBudget/nginx");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/maxUnavailable").isMissingNode()).isTrue();
        JsonNode deployment = objects.get("Deployment/nginx");
        assertThat(ChartOracle.selects(
                        pdb.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels")))
                .isTrue();
        assertThat(deployment
                        .at("/spec/template/spec/containers/0/resources/limits/memory")
                        .asText())
                .isEqualTo("1Gi");
    }

    @Test
    void bitnamiNginxWithAFixedCountAndScaleplansPdbSelectingTheRenderedPods() throws Exception {
        ScalingPlan plan = nginx(ChartLayout.BITNAMI_FLAT, ObjectOwner.SCALEPLAN, false);
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Map<String, JsonNode> objects = render(plan, c);
        assertThat(objects.get("Deployment/nginx").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(objects).doesNotContainKeys("PodDisruptionBudget/nginx", "HorizontalPodAutoscaler/nginx");
        JsonNode pdb = doc(c, "web/k8s/nginx-pdb.yaml");
        ObjectNode expected = Yaml.object();
        expected.put("app.kubernetes.io/instance", "nginx");
        expected.put("app.kubernetes.io/name", "nginx");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(expected);
        assertThat(ChartOracle.selects(
                        pdb.at("/spec/selector/matchLabels"),
                        objects.get("Deployment/nginx").at("/spec/template/metadata/labels")))
                .isTrue();
    }

    @Test
    void bitnamiNginxWithScaleplansHpaKeepsTheChartsOff() throws Exception {
        ScalingPlan plan = nginx(ChartLayout.BITNAMI_FLAT, ObjectOwner.SCALEPLAN, true);
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Map<String, JsonNode> objects = render(plan, c);
        assertThat(objects).doesNotContainKeys("PodDisruptionBudget/nginx", "HorizontalPodAutoscaler/nginx");
        assertThat(doc(c, "web/k8s/nginx-hpa.yaml").at("/spec/maxReplicas").asInt())
                .isEqualTo(6);
        assertThat(objects.get("Deployment/nginx").at("/spec/replicas").asInt())
                .as("replicaCount is the HPA's minimum")
                .isEqualTo(2);
    }

    @Test
    void theWrongBitnamiLayoutFailsTheCompileNamingTheKeysNginxIgnores() {
        Compilation c = new PlanCompiler().compile(nginx(ChartLayout.BITNAMI, ObjectOwner.CHART, true));

        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::ruleId, Diagnostic::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "SP314",
                        "the chart nginx renders no HorizontalPodAutoscaler for Deployment/nginx: the overlay writes"
                                + " autoscaling.hpa.enabled = true, but no template reads it"));
    }

    @Test
    void aChartThatDoesNotRenderTheServiceFailsTheCompile() {
        ScalingPlan plan = ScalingPlan.builder("web")
                .helmRelease("web", NGINX)
                .chartLayout(ChartLayout.BITNAMI_FLAT)
                .service("nginx-typo", s -> s.replicas(2))
                .build();

        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics())
                .extracting(Diagnostic::message)
                .contains(
                        "the chart nginx renders no Deployment named nginx-typo with the overlay (it renders Deployment/web-nginx)");
    }

    @Test
    void theArkaChartInTheRepositoryCarriesAPlanAndItsSchemaRefusesAServiceItDoesNotHave() {
        ScalingPlan.Builder plan = ScalingPlan.builder("production")
                .namespace("arka-system")
                .helmRelease("arka", "plans/src/main/helm/arka-engine")
                .service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .service("policy-engine", s -> s.replicas(2));

        assertThat(new PlanCompiler().compile(plan.build()).diagnostics())
                .filteredOn(Diagnostic::isError)
                .isEmpty();
        Compilation c = new PlanCompiler()
                .compile(plan.service("not-in-the-chart", s -> s.replicas(1)).build());
        assertThat(c.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.ruleId()).isEqualTo("SP315");
                    assertThat(d.message()).contains("notInTheChart");
                });
    }

    @Test
    void aValueTheChartsSchemaRejectsFailsTheCompileWithHelmsMessage() {
        ScalingPlan plan = ScalingPlan.builder("production")
                .namespace("arka-system")
                .helmRelease("arka", "plans/src/main/helm/arka-engine")
                .chartLayout(ChartLayout.builder("wrong")
                        .perService()
                        .replicaCount("replicas")
                        .build())
                .service("policy-engine", s -> s.replicas(2))
                .build();

        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("SP315");
            assertThat(d.message())
                    .startsWith("helm template arka plans/src/main/helm/arka-engine -f production/helm/arka-values.yaml"
                            + " fails: values don't meet the specifications of the schema(s)")
                    .contains("replicas");
        });
    }

    private static List<String> paths(Compilation c) {
        return c.files().stream().map(GeneratedFile::path).toList();
    }

    static JsonNode doc(Compilation c, String path) throws Exception {
        String content = c.files().stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in " + paths(c)))
                .content();
        return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(content);
    }

    /** The chart rendered by Helm's engine with the overlay the compile wrote, by kind/name. */
    static Map<String, JsonNode> render(ScalingPlan plan, Compilation c) throws Exception {
        String overlay = c.files().stream()
                .filter(f ->
                        f.path().equals(plan.name() + "/helm/" + plan.release().name() + "-values.yaml"))
                .findFirst()
                .orElseThrow()
                .content();
        Optional<Path> chart =
                ChartLocator.fromWorkingDirectory().find(plan.release().chart());
        Map<String, JsonNode> out = new TreeMap<>();
        for (RenderedObject o :
                new ChartRenderer().render(chart.orElseThrow(), plan.release().name(), plan.namespace(), overlay)) {
            out.put(o.kind() + "/" + o.name(), o.document());
        }
        return out;
    }
}
