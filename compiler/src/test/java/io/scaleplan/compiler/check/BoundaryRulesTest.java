package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every numeric threshold of the rules, tested on each side: the last value that passes and the
 * first that trips (a {@code >} turned into {@code >=}, or the other way round, fails one of them).
 */
class BoundaryRulesTest {

    private static ScalingPlan.Builder plan() {
        return ScalingPlan.builder("prod").namespace("arka-system").helmRelease("arka", "./arka-engine");
    }

    /** The rule ids the checker reports. */
    private static List<String> ids(ScalingPlan plan) {
        return new Checker().check(plan).stream().map(Diagnostic::ruleId).toList();
    }

    /** The rule ids the DSL reports while building, or none. */
    private static List<String> dslIds(Consumer<ScalingPlan.Builder> spec) {
        ScalingPlan.Builder b = plan();
        spec.accept(b);
        PlanDefinitionException e = catchThrowableOfType(b::build, PlanDefinitionException.class);
        return e == null
                ? List.of()
                : e.diagnostics().stream().map(Diagnostic::ruleId).toList();
    }

    private static ScalingPlan load(long expectedRps, int maxReplicas, double headroom) {
        return plan().service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, maxReplicas).cpuUtilization(percent(70)))
                        .capacityPerPod(rps(100))
                        .headroom(headroom)
                        .expectedLoad(rps(expectedRps)))
                .build();
    }

    @Test
    void sp104RequiredPodsAboveMaxReplicas() {
        // ceil(1000 / 100 × 1.0) = 10 = maxReplicas passes; ceil(1001 / 100) = 11 trips.
        assertThat(ids(load(1000, 10, 1.0))).doesNotContain("SP104");
        assertThat(ids(load(1001, 10, 1.0))).contains("SP104");
        // with headroom 1.3: ceil(1000 / 100 × 1.3) = 13
        assertThat(ids(load(1000, 13, 1.3))).doesNotContain("SP104");
        assertThat(ids(load(1000, 12, 1.3))).contains("SP104");
    }

    private static ScalingPlan rateTarget(String target, long perPod, double headroom) {
        return plan().service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 50)
                                .podsMetric("http_requests_per_second", new BigDecimal(target))
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(perPod))
                        .headroom(headroom))
                .build();
    }

    @Test
    void sp105RateTargetAboveRpsPerPodOverHeadroom() {
        // 130 / 1.3 = 100: a target of exactly 100 keeps the headroom; 100.01 does not.
        assertThat(ids(rateTarget("100", 130, 1.3))).doesNotContain("SP105");
        assertThat(ids(rateTarget("100.01", 130, 1.3))).contains("SP105");
        // 100 / 1.3 = 76.92…, floored to 76.92
        assertThat(ids(rateTarget("76.92", 100, 1.3))).doesNotContain("SP105");
        assertThat(ids(rateTarget("76.93", 100, 1.3))).contains("SP105");
    }

    @Test
    void sp102LimitBelowRequest() {
        assertThat(ids(plan().service(
                                "api",
                                s -> s.replicas(2).requests(cores(1), gib(1)).limits(cores(1), gib(1)))
                        .build()))
                .doesNotContain("SP102");
        assertThat(ids(plan().service(
                                "api",
                                s -> s.replicas(2).requests(cores(1), gib(1)).limits(millicores(999), gib(1)))
                        .build()))
                .contains("SP102");
        assertThat(ids(plan().service(
                                "api",
                                s -> s.replicas(2).requests(cores(1), mib(1024)).limits(cores(1), mib(1023)))
                        .build()))
                .contains("SP102");
    }

    @Test
    void sp103BudgetAllowsNoEvictionAtMinReplicas() {
        assertThat(ids(plan().service("a", s -> s.replicas(3).minAvailable(2)).build()))
                .doesNotContain("SP103");
        assertThat(ids(plan().service("a", s -> s.replicas(3).minAvailable(3)).build()))
                .contains("SP103");
        assertThat(ids(plan().service("a", s -> s.replicas(3).maxUnavailable(pods(1)))
                        .build()))
                .doesNotContain("SP103");
        assertThat(ids(plan().service("a", s -> s.replicas(3).maxUnavailable(0)).build()))
                .contains("SP103");
        // 66 % of 3 rounds up to 2 (one eviction left); 67 % rounds up to 3
        assertThat(ids(plan().service("a", s -> s.replicas(3).minAvailable(percent(66)))
                        .build()))
                .doesNotContain("SP103");
        assertThat(ids(plan().service("a", s -> s.replicas(3).minAvailable(percent(67)))
                        .build()))
                .contains("SP103");
    }

    private static ScalingPlan pool(int replicas, long cpuMilli) {
        return plan().nodePool("workers", p -> p.allocatable(cores(4), gib(16))
                        .reserve(millicores(0), mib(0))
                        .nodes(1, 1))
                .service("api", s -> s.replicas(replicas).requests(millicores(cpuMilli), gib(1)))
                .build();
    }

    @Test
    void sp107AndSp108PodsAgainstTheNodePool() {
        assertThat(ids(pool(4, 1000))).doesNotContain("SP107", "SP108"); // 4 × 1 core on one 4-core node
        assertThat(ids(pool(5, 1000))).contains("SP107");
        assertThat(ids(pool(1, 4000))).doesNotContain("SP107", "SP108"); // one pod as large as the node
        assertThat(ids(pool(1, 4001))).contains("SP108");
    }

    private static ScalingPlan connections(int maxConnections) {
        return plan().service("api", s -> s.replicas(4).connectionPoolSize(10))
                .postgres(pg -> pg.instance(2, gib(4)).maxConnections(maxConnections))
                .build();
    }

    @Test
    void sp120ConnectionsAtFullScaleAboveMaxConnections() {
        long total =
                ResolvedPlan.of(connections(1000)).connections().orElseThrow().total();
        assertThat(ids(connections((int) total))).doesNotContain("SP120");
        assertThat(ids(connections((int) total - 1))).contains("SP120");
    }

    private static ScalingPlan statefulConnections(int maxConnections, boolean statefulSet) {
        return plan().service("api", s -> {
                    s.replicas(4).connectionPoolSize(10);
                    if (statefulSet) {
                        s.statefulSet();
                    }
                })
                .postgres(pg -> pg.instance(2, gib(4)).maxConnections(maxConnections))
                .build();
    }

    @Test
    void sp120ConnectionsOfAStatefulSetCountNoSurge() {
        // 4 pods × 10: a Deployment surges 25 % (1 pod, 10 connections more), a StatefulSet none
        long deployment = ResolvedPlan.of(statefulConnections(1000, false))
                .connections()
                .orElseThrow()
                .total();
        long statefulSet = ResolvedPlan.of(statefulConnections(1000, true))
                .connections()
                .orElseThrow()
                .total();
        assertThat(deployment - statefulSet).isEqualTo(10);
        assertThat(ids(statefulConnections((int) statefulSet, true))).doesNotContain("SP120");
        assertThat(ids(statefulConnections((int) statefulSet - 1, true))).contains("SP120");
        assertThat(ids(statefulConnections((int) statefulSet, false))).contains("SP120");
    }

    private static ScalingPlan statefulRollout(long expectedRps, boolean statefulSet) {
        return plan().service("ledger", s -> {
                    s.requests(cores(1), gib(1))
                            .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                            .capacityPerPod(rps(100))
                            .headroom(1.0)
                            .expectedLoad(rps(expectedRps));
                    if (statefulSet) {
                        s.statefulSet();
                    }
                })
                .build();
    }

    @Test
    void sp116AStatefulSetServesItsLoadWithOnePodRolling() {
        // 10 pods, one rolling: 9 × 100 = 900 rps
        assertThat(ids(statefulRollout(900, true))).doesNotContain("SP116", "SP104");
        assertThat(ids(statefulRollout(901, true))).contains("SP116").doesNotContain("SP104");
        // a Deployment surges first: no finding
        assertThat(ids(statefulRollout(901, false))).doesNotContain("SP116");
        // beyond maxReplicas SP104 says it, SP116 does not repeat it
        assertThat(ids(statefulRollout(1001, true))).contains("SP104").doesNotContain("SP116");
    }

    @Test
    void sp103CountsAStatefulSetsPodsAsADeployments() {
        // the disruption controller reads either owner's scale: 66 % of 3 leaves one eviction, 67 % none
        assertThat(ids(plan().service("a", s -> s.statefulSet().replicas(3).minAvailable(percent(66)))
                        .build()))
                .doesNotContain("SP103");
        assertThat(ids(plan().service("a", s -> s.statefulSet().replicas(3).minAvailable(percent(67)))
                        .build()))
                .contains("SP103");
    }

    @Test
    void sp019RolloutSurgeOnAStatefulSet() {
        assertThat(dslIds(p -> p.service("ledger", s -> s.statefulSet().replicas(3))))
                .isEmpty();
        assertThat(dslIds(p ->
                        p.service("ledger", s -> s.rolloutSurge(percent(25)).replicas(3))))
                .isEmpty();
        assertThat(dslIds(p -> p.service(
                        "ledger", s -> s.rolloutSurge(percent(25)).statefulSet().replicas(3))))
                .containsExactly("SP019");
        assertThat(dslIds(p -> p.service(
                        "ledger", s -> s.statefulSet().rolloutSurge(pods(1)).replicas(3))))
                .containsExactly("SP019");
    }

    private static ScalingPlan redisMemory(Memory maxmemory) {
        return plan().redis(r ->
                        r.limits(cores(1), gib(1)).safeMemoryShare(percent(50)).maxmemory(maxmemory))
                .build();
    }

    @Test
    void sp121RedisMaxmemoryAboveTheSafeShare() {
        assertThat(ids(redisMemory(mib(512)))).doesNotContain("SP121");
        assertThat(ids(redisMemory(new Memory(mib(512).bytes() + 1)))).contains("SP121");
    }

    @Test
    void sp122RedisClusterNeedsThreeMasters() {
        assertThat(ids(plan().redis(r -> r.cluster(6, 1)).build())).doesNotContain("SP122");
        assertThat(ids(plan().redis(r -> r.cluster(4, 1)).build())).contains("SP122");
        assertThat(ids(plan().redis(r -> r.cluster(3, 0)).build())).doesNotContain("SP122");
        assertThat(ids(plan().redis(r -> r.cluster(2, 0)).build())).contains("SP122");
    }

    private static ScalingPlan sharedBuffers(Memory sb) {
        return plan().postgres(pg -> pg.instance(2, gib(4)).set(PgSetting.SHARED_BUFFERS, sb))
                .build();
    }

    @Test
    void sp130SharedBuffersNotBelowTheInstancesMemory() {
        assertThat(ids(sharedBuffers(mib(4095)))).doesNotContain("SP130");
        assertThat(ids(sharedBuffers(gib(4)))).contains("SP130");
    }

    @Test
    void sp008BehaviorWindowsAndPeriods() {
        assertThat(dslIds(
                        p -> p.service("api", s -> s.requests(cores(1), gib(1)).autoscale(a -> a.replicas(1, 3)
                                .cpuUtilization(percent(70))
                                .behavior(b -> b.scaleDown(d -> d.stabilizationWindow(seconds(3600))
                                        .policy(pods(1), seconds(1800))
                                        .policy(pods(1), seconds(1))))))))
                .isEmpty();
        assertThat(dslIds(
                        p -> p.service("api", s -> s.requests(cores(1), gib(1)).autoscale(a -> a.replicas(1, 3)
                                .cpuUtilization(percent(70))
                                .behavior(b -> b.scaleDown(d -> d.stabilizationWindow(seconds(3601))))))))
                .containsExactly("SP008");
        assertThat(dslIds(
                        p -> p.service("api", s -> s.requests(cores(1), gib(1)).autoscale(a -> a.replicas(1, 3)
                                .cpuUtilization(percent(70))
                                .behavior(b -> b.scaleUp(u -> u.policy(pods(1), seconds(1801))))))))
                .containsExactly("SP008");
        assertThat(dslIds(
                        p -> p.service("api", s -> s.requests(cores(1), gib(1)).autoscale(a -> a.replicas(1, 3)
                                .cpuUtilization(percent(70))
                                .behavior(b -> b.scaleUp(u -> u.policy(pods(1), seconds(0))))))))
                .containsExactly("SP008");
        assertThat(dslIds(
                        p -> p.service("api", s -> s.requests(cores(1), gib(1)).autoscale(a -> a.replicas(1, 3)
                                .cpuUtilization(percent(70))
                                .behavior(b -> b.scaleUp(u -> u.policy(pods(0), seconds(15))))))))
                .containsExactly("SP008");
    }

    @Test
    void replicaRangeBounds() {
        assertThat(dslIds(p -> p.service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(3, 3).cpuUtilization(percent(70))))))
                .isEmpty();
        assertThat(dslIds(p -> p.service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(4, 3).cpuUtilization(percent(70))))))
                .isNotEmpty();
        assertThat(dslIds(p -> p.service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(1, 3).cpuUtilization(percent(1))))))
                .isEmpty();
        assertThat(dslIds(p -> p.service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(0, 3).cpuUtilization(percent(70))))))
                .isNotEmpty();
        assertThat(dslIds(p -> p.service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(1, 3).cpuUtilization(percent(0))))))
                .isNotEmpty();
    }

    @Test
    void headroomOfAtLeastOne() {
        assertThat(dslIds(p -> p.service(
                        "api", s -> s.replicas(1).capacityPerPod(rps(100)).headroom(1.0))))
                .isEmpty();
        assertThat(dslIds(p -> p.service(
                        "api", s -> s.replicas(1).capacityPerPod(rps(100)).headroom(0.99))))
                .isNotEmpty();
    }

    @Test
    void sp020SupportedPostgresMajors() {
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).majorVersion(13))))
                .isEmpty();
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).majorVersion(18))))
                .isEmpty();
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).majorVersion(12))))
                .contains("SP020");
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).majorVersion(19))))
                .contains("SP020");
    }

    @Test
    void sp023TypedSettingsWithinTheServersRange() {
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).maxConnections(1))))
                .isEmpty();
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).maxConnections(0))))
                .contains("SP023");
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).set(PgSetting.MAX_CONNECTIONS, 262_143))))
                .isEmpty();
        assertThat(dslIds(p -> p.postgres(pg -> pg.instance(2, gib(4)).set(PgSetting.MAX_CONNECTIONS, 262_144))))
                .contains("SP023");
        assertThat(dslIds(
                        p -> p.postgres(pg -> pg.instance(2, gib(4)).set(PgSetting.CHECKPOINT_COMPLETION_TARGET, 1.0))))
                .isEmpty();
        assertThat(dslIds(p -> p.postgres(
                        pg -> pg.instance(2, gib(4)).set(PgSetting.CHECKPOINT_COMPLETION_TARGET, 1.0000001))))
                .contains("SP023");
    }

    @Test
    void sp031RedisMaxmemoryAboveZero() {
        assertThat(dslIds(p -> p.redis(r -> r.maxmemory(new Memory(1))))).isEmpty();
        assertThat(dslIds(p -> p.redis(r -> r.maxmemory(new Memory(0))))).contains("SP031");
    }

    @Test
    void sp005NodeAllocatableAboveZero() {
        assertThat(dslIds(p -> p.nodePool(
                        "w", n -> n.allocatable(millicores(1), new Memory(1)).nodes(1, 1))))
                .isEmpty();
        assertThat(dslIds(p -> p.nodePool(
                        "w", n -> n.allocatable(millicores(0), new Memory(1)).nodes(1, 1))))
                .contains("SP005");
        assertThat(dslIds(p -> p.nodePool(
                        "w", n -> n.allocatable(millicores(1), new Memory(0)).nodes(1, 1))))
                .contains("SP005");
    }

    @Test
    void servicesUseTheirOwnRpsPerPod() {
        // guards the helper above: the service under test really declares what the boundaries assume
        Service api = load(1000, 10, 1.0).service("api").orElseThrow();
        assertThat(CapacityPlanner.of(api).requiredPods()).contains(10);
    }
}
