package io.scaleplan.compiler;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.Golden;
import io.scaleplan.testing.StrictKubernetes;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {
    private final PlanCompiler compiler = new PlanCompiler();

    private Map<String, String> files(ScalingPlan plan) {
        Compilation c = compiler.compile(plan);
        assertThat(c.diagnostics()).isEmpty();
        Map<String, String> out = new TreeMap<>();
        c.files().forEach(f -> out.put(f.path(), f.content()));
        return out;
    }

    @Test
    void showcaseMatchesItsGoldenFiles() {
        Golden.assertMatches(compiler.compile(Fixtures.showcase()).files());
    }

    @Test
    void metricsMatchesItsGoldenFiles() {
        Golden.assertMatches(compiler.compile(Fixtures.metrics()).files());
    }

    @Test
    void everyMetricTypeParsesStrictlyIntoTheKubernetesModel() {
        Map<String, String> files = files(Fixtures.metrics());
        HorizontalPodAutoscaler orders = StrictKubernetes.hpa(files.get("metrics/k8s/orders-hpa.yaml"));
        var object = orders.getSpec().getMetrics().get(0).getObject();
        assertThat(object.getDescribedObject().getKind()).isEqualTo("Ingress");
        assertThat(object.getMetric().getName()).isEqualTo("q");
        assertThat(object.getTarget().getAverageValue()).isEqualTo(new Quantity("70"));
        var external = orders.getSpec().getMetrics().get(1).getExternal();
        assertThat(external.getMetric().getSelector().getMatchLabels()).containsExactly(Map.entry("queue", "orders"));
        assertThat(external.getTarget().getType()).isEqualTo("AverageValue");
        HorizontalPodAutoscaler gateway = StrictKubernetes.hpa(files.get("metrics/k8s/gateway-hpa.yaml"));
        var container = gateway.getSpec().getMetrics().get(1).getContainerResource();
        assertThat(container.getContainer()).isEqualTo("istio-proxy");
        assertThat(container.getTarget().getAverageValue()).isEqualTo(new Quantity("200Mi"));
        assertThat(gateway.getSpec().getMetrics())
                .extracting(m -> m.getType())
                .containsExactly("ContainerResource", "ContainerResource", "Pods");
    }

    @Test
    void minimalMatchesItsGoldenFiles() {
        Golden.assertMatches(compiler.compile(Fixtures.minimal()).files());
    }

    @Test
    void statefulMatchesItsGoldenFiles() {
        Compilation c = compiler.compile(Fixtures.stateful());
        assertThat(c.diagnostics()).isEmpty();
        Golden.assertMatches(c.files());
    }

    @Test
    void aStatefulSetsHpaAndPdbParseStrictlyAndNameTheStatefulSet() {
        Map<String, String> files = files(Fixtures.stateful());
        HorizontalPodAutoscaler hpa = StrictKubernetes.hpa(files.get("stateful/k8s/ledger-hpa.yaml"));
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("ledger");
        assertThat(StrictKubernetes.hpa(files.get("stateful/k8s/api-hpa.yaml"))
                        .getSpec()
                        .getScaleTargetRef()
                        .getKind())
                .isEqualTo("Deployment");
        PodDisruptionBudget pdb = StrictKubernetes.pdb(files.get("stateful/k8s/ledger-pdb.yaml"));
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "ledger");
        assertThat(StrictKubernetes.pdb(files.get("stateful/k8s/search-pdb.yaml"))
                        .getSpec()
                        .getMinAvailable())
                .isEqualTo(new IntOrString(2));
        assertThat(files).doesNotContainKey("stateful/k8s/search-hpa.yaml");
    }

    @Test
    void dataTierOfSeveralInstancesMatchesItsGoldenFiles() {
        Golden.assertMatches(compiler.compile(Fixtures.dataTier()).files());
    }

    @Test
    void everyManifestParsesStrictlyIntoTheKubernetesModel() {
        Map<String, String> files = files(Fixtures.showcase());
        HorizontalPodAutoscaler hpa = StrictKubernetes.hpa(files.get("showcase/k8s/checkout-hpa.yaml"));
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(30);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("checkout");
        assertThat(hpa.getSpec().getMetrics()).hasSize(4);
        assertThat(hpa.getSpec().getMetrics().get(2).getPods().getTarget().getAverageValue())
                .isEqualTo(new Quantity("600"));
        assertThat(hpa.getSpec().getMetrics().get(3).getPods().getTarget().getAverageValue())
                .isEqualTo(new Quantity("500m"));
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
                .isEqualTo(300);
        assertThat(hpa.getSpec().getBehavior().getScaleUp().getPolicies()).hasSize(2);

        PodDisruptionBudget pdb = StrictKubernetes.pdb(files.get("showcase/k8s/checkout-pdb.yaml"));
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "checkout")
                .containsEntry("app.kubernetes.io/instance", "storefront")
                .containsEntry("app.kubernetes.io/name", "storefront");
        assertThat(StrictKubernetes.pdb(files.get("showcase/k8s/cart-pdb.yaml"))
                        .getSpec()
                        .getMinAvailable())
                .isEqualTo(new IntOrString(1));
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getKey().endsWith("-hpa.yaml")) {
                StrictKubernetes.hpa(e.getValue());
            } else if (e.getKey().endsWith("-pdb.yaml")) {
                StrictKubernetes.pdb(e.getValue());
            }
        }
    }

    @Test
    void theOracleRejectsUnknownFields() {
        String good = files(Fixtures.showcase()).get("showcase/k8s/cart-hpa.yaml");
        String typo = good.replace("maxReplicas:", "maxReplica:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrictKubernetes.hpa(typo))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("maxReplica");
    }

    @Test
    void autoscaledServicesGetNoReplicaCountAndFixedOnesNoHpa() throws Exception {
        Map<String, String> files = files(Fixtures.showcase());
        JsonNode values = new YAMLMapper().readTree(files.get("showcase/helm/storefront-values.yaml"));
        assertThat(values.get("checkout").has("replicaCount")).isFalse();
        // scaleplan's manifests own the HPA: the chart's is off, and its Deployment has no replicas
        assertThat(values.at("/checkout/autoscaling/enabled").booleanValue()).isFalse();
        assertThat(values.at("/checkout/autoscaling/external").booleanValue()).isTrue();
        assertThat(values.at("/checkout/autoscaling/maxReplicas").isMissingNode())
                .isTrue();
        assertThat(values.at("/checkout/pdb/create").booleanValue()).isFalse();
        assertThat(files).containsKey("showcase/k8s/checkout-hpa.yaml");
        assertThat(values.at("/on/autoscaling/external").booleanValue()).isFalse();
        assertThat(values.at("/on/replicaCount").intValue()).isEqualTo(2);
        assertThat(values.at("/on/autoscaling/enabled").booleanValue()).isFalse();
        assertThat(values.at("/batch-worker").isMissingNode()).isTrue();
        assertThat(values.at("/batchWorker/replicaCount").intValue()).isZero();
        assertThat(values.at("/cartService/resources/requests/memory").textValue())
                .isEqualTo("256Mi");
        assertThat(files).doesNotContainKeys("showcase/k8s/on-hpa.yaml", "showcase/k8s/batch-worker-hpa.yaml");
        assertThat(files).containsKey("showcase/k8s/on-pdb.yaml");
    }

    @Test
    void kustomizationListsEveryManifest() throws Exception {
        Map<String, String> files = files(Fixtures.showcase());
        JsonNode k = new YAMLMapper().readTree(files.get("showcase/k8s/kustomization.yaml"));
        java.util.List<String> listed = new java.util.ArrayList<>();
        k.get("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed)
                .containsExactly(
                        "cart-hpa.yaml", "cart-pdb.yaml", "checkout-hpa.yaml", "checkout-pdb.yaml", "on-pdb.yaml");
        assertThat(files.keySet().stream()
                        .filter(p -> p.startsWith("showcase/k8s/") && !p.endsWith("/kustomization.yaml"))
                        .map(p -> p.substring("showcase/k8s/".length())))
                .containsExactlyElementsOf(listed);
    }

    @Test
    void everyFileHasTheHeaderAndOneTrailingNewline() {
        for (GeneratedFile f : compiler.compile(Fixtures.showcase()).files()) {
            String header = f.path().endsWith(".md")
                    ? "<!-- Generated by scaleplan from plan \"showcase\" (io.scaleplan.testing.Fixtures)."
                    : f.path().endsWith(".json")
                            ? "{ \"description\": \"Generated by scaleplan from plan \\\"showcase\\\""
                                    + " (io.scaleplan.testing.Fixtures)."
                            : "# Generated by scaleplan from plan \"showcase\" (io.scaleplan.testing.Fixtures).\n";
            assertThat(f.content())
                    .as(f.path())
                    .startsWith(header)
                    .endsWith("\n")
                    .doesNotEndWith("\n\n")
                    .doesNotContain("\r");
        }
    }

    @Test
    void compilingTwiceIsByteIdentical() {
        assertThat(compiler.compile(Fixtures.showcase()).files())
                .isEqualTo(new PlanCompiler().compile(Fixtures.showcase()).files());
    }

    @Test
    void serviceOrderInThePlanDoesNotChangeTheOutput() {
        ScalingPlan ab = ScalingPlan.builder("p")
                .helmRelease("r", "./c")
                .service("a", s -> s.replicas(1))
                .service("b", s -> s.replicas(2))
                .build();
        ScalingPlan ba = ScalingPlan.builder("p")
                .helmRelease("r", "./c")
                .service("b", s -> s.replicas(2))
                .service("a", s -> s.replicas(1))
                .build();
        assertThat(files(ab).get("p/helm/r-values.yaml").replaceAll("\\(.*\\)", ""))
                .isEqualTo(files(ba).get("p/helm/r-values.yaml").replaceAll("\\(.*\\)", ""));
    }

    @Test
    void aPlanWithAnErrorProducesNoFiles() {
        ScalingPlan noRequests = ScalingPlan.builder("p")
                .helmRelease("r", "./c")
                .service("api", s -> s.autoscale(a -> a.replicas(2, 4).cpuUtilization(percent(70))))
                .build();
        Compilation c = compiler.compile(noRequests);
        assertThat(c.hasErrors()).isTrue();
        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .extracting(Diagnostic::ruleId, Diagnostic::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "SP101",
                        "CPU utilization target 70% but no CPU request: the HPA cannot compute CPU utilization and will"
                                + " not scale"));
    }

    @Test
    void limitsBelowRequestsAreErrors() {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("r", "./c")
                .service("api", s -> s.replicas(1).requests(cores(2), gib(2)).limits(cores(1), mib(512)))
                .build();
        assertThat(compiler.compile(plan).diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        "CPU limit 1 is below the CPU request 2", "memory limit 512Mi is below the memory request 2Gi");
    }

    @Test
    void fixedReplicasOnAnAutoscaledServiceWarnAndStrictMakesItAnError() {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("r", "./c")
                .service("api", s -> s.replicas(10).requests(cores(1), gib(1)).autoscale(a -> a.replicas(3, 20)
                        .cpuUtilization(percent(70))))
                .build();
        Compilation lenient = compiler.compile(plan);
        assertThat(lenient.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.ruleId()).isEqualTo("SP110");
            assertThat(d.message())
                    .isEqualTo("replicas(10) is ignored: the HPA owns the replica count (minReplicas 3)");
        });
        assertThat(lenient.files()).isNotEmpty();
        Compilation strict = new PlanCompiler(true).compile(plan);
        assertThat(strict.hasErrors()).isTrue();
        assertThat(strict.files()).isEmpty();
    }
}
