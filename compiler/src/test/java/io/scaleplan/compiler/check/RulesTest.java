package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import io.scaleplan.testing.SourceLines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule: a plan that trips it, with the exact diagnostic, and one that passes. */
class RulesTest {
    private static final MetricSource REQUESTS = MetricSource.rate("http_requests_total");

    @Test
    void sp140PodsMetricWithoutASource() {
        ScalingPlan trips = plan().service(
                        "usage-metering", s -> s.requests(cores(1), gib(2)).autoscale(a -> a.replicas(3, 20) // @sp140
                                .podsMetric("http_requests_per_second", 700)
                                .requestRate("http_requests_per_second")
                                .podsMetric("queue_depth", 5, MetricSource.gauge("queue_depth"))))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp140") + ": warning: [SP140] prod · usage-metering: Pods metric"
                        + " http_requests_per_second declares no source: no prometheus-adapter rule makes it exist,"
                        + " and without one the HPA reports 'Metrics not available'");
        ScalingPlan passes = plan().service(
                        "usage-metering", s -> s.requests(cores(1), gib(2)).autoscale(a -> a.replicas(3, 20)
                                .podsMetric("http_requests_per_second", 700, REQUESTS)
                                .requestRate("http_requests_per_second")
                                .podsMetric("queue_depth", 5, MetricSource.gauge("queue_depth"))))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    private static final String FILE = "io/scaleplan/compiler/check/RulesTest.java";

    private static ScalingPlan.Builder plan() {
        return ScalingPlan.builder("prod").namespace("arka-system").helmRelease("arka", "./arka-engine");
    }

    private static List<String> check(ScalingPlan plan) {
        return new Checker().check(plan).stream().map(Diagnostic::toString).toList();
    }

    private static String at(String marker) {
        return FILE + ":" + SourceLines.of(FILE, marker);
    }

