package io.scaleplan.compiler.chart;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.StrictKubernetes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan across two namespaces, each a release of its own {@code helm create} chart: the chart
 * stage renders each release in its namespace (the PDBs it writes select each chart's rendered
 * pods), and {@code helm template} of each overlay gives each release its own services' values.
 */
class NamespacesChartIT {
    @TempDir
    Path dir;

    @Test
    void eachReleaseIsRenderedInItsNamespaceWithItsOwnOverlay() throws Exception {
        Helm.create().withName("shop").withDir(dir).call();
        Helm.create().withName("pay").withDir(dir).call();
        Path shopChart = dir.resolve("shop");
        Path payChart = dir.resolve("pay");
        ScalingPlan plan = ScalingPlan.builder("estate")
                .namespace("shop")
                .helmRelease("shop", shopChart.toString())
                .chartLayout(ChartLayout.HELM_CREATE)
                .scalingObjects(ObjectOwner.CHART)
                .service("shop", s -> s.requests(millicores(200), mib(256))
                        .autoscale(a -> a.replicas(2, 9).cpuUtilization(percent(60)))
                        .maxUnavailable(pods(1)))
                .namespace("pay", ns -> ns.helmRelease("pay", payChart.toString())
                        .chartLayout(ChartLayout.HELM_CREATE)
                        .scalingObjects(ObjectOwner.CHART)
                        .service("pay", s -> s.requests(millicores(300), mib(512))
                                .autoscale(a -> a.replicas(3, 6).cpuUtilization(percent(70)))
                                .minAvailable(1)))
                .build();

        Compilation c = new PlanCompiler().compile(plan);
        assertThat(c.diagnostics()).isEmpty();
        Map<String, String> files = new HashMap<>();
        c.files().forEach(f -> files.put(f.path(), f.content()));

        // helm create's charts render no PDB: scaleplan writes them, selecting the pods each release rendered
        PodDisruptionBudget shopPdb = StrictKubernetes.pdb(files.get("estate/k8s/shop-pdb.yaml"));
        assertThat(shopPdb.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(shopPdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "shop")
                .containsEntry("app.kubernetes.io/instance", "shop")
                .doesNotContainKey("app.kubernetes.io/component");
        PodDisruptionBudget payPdb = StrictKubernetes.pdb(files.get("estate/k8s/pay-pdb.yaml"));
        assertThat(payPdb.getMetadata().getNamespace()).isEqualTo("pay");
        assertThat(payPdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "pay")
                .containsEntry("app.kubernetes.io/instance", "pay")
                .doesNotContainKey("app.kubernetes.io/component");

        Map<String, JsonNode> shop = render(c, "shop", shopChart);
        assertThat(shop.get("HorizontalPodAutoscaler/shop")
                        .at("/spec/maxReplicas")
                        .asInt())
                .isEqualTo(9);
        assertThat(shop.get("Deployment/shop")
                        .at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("200m");
        Map<String, JsonNode> pay = render(c, "pay", payChart);
        assertThat(pay.get("HorizontalPodAutoscaler/pay")
                        .at("/spec/minReplicas")
                        .asInt())
                .isEqualTo(3);
        assertThat(pay.get("HorizontalPodAutoscaler/pay")
                        .at("/spec/maxReplicas")
                        .asInt())
                .isEqualTo(6);
        assertThat(pay.get("Deployment/pay")
                        .at("/spec/template/spec/containers/0/resources/requests/memory")
                        .asText())
                .isEqualTo("512Mi");
        assertThat(ChartOracle.selects(
                        JsonTree.of(payPdb.getSpec().getSelector().getMatchLabels()),
                        pay.get("Deployment/pay").at("/spec/template/metadata/labels")))
                .isTrue();
    }

    /** {@code helm template <release> <chart> -n <release's namespace> -f <its overlay>}. */
    private static Map<String, JsonNode> render(Compilation c, String release, Path chart) throws Exception {
        String overlay = c.files().stream()
                .filter(f -> f.path().equals("estate/helm/" + release + "-values.yaml"))
                .findFirst()
                .map(GeneratedFile::content)
                .orElseThrow();
        Map<String, JsonNode> out = new HashMap<>();
        for (RenderedObject o : new ChartRenderer().render(chart, release, release, overlay)) {
            out.put(o.kind() + "/" + o.name(), o.document());
        }
        return out;
    }

    /** A label map as the JSON tree {@link ChartOracle#selects} takes. */
    private static final class JsonTree {
        static JsonNode of(Map<String, String> labels) {
            return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(labels);
        }
    }
}
