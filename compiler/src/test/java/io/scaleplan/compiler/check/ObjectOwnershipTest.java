package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One owner per object: SP028, and the two owners an HPA or PDB can have. */
class ObjectOwnershipTest {

    private static ScalingPlan plan(String service, ObjectOwner owner) {
        return ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .scalingObjects(owner)
                .service(service, s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 4).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .postgres(pg -> pg.limits(cores(2), gib(4)).readReplicas(1))
                .redis(r -> r.replicas(1).maxmemory(gib(1)).limits(cores(1), gib(2)))
                .build();
    }

    private static List<Diagnostic> sp132(ScalingPlan plan) {
        return new PlanCompiler()
                .compile(plan).diagnostics().stream()
                        .filter(d -> d.ruleId().equals("SP028"))
                        .toList();
    }

    @Test
    void aServiceNamedLikeABitnamiServiceIsRejected() {
        List<Diagnostic> found = sp132(plan("redis-master", ObjectOwner.SCALEPLAN));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message())
                .isEqualTo("Service default/redis-master is produced by the arka release (arka-engine) and again by the"
                        + " Redis release redis");
        assertThat(sp132(plan("postgresql-read", ObjectOwner.CHART))).hasSize(1);
        Compilation rejected = new PlanCompiler().compile(plan("redis-master", ObjectOwner.SCALEPLAN));
        assertThat(rejected.hasErrors()).isTrue();
        assertThat(rejected.files()).isEmpty();
    }

    @Test
    void distinctNamesPass() {
        assertThat(sp132(plan("redis-cache", ObjectOwner.SCALEPLAN))).isEmpty();
        assertThat(sp132(plan("postgresql-reader", ObjectOwner.CHART))).isEmpty();
    }

    @Test
    void scaleplanOwnsTheHpaAndPdbByDefaultAndTheChartsAreOff() {
        Map<String, String> files = files(plan("web", ObjectOwner.SCALEPLAN));
        assertThat(files).containsKeys("p/k8s/web-hpa.yaml", "p/k8s/web-pdb.yaml", "p/k8s/kustomization.yaml");
        assertThat(files.get("p/helm/arka-values.yaml"))
                .contains("web:\n  autoscaling:\n    enabled: false\n    external: true\n")
                .contains("  pdb:\n    create: false\n")
                .doesNotContain("maxReplicas");
        assertThat(files.get("p/APPLY.md"))
                .contains("the chart's HPAs and PDBs off, scaleplan's manifests own them")
                .contains("kubectl apply -k generated/p/k8s\n");
    }

    @Test
    void theChartOwnsThemWhenThePlanSaysSo() {
        Map<String, String> files = files(plan("web", ObjectOwner.CHART));
        assertThat(files.keySet()).noneMatch(p -> p.startsWith("p/k8s/"));
        assertThat(files.get("p/helm/arka-values.yaml"))
                .contains("web:\n  autoscaling:\n    enabled: true\n    external: false\n    minReplicas: 2\n")
                .contains("  pdb:\n    create: true\n    maxUnavailable: 1\n");
        assertThat(files.get("p/APPLY.md"))
                .contains("the chart renders their HPAs and PDBs (their only owner)")
                .doesNotContain("kubectl apply -k");
    }

    private static Map<String, String> files(ScalingPlan plan) {
        Compilation c = new PlanCompiler().compile(plan);
        assertThat(c.hasErrors()).as("%s", c.diagnostics()).isFalse();
        return c.files().stream().collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
    }
}
