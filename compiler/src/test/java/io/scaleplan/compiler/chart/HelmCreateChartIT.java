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
import io.scaleplan.dsl.ScalingPlan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart {@code helm create} writes (by Helm's own engine), with {@link ChartLayout#HELM_CREATE}. */
class HelmCreateChartIT {
    @TempDir
    Path dir;

    private ScalingPlan plan(Path chart, boolean autoscaled) {
        return ScalingPlan.builder("web")
                .namespace("web")
                .helmRelease("web", chart.toString())
                .chartLayout(ChartLayout.HELM_CREATE)
                .scalingObjects(ObjectOwner.CHART)
                .service("web", s -> {
                    s.requests(millicores(200), mib(256));
                    if (autoscaled) {
                        s.autoscale(a ->
                                a.replicas(2, 9).cpuUtilization(percent(60)).memoryUtilization(percent(70)));
                    } else {
                        s.replicas(4);
                    }
                })
                .build();
    }

    @Test
    void aHelmCreateChartRendersThePlansHpaAndFixedCount() throws Exception {
        Helm.create().withName("web").withDir(dir).call();
        Path chart = dir.resolve("web");

        ScalingPlan autoscaled = plan(chart, true);
        Compilation c = new PlanCompiler().compile(autoscaled);
        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(c.files()).extracting(GeneratedFile::path).noneMatch(p -> p.contains("/k8s/"));
        Map<String, JsonNode> objects = render(autoscaled, c, chart);
        JsonNode hpa = objects.get("HorizontalPodAutoscaler/web");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(9);
        assertThat(objects.get("Deployment/web")
                        .at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("200m");

        ScalingPlan fixed = plan(chart, false);
        Compilation f = new PlanCompiler().compile(fixed);
        assertThat(f.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(render(fixed, f, chart)
                        .get("Deployment/web")
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(4);
    }

    private static Map<String, JsonNode> render(ScalingPlan plan, Compilation c, Path chart) throws Exception {
        String overlay = c.files().stream()
                .filter(f -> f.path().equals("web/helm/web-values.yaml"))
                .findFirst()
                .orElseThrow()
                .content();
        Map<String, JsonNode> out = new HashMap<>();
        for (RenderedObject o : new ChartRenderer().render(chart, "web", plan.namespace(), overlay)) {
            out.put(o.kind() + "/" + o.name(), o.document());
        }
        return out;
    }
}
