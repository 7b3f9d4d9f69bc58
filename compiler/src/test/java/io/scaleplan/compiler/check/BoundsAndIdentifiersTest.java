package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** SP111 bounds on replicas, nodes and capacity arithmetic; SP132 identifiers that only work quoted. */
class BoundsAndIdentifiersTest {

    private static ScalingPlan plan(int maxReplicas, int maxNodes, UnaryOperator<ScalingPlan.Builder> more) {
        return more.apply(ScalingPlan.builder("bounds")
                        .helmRelease("app", "./app")
                        .service("web", s -> s.requests(millicores(100), mib(128))
                                .autoscale(a -> a.replicas(1, maxReplicas).cpuUtilization(percent(70)))
                                .capacityPerPod(rps(1_000)))
                        .nodePool(
                                "workers", p -> p.allocatable(cores(4), gib(16)).nodes(1, maxNodes)))
                .build();
    }

    private static List<String> ids(Compilation c) {
        return c.diagnostics().stream().map(Diagnostic::ruleId).toList();
    }

    @Test
    void replicasUpToTheClusterLimitAreFineOneAboveIsSp111() {
        assertThat(ids(new PlanCompiler().compile(plan(150_000, 5_000, b -> b))))
                .doesNotContain("SP111");

        Compilation over = new PlanCompiler().compile(plan(150_001, 5_000, b -> b));
        assertThat(over.files()).isEmpty();
        assertThat(over.diagnostics())
                .filteredOn(d -> d.ruleId().equals("SP111"))
                .extracting(Diagnostic::message)
                .containsExactly(
                        "maxReplicas 150,001 is more than the 150,000 pods Kubernetes supports in one cluster");
    }

    @Test
    void integerMaxReplicasWithANodePoolIsADiagnosticNotAnOutOfMemoryError() {
        long before = System.nanoTime();
        Compilation c = new PlanCompiler().compile(plan(Integer.MAX_VALUE, 10_000, b -> b));
        assertThat(System.nanoTime() - before).as("bounded work").isLessThan(5_000_000_000L);
        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .filteredOn(d -> d.ruleId().equals("SP111"))
                .extracting(Diagnostic::message)
                .contains(
                        "maxReplicas 2,147,483,647 is more than the 150,000 pods Kubernetes supports in one cluster",
                        "maxNodes 10,000 is more than the 5,000 nodes Kubernetes supports in one cluster;"
                                + " how the pods fit is not checked");
        assertThat(ids(c)).doesNotContain("SP107");
    }

    @Test
    void nodesUpToTheClusterLimitAreFineOneAboveIsSp111() {
        assertThat(ids(new PlanCompiler().compile(plan(10, 5_000, b -> b)))).doesNotContain("SP111");
        assertThat(ids(new PlanCompiler().compile(plan(10, 5_001, b -> b)))).contains("SP111");
    }

    @Test
    void podsOfSeveralServicesBeyondTheClusterLimitAreNotPacked() {
        Compilation c = new PlanCompiler()
                .compile(plan(
                        100_000,
                        5_000,
                        b -> b.service("api", s -> s.requests(millicores(100), mib(128))
                                .autoscale(a -> a.replicas(1, 100_000).cpuUtilization(percent(70))))));
        assertThat(c.diagnostics())
                .filteredOn(d -> d.ruleId().equals("SP111"))
                .extracting(Diagnostic::message)
                .containsExactly("at maxReplicas the pool would run 200,000 pods, more than the 150,000 Kubernetes"
                        + " supports in one cluster (or requests × pods overflow); how the pods fit is not checked");
    }

    @Test
    void anExpectedLoadNeedingMorePodsThanInt32IsSp111NotSaturated() {
        Compilation c = new PlanCompiler()
                .compile(ScalingPlan.builder("bounds")
                        .helmRelease("app", "./app")
                        .service("web", s -> s.requests(millicores(100), mib(128))
                                .autoscale(a -> a.replicas(1, 10).cpuUtilization(percent(70)))
                                .capacityPerPod(rps(1))
                                .expectedLoad(rps(Long.MAX_VALUE / 2)))
                        .build());
        assertThat(c.diagnostics())
                .filteredOn(d -> d.ruleId().equals("SP111"))
                .extracting(Diagnostic::message)
                .containsExactly("expected load 4611686018427387903 rps needs 5995191823955604274 pods, more than a"
                        + " replica count (int32) can hold");
    }

    private static ScalingPlan withTable(String table, UnaryOperator<ScalingPlan.Builder> more) {
        return more.apply(ScalingPlan.builder("sql")
                        .helmRelease("app", "./app")
                        .service("web", s -> s.replicas(1))
                        .postgres(pg -> pg.limits(cores(2), gib(8))
                                .index("idx_events_tenant", table, "tenant_id")
                                .vacuumAnalyze(table)))
                .build();
    }

    @Test
    void aTableNameThatOnlyWorksQuotedIsSp132() {
        assertThat(ids(new PlanCompiler().compile(withTable("usage_events", b -> b))))
                .doesNotContain("SP132");

        Compilation c = new PlanCompiler().compile(withTable("usage_events; DROP TABLE usage_events; --", b -> b));
        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .filteredOn(d -> d.ruleId().equals("SP132"))
                .extracting(Diagnostic::message)
                .contains("table \"usage_events; DROP TABLE usage_events; --\" is not a plain PostgreSQL identifier"
                        + " (lower-case letters, digits and _, not a reserved word): the SQL can only name it quoted,"
                        + " as \"usage_events; DROP TABLE usage_events; --\"");
        assertThat(ids(new PlanCompiler().compile(withTable("Events", b -> b)))).contains("SP132");
        assertThat(ids(new PlanCompiler().compile(withTable("user", b -> b)))).contains("SP132");
    }

    @Test
    void aPlanThatMeansTheQuotedNameSaysSoAndCompiles() {
        Compilation c = new PlanCompiler()
                .compile(withTable("Events", b -> b.suppress("SP132", "the legacy table is really named \"Events\"")));
        assertThat(ids(c)).doesNotContain("SP132");
        assertThat(c.files()).isNotEmpty();
        assertThat(c.files())
                .filteredOn(f -> f.path().endsWith("20-indexes.sql"))
                .singleElement()
                .satisfies(f -> assertThat(f.content()).contains("ON \"Events\""));
    }
}
