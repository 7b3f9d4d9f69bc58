package io.scaleplan.compiler;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Namespace;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.Golden;
import io.scaleplan.testing.SourceLines;
import io.scaleplan.testing.StrictKubernetes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A plan across two namespaces ({@link Fixtures#twoNamespaces()}): each namespace's objects and
 * release keep their namespace, and node fit and the connection budget add up across them.
 */
class NamespacesTest {
    private static final String FILE = "io/scaleplan/compiler/NamespacesTest.java";
    private final PlanCompiler compiler = new PlanCompiler();

    private Map<String, String> files(ScalingPlan plan) {
        Compilation c = compiler.compile(plan);
        assertThat(c.diagnostics()).isEmpty();
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : c.files()) {
            out.put(f.path(), f.content());
        }
        return out;
    }

    private static List<String> check(ScalingPlan plan) {
        return new Checker().check(plan).stream().map(Diagnostic::toString).toList();
    }

    @Test
    void twoNamespacesMatchTheirGoldenFiles() {
        Compilation c = compiler.compile(Fixtures.twoNamespaces());
        assertThat(c.diagnostics()).isEmpty();
        Golden.assertMatches(c.files());
    }

    @Test
    void eachObjectKeepsItsNamespaceAndRelease() {
        Map<String, String> files = files(Fixtures.twoNamespaces());
        HorizontalPodAutoscaler web = StrictKubernetes.hpa(files.get("two-namespaces/k8s/web-hpa.yaml"));
        assertThat(web.getMetadata().getNamespace()).isEqualTo("storefront");
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "storefront");
        HorizontalPodAutoscaler ledger = StrictKubernetes.hpa(files.get("two-namespaces/k8s/ledger-hpa.yaml"));
        assertThat(ledger.getMetadata().getNamespace()).isEqualTo("payments");
        assertThat(ledger.getSpec().getScaleTargetRef().getName()).isEqualTo("ledger");
        PodDisruptionBudget webPdb = StrictKubernetes.pdb(files.get("two-namespaces/k8s/web-pdb.yaml"));
        assertThat(webPdb.getMetadata().getNamespace()).isEqualTo("storefront");
        PodDisruptionBudget ledgerPdb = StrictKubernetes.pdb(files.get("two-namespaces/k8s/ledger-pdb.yaml"));
        assertThat(ledgerPdb.getMetadata().getNamespace()).isEqualTo("payments");
        assertThat(ledgerPdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "payments")
                .containsEntry("app.kubernetes.io/instance", "payments")
                .containsEntry("app.kubernetes.io/component", "ledger");
        // the kustomization names no namespace: it would move every object into it
        assertThat(files.get("two-namespaces/k8s/kustomization.yaml")).doesNotContain("\nnamespace:");

        // one values overlay per release, each with its own namespace's services only
        assertThat(files.get("two-namespaces/helm/storefront-values.yaml"))
                .contains("web:")
                .doesNotContain("ledger");
        assertThat(files.get("two-namespaces/helm/payments-values.yaml"))
                .contains("ledger:")
                .contains("ledgerWorker:")
                .doesNotContain("web:");
        String apply = files.get("two-namespaces/APPLY.md");
        assertThat(apply)
                .contains("helm upgrade storefront oci://registry.example/charts/storefront -n storefront"
                        + " --reset-then-reuse-values -f generated/two-namespaces/helm/storefront-values.yaml")
                .contains("helm upgrade payments oci://registry.example/charts/payments -n payments"
                        + " --reset-then-reuse-values -f generated/two-namespaces/helm/payments-values.yaml")
                .contains("watch 'kubectl -n storefront get hpa,pods; kubectl -n payments get hpa,pods'")
                .contains("kubectl -n storefront describe hpa web-hpa")
                .contains("kubectl -n payments describe hpa ledger-hpa")
                .doesNotContain("-n storefront describe hpa ledger-hpa");
        // the monitoring matches each service in its own namespace: its plan series carry it, the
        // rules select every namespace of the plan, the test probes the service in its own
        String alerts = files.get("two-namespaces/monitoring/alerts.rules.yaml");
        assertThat(alerts)
                .contains("namespace: payments\n          scaleplan_plan: two-namespaces\n          service: ledger\n")
                .contains("namespace: storefront\n          scaleplan_plan: two-namespaces\n          service: web\n")
                .doesNotContain(
                        "namespace: storefront\n          scaleplan_plan: two-namespaces\n          service: ledger\n")
                .contains(
                        "kube_horizontalpodautoscaler_status_current_replicas{namespace=~\\\"storefront|payments\\\"}")
                .doesNotContain("{namespace=\\\"storefront\\\",scaleplan_plan=");
        assertThat(files.get("two-namespaces/monitoring/alerts.test.yaml"))
                .contains("namespace=\\\"payments\\\",horizontalpodautoscaler=\\\"ledger-hpa\\\"")
                .doesNotContain("namespace=\\\"storefront\\\",horizontalpodautoscaler=\\\"ledger-hpa\\\"");
    }

    @Test
    void nodeFitAddsUpAcrossNamespaces() {
        // 10 + 8 pods of 1 CPU at maxReplicas; a node takes 3 (3500m after its reserve)
        assertThat(check(Fixtures.twoNamespaces(6, 233))).isEmpty();
        ScalingPlan trips = Fixtures.twoNamespaces(5, 233);
        assertThat(check(trips))
                .singleElement()
                .asString()
                .contains("[SP107] two-namespaces · node pool general:")
                .contains("(18 pods)")
                .contains("15 of 18 pods fit");
        // neither namespace alone fills 5 nodes: only their sum does
        for (ScalingPlan alone : trips.byNamespace()) {
            assertThat(check(alone)).as(alone.namespace()).isEmpty();
        }
    }

    @Test
    void theConnectionBudgetAddsUpAcrossNamespaces() {
        // (10 + 3 surge) × 10 + (8 + 2 surge) × 10 + 3 reserved = 233
        assertThat(check(Fixtures.twoNamespaces(6, 233))).isEmpty();
        ScalingPlan trips = Fixtures.twoNamespaces(6, 232);
        assertThat(check(trips))
                .singleElement()
                .asString()
                .contains("[SP120] two-namespaces · postgres:")
                .contains("web (10 + 3 surge) × 10 = 130, ledger (8 + 2 surge) × 10 = 100")
                .endsWith("= 233 > max_connections 232");
        for (ScalingPlan alone : trips.byNamespace()) {
            assertThat(check(alone)).as(alone.namespace()).isEmpty();
        }
    }

    @Test
    void theModelKnowsEachServicesNamespace() {
        ScalingPlan plan = Fixtures.twoNamespaces();
        assertThat(plan.spansNamespaces()).isTrue();
        assertThat(plan.namespaces()).extracting(Namespace::name).containsExactly("storefront", "payments");
        assertThat(plan.namespace()).isEqualTo("storefront");
        assertThat(plan.namespaceOf(plan.service("ledger-worker").orElseThrow())
                        .release()
                        .name())
                .isEqualTo("payments");
        assertThat(plan.byNamespace().get(1).services())
                .extracting(s -> s.name())
                .containsExactly("ledger", "ledger-worker");
        ScalingPlan one = Fixtures.minimal();
        assertThat(one.spansNamespaces()).isFalse();
        assertThat(one.namespaces()).singleElement().satisfies(ns -> {
            assertThat(ns.name()).isEqualTo("default");
            assertThat(ns.services()).containsExactly("web");
        });
        assertThat(one.byNamespace()).containsExactly(one);
    }

    @Test
    void aPlanOfNamespaceBlocksOnly() {
        ScalingPlan plan = ScalingPlan.builder("blocks")
                .namespace("a", ns -> ns.helmRelease("a", "./a").service("x", s -> s.replicas(1)))
                .namespace("b", ns -> ns.plainManifests().service("y", s -> s.replicas(2)))
                .build();
        assertThat(plan.namespace()).isEqualTo("a");
        assertThat(plan.release().name()).isEqualTo("a");
        assertThat(plan.namespaces().get(1).release().isPlainManifests()).isTrue();
        Map<String, String> files = files(plan);
        assertThat(files).containsKey("blocks/helm/a-values.yaml").containsKey("blocks/k8s/patches/y.yaml");
        assertThat(files.get("blocks/k8s/patches/kustomization.yaml")).contains("namespace: b");
        assertThat(files.get("blocks/k8s/patches/kustomization.yaml")).doesNotContain("name: x");
    }

    /** A StatefulSet's rollout is followed in its own namespace, not the plan's first. */
    @Test
    void aStatefulSetInTheSecondNamespaceIsFollowedThere() {
        ScalingPlan plan = ScalingPlan.builder("stateful-blocks")
                .namespace("a")
                .helmRelease("a", "./a")
                .service("x", s -> s.replicas(1))
                .namespace("b", ns -> ns.helmRelease("b", "./b")
                        .service("y", s -> s.statefulSet().replicas(2)))
                .build();
        String apply = files(plan).get("stateful-blocks/APPLY.md");
        assertThat(apply)
                .contains("kubectl -n b rollout status statefulset/y --timeout=30m")
                .contains("kubectl -n b get statefulset y -o wide")
                .doesNotContain("kubectl -n a rollout status")
                .doesNotContain("helm repo add bitnami");
    }

    @Test
    void badNamespacesAreReportedWithRuleElementAndLine() {
        assertThatThrownBy(() -> ScalingPlan.builder("p")
                        .helmRelease("a", "./a")
                        .service("x", s -> s.replicas(1))
                        .namespace("Payments", ns -> ns.helmRelease("b", "./b")) // @bad-name
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessageContaining(at("@bad-name") + ": error: [SP001] p: namespace \"Payments\" is not a valid"
                        + " DNS-1123 label");
        assertThatThrownBy(() -> ScalingPlan.builder("p")
                        .namespace("shop")
                        .helmRelease("a", "./a")
                        .service("x", s -> s.replicas(1))
                        .namespace("shop", ns -> ns.helmRelease("b", "./b")) // @twice
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessageContaining(at("@twice") + ": error: [SP006] p · namespace shop: namespace \"shop\" is"
                        + " declared twice");
        assertThatThrownBy(() -> ScalingPlan.builder("p")
                        .namespace("shop")
                        .helmRelease("a", "./a")
                        .service("x", s -> s.replicas(1))
                        .namespace("pay", ns -> ns.helmRelease("a", "./b")) // @same-release
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessageContaining(at("@same-release") + ": error: [SP006] p · namespace pay: Helm release \"a\""
                        + " is already the release of namespace \"shop\"");
        assertThatThrownBy(() -> ScalingPlan.builder("p")
                        .helmRelease("a", "./a")
                        .service("x", s -> s.replicas(1))
                        .namespace("pay", ns -> ns.helmRelease("b", "./b")
                                .service("x", s -> s.replicas(2))) // @service-twice
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessageContaining(at("@service-twice") + ": error: [SP006] p · x: service \"x\" is declared twice");
        assertThatThrownBy(() -> ScalingPlan.builder("p")
                        .helmRelease("a", "./a")
                        .service("x", s -> s.replicas(1))
                        .namespace("pay", ns -> ns.service("y", s -> s.replicas(2))) // @no-release
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessageContaining(at("@no-release") + ": error: [SP007] p · namespace pay: no Helm release");
    }

    @Test
    void servicesCheckedPerNamespaceStillCountOnce() {
        // a service's own rules (here SP101) still fire in its namespace block, at its line
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("a", "./a")
                .service("x", s -> s.replicas(1))
                .namespace("pay", ns -> ns.helmRelease("b", "./b").service("y", s -> s.limits(cores(1), gib(1))
                        .autoscale(a -> a.replicas(1, 3).cpuUtilization(percent(70))))) // @sp101
                .build();
        assertThat(check(plan))
                .singleElement()
                .asString()
                .startsWith(at("@sp101") + ": ")
                .contains("[SP101] p · y");
    }

    @Test
    void anEventsPhasesKeepTheNamespacesAndSumAcrossThem() {
        // raising ledger to 12 pods overfills 6 nodes with web's 10 (22 pods > 18) and the budget: sums, in the phase
        io.scaleplan.dsl.EventPlan event = io.scaleplan.dsl.EventPlan.builder("sale", Fixtures.twoNamespaces())
                .preScale(java.time.Duration.ofHours(2), p -> p.service("ledger", s -> s.maxReplicas(12)))
                .postEvent(java.time.Duration.ofHours(1))
                .build();
        Compilation c = compiler.compile(event);
        // both sums, in the phase: node fit and the connection budget
        assertThat(c.diagnostics())
                .extracting(Diagnostic::toString)
                .satisfiesExactly(
                        fit -> assertThat(fit)
                                .contains("[SP107] sale · node pool general:")
                                .contains("(22 pods)"),
                        budget -> assertThat(budget)
                                .contains("[SP120] sale · postgres:")
                                .contains("(ledger (12 + 3 surge) × 10 = 150, web (10 + 3 surge) × 10 = 130)")
                                .endsWith("= 283 > max_connections 233"));
        ScalingPlan phase = event.phases().get(0).plan();
        assertThat(phase.namespaceOf(phase.service("ledger").orElseThrow()).name())
                .isEqualTo("payments");
        assertThat(phase.namespaces()).isEqualTo(Fixtures.twoNamespaces().namespaces());
    }

    @Test
    void objectsCollideOnlyInOneNamespace() {
        // the PostgreSQL release "postgresql" (in the plan's first namespace) makes a Service "postgresql"
        ScalingPlan apart = ScalingPlan.builder("p")
                .namespace("shop")
                .helmRelease("a", "./a")
                .service("x", s -> s.replicas(1))
                .namespace("pay", ns -> ns.helmRelease("b", "./b").service("postgresql", s -> s.replicas(1)))
                .postgres(pg -> pg.limits(cores(2), gib(8)))
                .build();
        assertThat(check(apart)).noneMatch(d -> d.contains("[SP028]"));
        ScalingPlan together = ScalingPlan.builder("p")
                .namespace("shop")
                .helmRelease("a", "./a")
                .service("postgresql", s -> s.replicas(1))
                .namespace("pay", ns -> ns.helmRelease("b", "./b").service("x", s -> s.replicas(1)))
                .postgres(pg -> pg.limits(cores(2), gib(8)))
                .build();
        assertThat(check(together))
                .anySatisfy(d -> assertThat(d).contains("[SP028]").contains("Service shop/postgresql is produced by"));
    }

    private static String at(String marker) {
        return FILE + ":" + SourceLines.of(FILE, marker);
    }
}
