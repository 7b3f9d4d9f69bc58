package io.scaleplan.compiler.chart;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.PodManagement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart whose workload is a StatefulSet: {@code helm create}'s chart with its Deployment turned
 * into a StatefulSet (and its HPA's target with it), rendered by Helm's engine. The plan that says
 * {@code statefulSet()} passes and names the StatefulSet everywhere; one that does not, or that
 * states another pod management policy, is SP314 naming the rendered kind.
 */
class StatefulSetChartIT {
    @TempDir
    Path dir;

    private Path chart;

    @BeforeEach
    void statefulChart() throws Exception {
        Helm.create().withName("ledger").withDir(dir).call();
        chart = dir.resolve("ledger");
        Path templates = chart.resolve("templates");
        String deployment = Files.readString(templates.resolve("deployment.yaml"));
        assertThat(deployment).contains("kind: Deployment\n", "\nspec:\n");
        Files.delete(templates.resolve("deployment.yaml"));
        Files.writeString(
                templates.resolve("statefulset.yaml"),
                deployment
                        .replace("kind: Deployment\n", "kind: StatefulSet\n")
                        .replaceFirst(
                                "\nspec:\n",
                                "\nspec:\n  serviceName: {{ include \"ledger.fullname\" . }}\n"
                                        + "  {{- with .Values.podManagementPolicy }}\n"
                                        + "  podManagementPolicy: {{ . }}\n"
                                        + "  {{- end }}\n"));
        Path hpa = templates.resolve("hpa.yaml");
        String hpaText = Files.readString(hpa);
        assertThat(hpaText).contains("kind: Deployment");
        Files.writeString(hpa, hpaText.replace("kind: Deployment", "kind: StatefulSet"));
    }

    private ScalingPlan plan(ObjectOwner owner, ChartLayout layout, Consumer<Service.Builder> spec) {
        return ScalingPlan.builder("ledger")
                .namespace("bank")
                .helmRelease("ledger", chart.toString())
                .chartLayout(layout)
                .scalingObjects(owner)
                .service("ledger", s -> {
                    s.requests(millicores(500), mib(512));
                    spec.accept(s);
                })
                .build();
    }

    private static Consumer<Service.Builder> autoscaled() {
        return s -> s.autoscale(a -> a.replicas(3, 7).cpuUtilization(percent(70)));
    }

    @Test
    void aStatefulSetPlanMatchesTheChartsStatefulSetAndItsHpa() throws Exception {
        ScalingPlan plan = plan(
                ObjectOwner.CHART, ChartLayout.HELM_CREATE, s -> autoscaled().accept(s.statefulSet()));
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Map<String, JsonNode> objects = render(plan, c);
        assertThat(objects.get("HorizontalPodAutoscaler/ledger")
                        .at("/spec/scaleTargetRef/kind")
                        .asText())
                .isEqualTo("StatefulSet");
        assertThat(objects.get("StatefulSet/ledger")
                        .at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("500m");

        // scaleplan's own HPA and PDB target the StatefulSet and select its rendered pods
        ScalingPlan own = plan(ObjectOwner.SCALEPLAN, ChartLayout.HELM_CREATE, s -> autoscaled()
                .accept(s.statefulSet().maxUnavailable(1)));
        Compilation o = new PlanCompiler().compile(own);
        assertThat(o.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        JsonNode hpa = doc(o, "ledger/k8s/ledger-hpa.yaml");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("StatefulSet");
        JsonNode pdb = doc(o, "ledger/k8s/ledger-pdb.yaml");
        assertThat(ChartOracle.selects(
                        pdb.at("/spec/selector/matchLabels"),
                        render(own, o).get("StatefulSet/ledger").at("/spec/template/metadata/labels")))
                .isTrue();
    }

    @Test
    void aPlanThatSaysDeploymentForTheChartsStatefulSetIsSp314() {
        Compilation c = new PlanCompiler().compile(plan(ObjectOwner.CHART, ChartLayout.HELM_CREATE, autoscaled()));

        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.ruleId()).isEqualTo("SP314");
                    assertThat(d.element()).hasToString("ledger · ledger");
                    assertThat(d.message())
                            .isEqualTo("the plan declares ledger a Deployment (the default), but the chart ledger"
                                    + " renders StatefulSet/ledger (ledger/templates/statefulset.yaml): the HPA's"
                                    + " scaleTargetRef, the patches and the rollout maths would name the wrong kind;"
                                    + " add statefulSet() to the service");
                });
    }

    @Test
    void aPodManagementPolicyOtherThanTheRenderedOneIsSp314() throws Exception {
        Compilation parallel = new PlanCompiler()
                .compile(plan(ObjectOwner.CHART, ChartLayout.HELM_CREATE, s -> autoscaled()
                        .accept(s.statefulSet(PodManagement.PARALLEL))));

        assertThat(parallel.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .isEqualTo("the plan says the StatefulSet ledger starts its pods Parallel, but"
                                + " StatefulSet/ledger (ledger/templates/statefulset.yaml) renders"
                                + " podManagementPolicy OrderedReady (none: Kubernetes' default): scale-up times"
                                + " would be planned wrong; say statefulSet()"));

        // the chart's own default says Parallel: now the plan agrees
        Path values = chart.resolve("values.yaml");
        Files.writeString(values, Files.readString(values) + "\npodManagementPolicy: Parallel\n");
        Compilation agreed = new PlanCompiler()
                .compile(plan(ObjectOwner.CHART, ChartLayout.HELM_CREATE, s -> autoscaled()
                        .accept(s.statefulSet(PodManagement.PARALLEL))));
        assertThat(agreed.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    }

    @Test
    void aFixedCountTheLayoutHasNoKeyForIsPatchedOntoTheStatefulSet(@TempDir Path tmp) throws Exception {
        ChartLayout resourcesOnly = ChartLayout.builder("resources-only")
                .topLevel()
                .resources("resources")
                .build();
        ScalingPlan plan =
                plan(ObjectOwner.SCALEPLAN, resourcesOnly, s -> s.statefulSet().replicas(4));
        Compilation c = new PlanCompiler().compile(plan);

        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        String postRender = "ledger/helm/ledger-post-render/";
        assertThat(doc(c, postRender + "kustomization.yaml")
                        .at("/patches/0/target")
                        .toString())
                .isEqualTo("{\"kind\":\"StatefulSet\",\"name\":\"ledger\"}");
        Path out = tmp.resolve("generated");
        for (GeneratedFile f : c.files()) {
            Path p = out.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
        }
        Map<String, JsonNode> rendered = render(plan, c);
        assertThat(rendered.get("StatefulSet/ledger").at("/spec/replicas").asInt())
                .as("helm create's replicaCount default, which this layout does not write")
                .isEqualTo(1);
        Map<String, JsonNode> patched =
                ThirdPartyChartsIT.postRender(out.resolve(postRender + "post-render.sh"), rendered);
        assertThat(patched.get("StatefulSet/ledger").at("/spec/replicas").asInt())
                .isEqualTo(4);
    }

    private static JsonNode doc(Compilation c, String path) throws Exception {
        return ThirdPartyChartsIT.doc(c, path);
    }

    private static Map<String, JsonNode> render(ScalingPlan plan, Compilation c) throws Exception {
        return ThirdPartyChartsIT.render(plan, c);
    }
}
