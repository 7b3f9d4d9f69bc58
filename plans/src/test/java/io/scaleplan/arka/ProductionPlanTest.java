package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.testing.StrictKubernetes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The production plan says what the runbook says (Auto-Scaling Configuration, Add Custom Metrics, Vertical Scaling). */
class ProductionPlanTest {
    private static final Map<String, String> FILES = ArkaPlans.files();

    @Test
    void compilesWithOnlyTheRunbooksKnownWarning() {
        for (Compilation c : ArkaPlans.compileAll()) {
            assertThat(c.hasErrors()).as(c.plan()).isFalse();
        }
        Compilation production = ArkaPlans.compileAll().stream()
                .filter(c -> c.plan().equals("production"))
                .findFirst()
                .orElseThrow();
        assertThat(production.diagnostics())
                .extracting(d -> d.ruleId() + " " + d.element())
                .containsExactly("SP105 production · usage-metering");
    }

    @Test
    void everyPlanComesFromThisModule() {
        assertThat(io.scaleplan.compiler.load.PlanLoader.load(getClass().getClassLoader()))
                .extracting(p -> p.definitionClass())
                .isNotEmpty()
                .allMatch(c -> c.startsWith("io.scaleplan.arka."), "a class of the plans module");
    }

    @Test
    void capacityReportShowsTheRunbooksFormula() {
        String report = FILES.get("production/CAPACITY.md");
        assertThat(report)
                .contains("| usage-metering | 1000 rps | 1.3 | 3 | 20 | 3000 rps | 20000 rps | 3000 rps |"
                        + " ceil(3000 / 1000 × 1.3) = ceil(3.9) = 4 | 16 |")
                .contains("| license-authority | 500 rps | 1.3 | 2 | 10 | 1000 rps | 5000 rps | 1000 rps |")
                .contains("| policy-engine | 200 rps | 1.3 | 2 | 10 | 400 rps | 2000 rps | 400 rps |")
                .contains("| arka-workers | 3–20 |");
    }

    @ParameterizedTest
    @CsvSource({
        "license-authority,   2, 10, 70, 80",
        "usage-metering,      3, 20, 70, 80",
        "policy-engine,       2, 10, 70, -1",
        "attestation-service, 2,  8, 70, -1"
    })
    void hpaTableOfTheRunbook(String service, int min, int max, int cpu, int memory) {
        HorizontalPodAutoscaler hpa = StrictKubernetes.hpa(FILES.get("production/k8s/" + service + "-hpa.yaml"));
        assertThat(hpa.getMetadata().getName()).isEqualTo(service + "-hpa");
        assertThat(hpa.getMetadata().getNamespace()).isEqualTo("arka-system");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(min);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(max);
        assertThat(utilization(hpa, "cpu")).isEqualTo(cpu);
        assertThat(utilization(hpa, "memory")).isEqualTo(memory);
    }

    private static int utilization(HorizontalPodAutoscaler hpa, String resource) {
        return hpa.getSpec().getMetrics().stream()
                .filter(m -> "Resource".equals(m.getType())
                        && resource.equals(m.getResource().getName()))
                .map(m -> m.getResource().getTarget().getAverageUtilization())
                .findFirst()
                .orElse(-1);
    }

    @Test
    void usageMeteringScalesOnRequestsPerSecond() {
        HorizontalPodAutoscaler hpa = StrictKubernetes.hpa(FILES.get("production/k8s/usage-metering-hpa.yaml"));
        MetricSpec pods = hpa.getSpec().getMetrics().stream()
                .filter(m -> "Pods".equals(m.getType()))
                .findFirst()
                .orElseThrow();
        assertThat(pods.getPods().getMetric().getName()).isEqualTo("http_requests_per_second");
        assertThat(pods.getPods().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(Quantity.getAmountInBytes(pods.getPods().getTarget().getAverageValue()))
                .isEqualByComparingTo("1000");
    }

    @Test
    void everyPdbAllowsAnEvictionAtMinReplicas() {
        for (String service :
                new String[] {"license-authority", "usage-metering", "policy-engine", "attestation-service"}) {
            PodDisruptionBudget pdb = StrictKubernetes.pdb(FILES.get("production/k8s/" + service + "-pdb.yaml"));
            assertThat(pdb.getSpec().getMaxUnavailable()).as(service).isEqualTo(new IntOrString(1));
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", service)
                    .containsEntry("app.kubernetes.io/name", "arka-engine");
        }
    }

    @Test
    void valuesOverlayUsesTheRunbooksKeys() throws Exception {
        JsonNode values = new YAMLMapper().readTree(FILES.get("production/helm/arka-values.yaml"));
        // scaleplan's k8s/ manifests own the HPAs and PDBs: the chart's are off, and an HPA outside
        // the chart owns the replica count (no replicas on the Deployment)
        assertThat(values.at("/usageMetering/autoscaling/enabled").booleanValue())
                .isFalse();
        assertThat(values.at("/usageMetering/autoscaling/external").booleanValue())
                .isTrue();
        assertThat(values.at("/usageMetering/pdb/create").booleanValue()).isFalse();
        assertThat(values.at("/usageMetering/autoscaling/maxReplicas").isMissingNode())
                .isTrue();
        // --set usageMetering.resources.requests.cpu=1 ... limits.memory=4Gi
        assertThat(values.at("/usageMetering/resources/requests/cpu").asText()).isEqualTo("1");
        assertThat(values.at("/usageMetering/resources/requests/memory").asText())
                .isEqualTo("2Gi");
        assertThat(values.at("/usageMetering/resources/limits/cpu").asText()).isEqualTo("2");
        assertThat(values.at("/usageMetering/resources/limits/memory").asText()).isEqualTo("4Gi");
        // the HPA owns the replica count of every autoscaled service
        values.fields().forEachRemaining(e -> assertThat(e.getValue().has("replicaCount"))
                .as(e.getKey())
                .isFalse());
    }

    @Test
    void kustomizationAppliesTheManifests() throws Exception {
        JsonNode k = new YAMLMapper().readTree(FILES.get("production/k8s/kustomization.yaml"));
        assertThat(k.get("kind").asText()).isEqualTo("Kustomization");
        assertThat(k.get("resources")).hasSize(8);
    }
}