    @Test
    void sp101UtilizationWithoutRequest() {
        ScalingPlan trips = plan().service(
                        "policy-engine",
                        s -> s.autoscale(a -> a.replicas(2, 10) // @sp101
                                .cpuUtilization(percent(70))
                                .memoryUtilization(percent(80))))
                .build();
        assertThat(check(trips))
                .containsExactly(
                        at("@sp101") + ": error: [SP101] prod · policy-engine: CPU utilization target 70% but no CPU"
                                + " request: the HPA cannot compute CPU utilization and will not scale",
                        at("@sp101") + ": error: [SP101] prod · policy-engine: memory utilization target 80% but no"
                                + " memory request: the HPA cannot compute memory utilization and will not scale");
        ScalingPlan passes = plan().service("policy-engine", s -> s.requests(millicores(250), mib(512))
                        .autoscale(a ->
                                a.replicas(2, 10).cpuUtilization(percent(70)).memoryUtilization(percent(80))))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    @Test
    void sp102LimitBelowRequest() {
        ScalingPlan trips = plan().service("api", s -> s.replicas(2)
                        .requests(cores(2), gib(4)) // @sp102
                        .limits(cores(1), gib(4)))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp102") + ": error: [SP102] prod · api: CPU limit 1 is below the CPU request 2");
        assertThat(check(plan().service(
                                "api",
                                s -> s.replicas(2).requests(cores(1), gib(4)).limits(cores(1), gib(4)))
                        .build()))
                .isEmpty();
    }

    @Test
    void sp103BudgetsThatBlockEvictionAtMinReplicas() {
        ScalingPlan trips = plan().service("a", s -> s.replicas(2).minAvailable(2)) // @sp103-int
                .service("b", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(3, 10).cpuUtilization(percent(70)))
                        .minAvailable(percent(90))) // @sp103-percent
                .service("c", s -> s.replicas(5).maxUnavailable(0)) // @sp103-zero
                .build();
        assertThat(check(trips))
                .containsExactly(
                        at("@sp103-int") + ": error: [SP103] prod · a: PodDisruptionBudget minAvailable 2 allows no"
                                + " eviction at replicas 2: disruptionsAllowed = 2 − 2 ≤ 0; node drains and scale-down block",
                        at("@sp103-percent") + ": error: [SP103] prod · b: PodDisruptionBudget minAvailable 90% rounds"
                                + " up to 3 of 3 pods at minReplicas 3: disruptionsAllowed = 3 − 3 = 0; node drains and"
                                + " scale-down block",
                        at("@sp103-zero") + ": error: [SP103] prod · c: PodDisruptionBudget maxUnavailable 0 allows no"
                                + " eviction at any replica count; node drains and scale-down block");
        ScalingPlan passes = plan().service("a", s -> s.replicas(3).minAvailable(2))
                .service("b", s -> s.replicas(3).minAvailable(percent(50)))
                .service("c", s -> s.replicas(1).maxUnavailable(pods(1)))
                .service("d", s -> s.replicas(0).minAvailable(1))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    @Test
    void sp104TheRunbooksFormulaAgainstMaxReplicas() {
        ScalingPlan trips = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 6).cpuUtilization(percent(70))) // @sp104
                        .capacityPerPod(rps(1_000))
                        .expectedLoad(rps(5_000)))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp104") + ": error: [SP104] prod · usage-metering: expected load 5000 rps needs"
                        + " ceil(5000 / 1000 × 1.3) = ceil(6.5) = 7 pods (rps / rps per pod × headroom), but"
                        + " maxReplicas is 6");
        ScalingPlan passes = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 7).cpuUtilization(percent(70)))
                        .capacityPerPod(rps(1_000))
                        .expectedLoad(rps(5_000)))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    @Test
    void sp105RateTargetAtWhatAPodTopsOutAt() {
        ScalingPlan trips = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20) // @sp105
                                .podsMetric("http_requests_per_second", 1_000, REQUESTS)
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(1_000)))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp105") + ": warning: [SP105] prod · usage-metering: Pods metric"
                        + " http_requests_per_second targets 1000 rps per pod (1k), but a pod tops out at 1000 rps:"
                        + " with headroom 1.3 the target must be at most 1000 / 1.3 = 769.23");
        ScalingPlan passes = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20)
                                .podsMetric("http_requests_per_second", 769, REQUESTS)
                                .requestRate("http_requests_per_second")
                                .podsMetric("queue_depth", 5_000, MetricSource.gauge("queue_depth")))
                        .capacityPerPod(rps(1_000)))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    @Test
    void sp106LoadWithoutCapacity() {
        ScalingPlan trips = plan().service("api", s -> s.replicas(3).expectedLoad(rps(400))) // @sp106
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp106") + ": warning: [SP106] prod · api: expected load 400 rps but no"
                        + " capacityPerPod(...): the pods needed cannot be computed");
    }

    private static ScalingPlan.Builder withPool(int maxNodes) {
        return plan().nodePool("arka-workers", p -> p.allocatable(cores(4), gib(16)) // @pool
                        .nodes(1, maxNodes)
                        .reserve(millicores(500), gib(1)))
                .service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70))));
    }

    @Test
    void sp107PodsAtMaxReplicasMustFitThePool() {
        // 20 pods × (1 CPU, 2Gi); a node gives 3500m / 15Gi after its reserve: 3 pods per node (CPU binds)
        assertThat(check(withPool(6).build()))
                .containsExactly(at("@pool") + ": error: [SP107] prod · node pool arka-workers: at maxReplicas the"
                        + " pods request 20 CPU and 40Gi (20 pods), but 6 nodes offer 21 CPU and 90Gi after reserves;"
                        + " CPU binds (95% requested): 18 of 20 pods fit");
        assertThat(check(withPool(7).build())).isEmpty();
    }

    @Test
    void sp108APodLargerThanANode() {
        ScalingPlan trips = withPool(50)
                .service("batch", s -> s.replicas(1).requests(cores(4), gib(1)))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@pool") + ": error: [SP108] prod · node pool arka-workers: batch requests 4 CPU /"
                        + " 1Gi per pod, more than a node offers after its reserve (3500m CPU / 15Gi): its pods never"
                        + " schedule");
    }

    @Test
    void sp109UnknownPool() {
        ScalingPlan trips = withPool(10)
                .service("x", s -> s.replicas(1).nodePool("gpu")) // @sp109
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp109") + ": error: [SP109] prod · x: runs on node pool \"gpu\", which the plan"
                        + " does not declare (pools: arka-workers)");
    }

    @Test
    void suppressionsNeedAReasonAndAreReportedWhenUnused() {
        ScalingPlan plan = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20)
                                .podsMetric("http_requests_per_second", 1_000, REQUESTS)
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(1_000))
                        .suppress("SP105", "the runbook's target until the next capacity test"))
                .service("api", s -> s.replicas(2).suppress("SP104", "nothing to hide")) // @unused
                .suppress("SP999", "no such rule") // @unknown
                .build();
        assertThat(check(plan))
                .containsExactly(
                        at("@unknown")
                                + ": error: [SP012] prod: suppress(\"SP999\", ...) names no rule: see docs/rules.md",
                        at("@unused") + ": warning: [SP013] prod · api: suppress(\"SP104\", ...) matches no finding");
    }

    @Test
    void severityCanBeRaisedPerPlan() {
        ScalingPlan plan = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20)
                                .podsMetric("http_requests_per_second", 1_000, REQUESTS)
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(1_000)))
                .severity("SP105", Severity.ERROR)
                .build();
        assertThat(new Checker().check(plan)).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("SP105");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aSuppressionWithoutAReasonIsRejectedByTheBuilder() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> plan().service("a", s -> s.replicas(1).suppress("SP104", " "))
                                .build())
                .hasMessageEndingWith("[SP012] prod · a: suppress(\"SP104\", ...) needs a reason a reviewer can read");
    }

    @Test
    void sp120ConnectionsAtFullScaleAgainstMaxConnections() {
        ScalingPlan trips = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 50).cpuUtilization(percent(70)))
                        .connectionPoolSize(10))
                .service("license-authority", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(2, 30).cpuUtilization(percent(70)))
                        .connectionPoolSize(5))
                .databaseClient("reporting-etl", 20)
                .postgres(pg -> pg.limits(cores(4), gib(16)).maxConnections(500)) // @sp120
                .build();
        // (50 + ceil(25% of 50) = 13) × 10 = 630; (30 + 8) × 5 = 190; + 20 + 3 reserved = 843
        assertThat(check(trips))
                .containsExactly(
                        at("@sp120") + ": error: [SP120] prod · postgres: at maxReplicas plus rollout surge the"
                                + " services open 820 connections (usage-metering (50 + 13 surge) × 10 = 630, license-authority"
                                + " (30 + 8 surge) × 5 = 190) + 20 for other clients + 3 reserved = 843 > max_connections 500");
        ScalingPlan passes = plan().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70)))
                        .connectionPoolSize(10)
                        .rolloutSurge(pods(1)))
                .postgres(pg -> pg.limits(cores(4), gib(16)).maxConnections(500))
                .build();
        assertThat(check(passes)).isEmpty();
    }

    @Test
    void sp121RedisMaxmemoryAboveItsSafeShare() {
        ScalingPlan trips = plan().service("api", s -> s.replicas(2))
                .redis(r -> r.replicas(3) // @sp121
                        .maxmemory(gib(2))
                        .limits(cores(1), mib(2560)))
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp121") + ": error: [SP121] prod · redis: maxmemory 2Gi is 80% of the container's"
                        + " memory limit 2560Mi; above 75% (1920Mi) a BGSAVE fork or replication buffers get the pod"
                        + " OOM-killed");
        assertThat(check(plan().service("api", s -> s.replicas(2))
                        .redis(r -> r.replicas(3)
                                .maxmemory(gib(2))
                                .limits(cores(1), mib(2560))
                                .safeMemoryShare(percent(80)))
                        .build()))
                .isEmpty();
        assertThat(check(plan().service("api", s -> s.replicas(2))
                        .redis(r -> r.replicas(3).maxmemory(gib(2)).limits(cores(1), gib(3)))
                        .build()))
                .isEmpty();
    }

    @Test
    void sp122RedisClusterShape() {
        ScalingPlan notAMultiple = plan().service("api", s -> s.replicas(2))
                .redis(r -> r.cluster(7, 1)) // @sp122-multiple
                .build();
        assertThat(check(notAMultiple))
                .containsExactly(
                        at("@sp122-multiple") + ": error: [SP122] prod · redis: a cluster of 7 nodes with 1"
                                + " replica(s) per master: 7 is not a multiple of 1 + 1 = 2, so nodes ≠ masters × (1 + replicas)");
        ScalingPlan tooFewMasters = plan().service("api", s -> s.replicas(2))
                .redis(r -> r.cluster(4, 1)) // @sp122-masters
                .build();
        assertThat(check(tooFewMasters))
                .containsExactly(at("@sp122-masters") + ": error: [SP122] prod · redis: a cluster of 4 nodes with 1"
                        + " replica(s) per master has 2 master(s); Redis Cluster needs at least 3");
        assertThat(check(plan().service("api", s -> s.replicas(2))
                        .redis(r -> r.cluster(6, 1))
                        .build()))
                .isEmpty();
    }

    @Test
    void sp123PoolWithoutDatabase() {
        ScalingPlan trips = plan().service("api", s -> s.replicas(2).connectionPoolSize(10)) // @sp123
                .build();
        assertThat(check(trips))
                .containsExactly(at("@sp123") + ": warning: [SP123] prod · api: connectionPoolSize(10) but the plan"
                        + " declares no PostgreSQL: the budget cannot be checked");
    }

    @Test
    void dataTierPodsCountInTheOnlyPool() {
        // 20 usage-metering pods fit 7 nodes alone (see sp107); the PostgreSQL primary and 3 replicas at 2 CPU do not
        ScalingPlan plan = withPool(7)
                .postgres(pg ->
                        pg.requests(cores(2), gib(8)).limits(cores(4), gib(14)).readReplicas(3))
                .build();
        assertThat(check(plan)).singleElement().asString().contains("[SP107]").contains("(24 pods)");
    }
}
