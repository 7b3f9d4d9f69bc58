package io.scaleplan.compiler.simulate;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The simulator end to end on small plans: a load in rps becomes CPU use through capacityPerPod
 * and the CPU request, 100 rps per pod at a 1000m request and a 50 % target, so the HPA wants
 * ceil(load / 50) pods.
 */
class SimulatorTest {

    private static ScalingPlan plan(Consumer<LoadProfile.Curve> curve) {
        return ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .nodePool("workers", p -> p.allocatable(millicores(3_920), mib(14_800))
                        .nodes(1, 2))
                .service("api", s -> s.requests(cores(1), gib(1))
                        .limits(cores(2), gib(2))
                        .autoscale(a -> a.replicas(2, 20).cpuUtilization(percent(50)))
                        .capacityPerPod(rps(100))
                        .connectionPoolSize(10))
                .service(
                        "worker",
                        s -> s.requests(millicores(500), mib(512)).replicas(3).connectionPoolSize(5))
                .databaseClient("reporting", 7)
                .postgres(pg -> pg.instance(2, gib(4)).maxConnections(60))
                .loadProfile("step", p -> p.service("api", curve))
                .build();
    }

    private static List<Integer> atSyncs(int syncs, java.util.function.IntUnaryOperator f) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < syncs; i++) {
            out.add(f.applyAsInt(i * 15));
        }
        return out;
    }

    @Test
    void newPodsServeNothingUntilReadyAndCountAsZeroWhileTheHpaScalesUp() {
        // 100 rps on 2 pods is exactly the 50 % target; at second 30 the load steps to 400 rps.
        ScalingPlan plan =
                plan(c -> c.from(rps(100)).hold(seconds(30)).stepTo(rps(400)).hold(minutes(2)));
        ServiceRun api = new Simulator(SimulationOptions.DEFAULTS.withReadySeconds(60))
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        // 30 s: util 200 % → ratio 4 → 8, legacy limit max(2 × 2, 4) = 4. 45 s: 2 ready at 200 %, 2 unready
        // counted at 0: util 100 % → ratio 2 → 8. 60 s to 90 s: unready pods at 0 keep the ratio at 1.0.
        assertThat(atSyncs(9, api::replicasAt)).containsExactly(2, 2, 4, 8, 8, 8, 8, 8, 8);
        assertThat(atSyncs(9, api::readyAt)).containsExactly(2, 2, 2, 2, 2, 2, 4, 8, 8);
        // 2 ready pods serve 200 of the 400 rps from second 30 until the first new pods are ready at 90.
        assertThat(api.secondsOverCapacity()).isEqualTo(60);
        assertThat(api.firstSecondOverCapacity()).contains(30);
        assertThat(api.peakExcessRps()).isEqualTo(200.0);
        assertThat(api.excessRequests()).isEqualTo(60 * 200.0);
        assertThat(api.replicaChanges()).isEqualTo(2);
    }

    private static ScalingPlan statefulSet(io.scaleplan.dsl.PodManagement policy) {
        ScalingPlan plan =
                plan(c -> c.from(rps(100)).hold(seconds(30)).stepTo(rps(400)).hold(minutes(5)));
        return plan.toBuilder()
                .services(plan.services().stream()
                        .map(s -> s.name().equals("api")
                                ? s.toBuilder()
                                        .workload(io.scaleplan.dsl.WorkloadKind.STATEFUL_SET)
                                        .podManagement(policy)
                                        .build()
                                : s)
                        .toList())
                .build();
    }

    @Test
    void anOrderedReadyStatefulSetStartsOnePodAtATimeEachOnceTheOneBeforeIsReady() {
        ScalingPlan ordered = statefulSet(io.scaleplan.dsl.PodManagement.ORDERED_READY);
        ServiceRun api = new Simulator(SimulationOptions.DEFAULTS.withReadySeconds(60))
                .run(ordered, ordered.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        // The HPA asks for what it asks of a Deployment (the scale's spec.replicas: 4 at 30 s, 8 at 45 s),
        // but pod 3 is created at 30 s, pod 4 once pod 3 is Ready at 90 s, pod 5 at 150 s, ...: one more
        // ready pod a minute, instead of 2 more at 90 s and 4 more at 105 s.
        assertThat(atSyncs(4, api::replicasAt)).containsExactly(2, 2, 4, 8);
        assertThat(List.of(api.readyAt(89), api.readyAt(90), api.readyAt(149), api.readyAt(150), api.readyAt(210)))
                .containsExactly(2, 3, 3, 4, 5);
        assertThat(api.readyAt(390)).isEqualTo(8);
        assertThat(api.notes()).anySatisfy(n -> assertThat(n).startsWith("StatefulSet, OrderedReady"));
        // the 400 rps are served once 4 pods are ready, at 150 s: 120 s over capacity, 60 more than in parallel
        assertThat(api.secondsOverCapacity()).isEqualTo(120);

        ScalingPlan parallel = statefulSet(io.scaleplan.dsl.PodManagement.PARALLEL);
        ServiceRun inParallel = new Simulator(SimulationOptions.DEFAULTS.withReadySeconds(60))
                .run(parallel, parallel.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        assertThat(atSyncs(9, inParallel::readyAt)).containsExactly(2, 2, 2, 2, 2, 2, 4, 8, 8);
        assertThat(inParallel.secondsOverCapacity()).isEqualTo(60);
    }

    @Test
    void withoutAReadinessDelayTheSameLoadIsCoveredOneSyncAfterTheStep() {
        ScalingPlan plan =
                plan(c -> c.from(rps(100)).hold(seconds(30)).stepTo(rps(400)).hold(minutes(2)));
        ServiceRun api = new Simulator(SimulationOptions.DEFAULTS.withReadySeconds(0))
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        assertThat(atSyncs(5, api::replicasAt)).containsExactly(2, 2, 4, 8, 8);
        assertThat(atSyncs(5, api::readyAt)).containsExactly(2, 2, 4, 8, 8);
        assertThat(api.secondsOverCapacity()).isZero(); // 4 ready pods serve exactly 400 rps
    }

    @Test
    void eachServiceStartsWhereItsHpaSettlesForTheFirstSecondsLoad() {
        ScalingPlan plan = plan(c -> c.from(rps(530)).hold(minutes(1)));
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow());
        // 530 rps: from 2 pods the legacy path goes 2 → 4 → 8 → 11 (ceil(530 / 50) = 11, then within tolerance).
        assertThat(sim.run("api").orElseThrow().initialReplicas()).isEqualTo(11);
        assertThat(sim.run("api").orElseThrow().replicaChanges()).isZero();
    }

    @Test
    void connectionsCountPoolsTimesReplicasPlusClientsAndTheRolloutSurge() {
        ScalingPlan plan =
                plan(c -> c.from(rps(100)).hold(seconds(30)).stepTo(rps(400)).hold(minutes(2)));
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow());
        // api 2 × 10 + worker 3 × 5 + reporting 7 = 42 at first; api at 8 pods: 80 + 15 + 7 = 102.
        assertThat(sim.connectionsAt(0, false)).isEqualTo(42);
        assertThat(sim.peakConnectionSecond()).isEqualTo(45);
        assertThat(sim.connectionsAt(45, false)).isEqualTo(102);
        // surge 25 % rounds up: api 8 + 2, worker 3 + 1: 100 + 20 + 7.
        assertThat(sim.connectionsAt(45, true)).isEqualTo(127);
        assertThat(ResolvedPlan.of(plan).connections().orElseThrow().maxConnections())
                .isEqualTo(60);
        assertThat(io.scaleplan.compiler.emit.sim.SimulationReport.render(
                        sim, ResolvedPlan.of(plan).connections()))
                .contains("Peak: 102 connections at 00:00:45 (Σ replicas × pool size + other clients), 127 if a"
                        + " rolling update surges every service then; with 3 reserved for superusers, against"
                        + " max_connections 60.\n\n**Over max_connections at peak**: new connections fail.");
    }

    @Test
    void nodeFitAtPeakUsesThePeakReplicas() {
        ScalingPlan plan =
                plan(c -> c.from(rps(100)).hold(seconds(30)).stepTo(rps(400)).hold(minutes(2)));
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow());
        CapacityPlanner.PoolFit fit = sim.poolFitsAtPeak().get(0);
        // 8 api pods of 1 CPU and 3 workers of 500m on 2 nodes of 3620m usable: 11 pods, 9500m of 7240m.
        assertThat(fit.podCount()).isEqualTo(11);
        assertThat(fit.requestedCpu()).isEqualTo(millicores(9_500));
        assertThat(fit.fits()).isFalse();
    }

    @Test
    void metricsWithoutALoadModelAreLeftOutAndSaidSo() {
        ScalingPlan plan = ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 20)
                                .cpuUtilization(percent(50))
                                .memoryUtilization(percent(80))
                                .podsMetric("queue_depth", 30))
                        .capacityPerPod(rps(100)))
                .loadProfile("flat", p -> p.service("api", c -> c.from(rps(100)).hold(minutes(1))))
                .build();
        ServiceRun api = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        assertThat(api.notes())
                .containsExactly(
                        "memory 80%: no load model for memory; left out of the simulation",
                        "Pods metric queue_depth: not declared the request rate; left out of the simulation");
        assertThat(api.hpa().orElseThrow().metrics()).containsExactly(new MetricTarget.Utilization("cpu", 50));
    }
}
