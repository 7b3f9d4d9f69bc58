package io.scaleplan.compiler.simulate;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SelectPolicy;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The differences issue 19 found between the simulator and the HPA controller, each with the
 * numbers the controller gives (each failed before the fix), and the tolerance and metrics-lag
 * options.
 */
class ControllerFidelityTest {
    private static final MetricTarget WANT = new MetricTarget.AverageValue("demand", 1000);

    @Test
    void theLastOutdatedScaleUpSlotIsOverwrittenSoTheEarlierEventStillCountsAgainstScaleDown() {
        // +2 at 30 s, +2 at 45 s, +6 at 75 s (the 45 s slot is overwritten, the 30 s one stays), then a
        // scale-down at 90 s under Percent 10 / 60 s: start 12 − 6 = 6, int(5.4) = 5. Overwriting the
        // first slot instead leaves the +2 at 45 s in the period: start 4, int(3.6) = 3.
        HpaBehavior b = new HpaBehavior(
                HpaBehavior.defaultScaleUp(),
                new HpaBehavior.Rules(0, SelectPolicy.MAX, List.of(new HpaBehavior.Policy(true, 10, 60))));
        HpaController hpa =
                new HpaController(new HpaSpec(1, 100, List.of(WANT), Optional.of(b)), ControllerSettings.DEFAULTS);
        int[] want = {2, 2, 4, 6, 6, 12, 1};
        assertThat(HpaControllerTest.replay(hpa, 2, 7, t -> want[t / 15])).containsExactly(2, 2, 4, 6, 6, 12, 5);
        assertThat(hpa.scaleEvents(true))
                .extracting(HpaController.ScaleEvent::change, HpaController.ScaleEvent::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 30L), org.assertj.core.groups.Tuple.tuple(6, 75L));
    }

    private static Service api(ScalingPlan plan) {
        return plan.service("api").orElseThrow();
    }

    /** The HPA of the plan's {@code api} service as the simulator reads it. */
    private static HpaSpec hpaOf(ScalingPlan plan) {
        return Simulator.hpaOf(api(plan), ControllerSettings.DEFAULTS, new ArrayList<>())
                .orElseThrow();
    }

    private static ScalingPlan rpsPlan(int min) {
        return ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(min, 40)
                                .podsMetric("http_requests_per_second", 100)
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(100)))
                .build();
    }

    @Test
    void perPodSamplesAreMilliQuantitiesRoundedUpThenSummed() {
        // 100 rps over 3 pods: each reports 33334m (33.333… rounded up), the average is 33334m,
        // ratio 0.33334 × 3 = 1.00002: 2 replicas. Rounding the total once gives 33333m and 1.
        ScalingPlan plan = rpsPlan(1);
        HpaSpec spec = hpaOf(plan);
        LoadModel model = new LoadModel(api(plan), 100);
        List<MetricSample> samples = model.steady(spec, 100, 3);
        assertThat(samples.get(0).pods())
                .extracting(p -> p.valueMilli().getAsLong())
                .containsExactly(33_334L, 33_334L, 33_334L);
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS).proposalOf(3, samples))
                .isEqualTo(2);
        // 99 rps: 33000m each, ratio 0.33 × 3 = 0.99: 1 replica.
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS).proposalOf(3, model.steady(spec, 99, 3)))
                .isEqualTo(1);
    }

    /** {@code ready} Running, Ready pods at {@code value} and {@code starting} Running, not Ready pods at 0. */
    private static MetricSample withStartingPods(int ready, long value, int starting, long request) {
        List<MetricSample.Pod> pods = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            pods.add(MetricSample.Pod.ready(value, request));
        }
        for (int i = 0; i < starting; i++) {
            // started 20 s ago, Ready=False since then; its sample is 0 (no traffic reaches it)
            pods.add(new MetricSample.Pod(MetricSample.Phase.RUNNING, false, -20, -20, request, OptionalLong.of(0)));
        }
        return new MetricSample(pods, 0, 15);
    }

    @Test
    void aPodsMetricCountsRunningPodsThatAreNotReadyAtZeroWhileCpuLeavesThemOut() {
        // 4 Ready pods at the target and 4 starting: the Pods metric averages over 8 (ratio 0.5,
        // ceil(0.5 × 8) = 4: a scale-down); CPU leaves the starting pods out (ratio 1.0: hold 8).
        HpaSpec pods = new HpaSpec(1, 20, List.of(new MetricTarget.AverageValue("rps", 100_000)), Optional.empty());
        assertThat(new HpaController(pods, ControllerSettings.DEFAULTS)
                        .proposal(pods.metrics().get(0), 8, withStartingPods(4, 100_000, 4, 0), 0))
                .hasValue(4);
        HpaSpec cpu = new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 50)), Optional.empty());
        assertThat(new HpaController(cpu, ControllerSettings.DEFAULTS)
                        .proposal(cpu.metrics().get(0), 8, withStartingPods(4, 500, 4, 1000), 0))
                .hasValue(8);
    }

    @Test
    void newPodsArePendingWithoutASampleThenRunningNotReadyReportingZero() {
        ScalingPlan plan = rpsPlan(2);
        HpaSpec spec = hpaOf(plan);
        LoadModel model = new LoadModel(api(plan), 100);
        Deployment d = new Deployment(2, 30, 60); // Pending 30 s, then Running-not-Ready 30 s
        d.scaleTo(4, 0);
        MetricSample at15 = model.samples(spec, d, 15, 0, s -> 300).get(0);
        assertThat(at15.pods())
                .extracting(MetricSample.Pod::phase)
                .containsExactly(
                        MetricSample.Phase.RUNNING,
                        MetricSample.Phase.RUNNING,
                        MetricSample.Phase.PENDING,
                        MetricSample.Phase.PENDING);
        MetricSample at45 = model.samples(spec, d, 45, 0, s -> 300).get(0);
        assertThat(at45.pods()).extracting(p -> p.valueMilli().orElse(-1)).containsExactly(150_000L, 150_000L, 0L, 0L);
        assertThat(at45.pods()).extracting(MetricSample.Pod::ready).containsExactly(true, true, false, false);
        // The Pods metric averages 300 rps over all 4 Running pods: ratio 0.75, ceil(0.75 × 4) = 3.
        // Treating the starting pods as Pending (the old model) gave ratio 1.5 over the 2 Ready
        // ones, corrected with the others at 0 to 0.75: a flipped direction, so it held at 4.
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS).proposalOf(4, List.of(at45)))
                .isEqualTo(3);
    }

    @Test
    void aLaggingPipelineReportsOldLoadAndNoSampleForPodsThatWereNotRunningThen() {
        ScalingPlan plan = rpsPlan(2);
        HpaSpec spec = hpaOf(plan);
        LoadModel model = new LoadModel(api(plan), 100);
        Deployment d = new Deployment(2, 0, 0);
        d.scaleTo(3, 30);
        MetricSample lagged =
                model.samples(spec, d, 45, 30, s -> s < 30 ? 100 : 900).get(0);
        // sampled at second 15: 100 rps over the 2 pods ready then; the pod created at 30 has none yet
        assertThat(lagged.sampledAt()).isEqualTo(15);
        assertThat(lagged.pods()).extracting(p -> p.valueMilli().orElse(-1)).containsExactly(50_000L, 50_000L, -1L);
        MetricSample fresh =
                model.samples(spec, d, 45, 0, s -> s < 30 ? 100 : 900).get(0);
        assertThat(fresh.pods())
                .extracting(p -> p.valueMilli().orElse(-1))
                .containsExactly(300_000L, 300_000L, 300_000L);
    }

    @Test
    void aLagDelaysTheScaleUpInTheSimulation() {
        ScalingPlan plan = ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 40)
                                .podsMetric("http_requests_per_second", 100)
                                .requestRate("http_requests_per_second"))
                        .capacityPerPod(rps(100)))
                .loadProfile(
                        "step",
                        p -> p.service("api", c -> c.from(rps(200))
                                .hold(io.scaleplan.dsl.Units.seconds(30))
                                .stepTo(rps(800))
                                .hold(io.scaleplan.dsl.Units.minutes(2))))
                .build();
        ServiceRun fresh = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        ServiceRun lagged = new Simulator(SimulationOptions.DEFAULTS.withMetricsLagSeconds(30))
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
        assertThat(fresh.replicasAt(30)).isGreaterThan(2);
        assertThat(lagged.replicasAt(30)).isEqualTo(2);
        assertThat(lagged.replicasAt(45)).isEqualTo(2);
        assertThat(lagged.replicasAt(60)).isGreaterThan(2);
    }

    private static HpaController tolerant(Optional<Double> up, Optional<Double> down) {
        HpaBehavior b = new HpaBehavior(
                new HpaBehavior.Rules(
                        0, SelectPolicy.MAX, HpaBehavior.defaultScaleUp().policies(), up),
                new HpaBehavior.Rules(0, SelectPolicy.MAX, List.of(new HpaBehavior.Policy(true, 100, 15)), down));
        return new HpaController(new HpaSpec(1, 100, List.of(WANT), Optional.of(b)), ControllerSettings.DEFAULTS);
    }

    /** The proposal at 100 pods whose average is {@code perPodMilli} against a 1000m target. */
    private static int at100(HpaController hpa, long perPodMilli) {
        return hpa.proposalOf(100, List.of(HpaControllerTest.sample(perPodMilli * 100, 0, 100, 0)));
    }

    @Test
    void aDirectionsToleranceReplacesTheGlobalOneOnEachSideOfItsBound() {
        // behavior.scaleUp.tolerance 1 %: 1010m (ratio 1.01) holds, 1011m scales to 102.
        HpaController up = tolerant(Optional.of(0.01), Optional.empty());
        assertThat(at100(up, 1010)).isEqualTo(100);
        assertThat(at100(up, 1011)).isEqualTo(102);
        // the scale-down side keeps the global 10 %: 900m holds, 899m scales
        assertThat(at100(up, 900)).isEqualTo(100);
        assertThat(at100(up, 899)).isEqualTo(90);
        // behavior.scaleDown.tolerance 5 %: 950m holds, 949m scales to 95
        HpaController down = tolerant(Optional.empty(), Optional.of(0.05));
        assertThat(at100(down, 950)).isEqualTo(100);
        assertThat(at100(down, 949)).isEqualTo(95);
        assertThat(at100(down, 1100)).isEqualTo(100); // up keeps 10 %
        assertThat(at100(down, 1101)).isEqualTo(111);
        // without behavior, the global tolerance on both sides
        HpaController legacy =
                new HpaController(new HpaSpec(1, 100, List.of(WANT), Optional.empty()), ControllerSettings.DEFAULTS);
        assertThat(at100(legacy, 1011)).isEqualTo(100);
        assertThat(at100(legacy, 949)).isEqualTo(100);
    }

    @Test
    void toleranceFromThePlanIsEmittedOnlyWhenSetAndReachesTheSimulator() {
        ScalingPlan plan = ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 40)
                                .cpuUtilization(percent(50))
                                .behavior(b -> b.scaleUp(up -> up.tolerance(percent(1)))
                                        .scaleDown(
                                                down -> down.stabilizationWindow(io.scaleplan.dsl.Units.seconds(60)))))
                        .capacityPerPod(rps(100)))
                .build();
        var behavior = api(plan).autoscaling().orElseThrow().behavior().orElseThrow();
        var node = KubeValues.behavior(behavior);
        assertThat(node.get("scaleUp").get("tolerance").asText()).isEqualTo("10m");
        assertThat(node.get("scaleDown").has("tolerance")).isFalse();
        HpaSpec spec = hpaOf(plan);
        assertThat(spec.behavior().orElseThrow().scaleUp().tolerance()).contains(0.01);
        assertThat(spec.behavior().orElseThrow().scaleDown().tolerance()).isEmpty();
    }
}
