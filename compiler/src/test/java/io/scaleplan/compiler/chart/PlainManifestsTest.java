package io.scaleplan.compiler.chart;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * A plan without any chart: plain manifests and kustomize patches, no Helm release anywhere; catalog
 * is a StatefulSet, the others Deployments.
 */
class PlainManifestsTest {

    static ScalingPlan plan() {
        return ScalingPlan.builder("plain-shop")
                .namespace("shop")
                .plainManifests()
                .service("checkout", s -> s.requests(millicores(500), mib(512))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .service("catalog", s -> s.statefulSet()
                        .requests(millicores(250), mib(256))
                        .replicas(3)
                        .minAvailable(pods(2)))
                .service("mailer", s -> s.replicas(1))
                .build();
    }

    @Test
    void compilesToTheGoldenManifestsAndPatches() {
        Compilation c = new PlanCompiler().compile(plan());

        assertThat(c.diagnostics()).isEmpty();
        Golden.assertMatches(c.files());
    }

    @Test
    void nothingNamesAHelmRelease() {
        Compilation c = new PlanCompiler().compile(plan());

        assertThat(c.files()).extracting(GeneratedFile::path).noneMatch(p -> p.contains("/helm/"));
        assertThat(c.files()).allSatisfy(f -> assertThat(f.content().toLowerCase(java.util.Locale.ROOT))
                .as(f.path())
                .doesNotContain("helm upgrade")
                .doesNotContain("helm/")
                .doesNotContain("app.kubernetes.io/instance"));
    }
}
