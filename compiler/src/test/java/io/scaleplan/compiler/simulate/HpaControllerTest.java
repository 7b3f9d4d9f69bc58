package io.scaleplan.compiler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.SelectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Worked cases from the HPA controller's documented behavior (kubernetes-autoscaling-semantics.md
 * §1.9, §2.2–2.5, §8), each asserting the replica count after every 15 s sync. Every pod is ready
 * unless a case says otherwise.
 */
class HpaControllerTest {
    private static final MetricTarget WANT = new MetricTarget.AverageValue("demand", 1000);

    /**
     * Runs {@code syncs} syncs, 15 s apart from second 0, starting at {@code start} replicas; the
     * metric makes the controller want {@code want(second)} replicas (per-pod average = want / pods).
     */
    static List<Integer> replay(HpaController hpa, int start, int syncs, IntUnaryOperator want) {
        List<Integer> out = new ArrayList<>();
        int current = start;
        for (int i = 0; i < syncs; i++) {
            int now = i * 15;
            long total = (long) want.applyAsInt(now) * 1000;
            current = hpa.sync(now, current, List.of(sample(total, 0, current, 0)));
            out.add(current);
        }
        return out;
    }

    /**
     * {@code ready} Running, Ready pods whose samples sum to {@code totalMilli} (spread as evenly as
     * whole milli-units allow), each requesting {@code requestMilli}, and {@code pending} Pending pods.
     */
    static MetricSample sample(long totalMilli, long requestMilli, int ready, int pending) {
        List<MetricSample.Pod> pods = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            long share = totalMilli / ready + (i < totalMilli % ready ? 1 : 0);
            pods.add(MetricSample.Pod.ready(share, requestMilli));
        }
        for (int i = 0; i < pending; i++) {
            pods.add(new MetricSample.Pod(
                    MetricSample.Phase.PENDING, false, 0, 0, requestMilli, java.util.OptionalLong.empty()));
        }
        return new MetricSample(pods, 0, 15);
    }

    private static HpaController withBehavior(int min, int max, HpaBehavior behavior) {
        return new HpaController(
                new HpaSpec(min, max, List.of(WANT), Optional.of(behavior)), ControllerSettings.DEFAULTS);
    }

    private static HpaController legacy(int min, int max) {
        return new HpaController(new HpaSpec(min, max, List.of(WANT), Optional.empty()), ControllerSettings.DEFAULTS);
    }

    private static HpaBehavior defaults() {
        return new HpaBehavior(HpaBehavior.defaultScaleUp(), HpaBehavior.defaultScaleDown(ControllerSettings.DEFAULTS));
    }

    @Test
    void defaultScaleUpFromOnePodAddsFourOrDoublesEverySync() {
        // §2.5: max(start + 4, 2 × start) per 15 s period: 1 → 5 → 10 → 20 → 40 → 80, then maxReplicas.
        assertThat(replay(withBehavior(1, 100, defaults()), 1, 7, t -> 1000))
                .containsExactly(5, 10, 20, 40, 80, 100, 100);
    }

    @Test
    void legacyPathWithoutBehaviorDoublesWithAMinimumOfFour() {
        // §1.8: scaleUpLimit = max(2 × current, 4), per sync: 1 → 4 → 8 → 16 (default behavior gives 5 first).
        assertThat(replay(legacy(1, 100), 1, 6, t -> 1000)).containsExactly(4, 8, 16, 32, 64, 100);
    }

    @Test
    void docsScaleDownExampleStepsOncePerSixtySecondPeriod() {
        // §2.5: Pods 4 / 60 s and Percent 10 / 60 s, select Max, 80 replicas, the metrics want 10.
        HpaBehavior b = new HpaBehavior(
                HpaBehavior.defaultScaleUp(),
                new HpaBehavior.Rules(
                        0,
                        SelectPolicy.MAX,
                        List.of(new HpaBehavior.Policy(false, 4, 60), new HpaBehavior.Policy(true, 10, 60))));
        assertThat(replay(withBehavior(1, 100, b), 80, 10, t -> 10))
                .containsExactly(72, 72, 72, 72, 64, 64, 64, 64, 57, 57);
    }

    @Test
    void defaultScaleDownWaitsOutTheThreeHundredSecondWindow() {
        // §2.4: the seed recommendation (10 at second 0) holds until it is exactly 300 s old (strict edge).
        List<Integer> replicas = replay(withBehavior(1, 20, defaults()), 10, 22, t -> 2);
        assertThat(replicas.subList(0, 20)).containsOnly(10);
        assertThat(replicas.subList(20, 22)).containsExactly(2, 2); // second 300 and 315
    }

    @Test
    void legacyScaleDownCountsARecommendationExactlyThreeHundredSecondsOld() {
        // §1.8: in the legacy path a sample exactly window old still counts, so the drop comes one sync later.
        List<Integer> replicas = replay(legacy(1, 20), 10, 23, t -> 2);
        assertThat(replicas.subList(0, 21)).containsOnly(10);
        assertThat(replicas.subList(21, 23)).containsExactly(2, 2); // second 315 and 330
    }

    @Test
    void aSpikeInsideTheWindowKeepsReplicasUpUntilItExpires() {
        // The load wants 2, except 8 at second 60: the scale-down window holds 8 until second 360.
        List<Integer> replicas = replay(withBehavior(1, 20, defaults()), 4, 27, t -> t == 60 ? 8 : 2);
        assertThat(replicas.subList(0, 4)).containsOnly(4);
        assertThat(replicas.subList(4, 24)).containsOnly(8); // seconds 60 .. 345
        assertThat(replicas.subList(24, 27)).containsOnly(2); // from second 360
    }

    @Test
    void toleranceBandIsInclusiveAtExactlyTenPercent() {
        // §1.9 G: target 50 %, utilization 55 % is a ratio of exactly 1.1: no change; 56 % scales.
        HpaController at55 = new HpaController(
                new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 50)), Optional.empty()),
                ControllerSettings.DEFAULTS);
        assertThat(syncUtilization(at55, 4, 550, 3)).containsExactly(4, 4, 4);
        HpaController at56 = new HpaController(
                new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 50)), Optional.empty()),
                ControllerSettings.DEFAULTS);
        assertThat(syncUtilization(at56, 4, 560, 1)).containsExactly(5); // ceil(1.12 × 4) = ceil(4.48)
        HpaController at45 = new HpaController(
                new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 50)), Optional.empty()),
                new ControllerSettings(15, 0.1, 0));
        // 45 % is a ratio of exactly 0.9, inside the band; 44 % would propose ceil(0.88 × 10) = 9.
        assertThat(syncUtilization(at45, 10, 450, 3)).containsExactly(10, 10, 10);
    }

    /** Syncs with every pod at {@code perPodMilli} of a 1000m request. */
    private static List<Integer> syncUtilization(HpaController hpa, int start, long perPodMilli, int syncs) {
        List<Integer> out = new ArrayList<>();
        int current = start;
        for (int i = 0; i < syncs; i++) {
            current = hpa.sync(i * 15L, current, List.of(sample(perPodMilli * current, 1000, current, 0)));
            out.add(current);
        }
        return out;
    }

    @Test
    void workedExampleAUtilizationIsTruncatedBeforeTheRatio() {
        // §1.9 A: 1960m of 2000m requested, target 60 %: util 98, r = 1.6333, ceil(6.53) = 7.
        HpaController hpa = new HpaController(
                new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 60)), Optional.empty()),
                ControllerSettings.DEFAULTS);
        assertThat(hpa.sync(0, 4, List.of(sample(1960, 500, 4, 0)))).isEqualTo(7);
    }

    @Test
    void workedExamplesCWithUnreadyPodsCountedAsZeroOnScaleUp() {
        // §1.9 C: 3 ready pods at 1200m of 1000m, 2 unready, target 60 %: r' = 1.2, ceil(6.0) = 6.
        HpaSpec spec = new HpaSpec(1, 20, List.of(new MetricTarget.Utilization("cpu", 60)), Optional.empty());
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS).sync(0, 5, List.of(sample(3600, 1000, 3, 2))))
                .isEqualTo(6);
        // C′: the ready pods use 900m: r' = 54 / 60 = 0.9 is within tolerance, so no change.
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS).sync(0, 5, List.of(sample(2700, 1000, 3, 2))))
                .isEqualTo(5);
    }

    @Test
    void goFloatingPointIsMatchedNotCorrected() {
        // §1.10: 70 / 30 × 27 = 63.00000000000001 in binary64, so the controller proposes 64.
        HpaController hpa = new HpaController(
                new HpaSpec(1, 100, List.of(new MetricTarget.Utilization("cpu", 30)), Optional.empty()),
                ControllerSettings.DEFAULTS);
        MetricTarget cpu = hpa.spec().metrics().get(0);
        assertThat(hpa.proposal(cpu, 27, sample(700L * 27, 1000, 27, 0), 0)).hasValue(64);
        // and the legacy path then limits the sync to max(2 × 27, 4) = 54
        assertThat(hpa.sync(0, 27, List.of(sample(700L * 27, 1000, 27, 0)))).isEqualTo(54);
    }

    @Test
    void aMetricThatWouldScaleDownLosesToOneThatWouldScaleUp() {
        // §1.7: cpu at 20 % of a 50 % target proposes ceil(0.4 × 10) = 4; the rps metric at 1.5 × its
        // target proposes 15; the controller takes the largest.
        HpaSpec spec = new HpaSpec(
                1,
                30,
                List.of(new MetricTarget.Utilization("cpu", 50), new MetricTarget.AverageValue("rps", 100_000)),
                Optional.empty());
        HpaController hpa = new HpaController(spec, ControllerSettings.DEFAULTS);
        List<Integer> out = new ArrayList<>();
        int current = 10;
        for (int i = 0; i < 3; i++) {
            long cpuPerPod = current == 10 ? 200 : 200 * 10 / current;
            current = hpa.sync(
                    i * 15L,
                    current,
                    List.of(sample(cpuPerPod * current, 1000, current, 0), sample(1_500_000, 0, current, 0)));
            out.add(current);
        }
        // 10 → 15; then 1500 rps over 15 pods is 100 each: exactly on target, and cpu alone cannot pull down.
        assertThat(out).containsExactly(15, 15, 15);
    }

    @Test
    void aMetricWithinToleranceBlocksTheScaleDownOfAnother() {
        HpaSpec spec = new HpaSpec(
                1,
                30,
                List.of(new MetricTarget.Utilization("cpu", 50), new MetricTarget.AverageValue("rps", 100_000)),
                Optional.empty());
        HpaController hpa = new HpaController(spec, new ControllerSettings(15, 0.1, 0));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(hpa.sync(i * 15L, 10, List.of(sample(2000, 1000, 10, 0), sample(1_050_000, 0, 10, 0))));
        }
        assertThat(out).containsExactly(10, 10, 10);
    }

    @Test
    void overwrittenScaleUpEventsDropOutOfALongerScaleDownPeriod() {
        // §2.5: +4 at 0 s, +5 at 15 s, +10 at 30 s (the +4 slot is reused), then a scale-down wanted at
        // 45 s under Percent 10 / 60 s starts from 20 − 15 = 5: limit int(4.5) = 4.
        HpaBehavior b = new HpaBehavior(
                HpaBehavior.defaultScaleUp(),
                new HpaBehavior.Rules(0, SelectPolicy.MAX, List.of(new HpaBehavior.Policy(true, 10, 60))));
        assertThat(replay(withBehavior(1, 100, b), 1, 4, t -> t < 45 ? 1000 : 1))
                .containsExactly(5, 10, 20, 4);
    }

    @Test
    void replicasOutsideTheRangeAreClampedWithoutReadingMetrics() {
        assertThat(replay(withBehavior(3, 10, defaults()), 1, 2, t -> 1)).containsExactly(3, 3);
        assertThat(replay(legacy(3, 10), 25, 2, t -> 1000)).containsExactly(10, 10);
    }

    @Test
    void noReadyPodMeansNoScaling() {
        HpaController hpa = legacy(1, 10);
        assertThat(hpa.sync(0, 4, List.of(sample(0, 0, 0, 4)))).isEqualTo(4);
    }
}
