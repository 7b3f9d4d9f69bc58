package io.scaleplan.compiler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.SelectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases ported from the Kubernetes repository's own HPA controller tests, {@code
 * pkg/controller/podautoscaler/replica_calculator_test.go} and {@code horizontal_test.go} (read
 * through the search index: kubernetes/kubernetes @ 0006726 and @ 003e862), with their expected
 * numbers. Each case names the upstream file and test (and, for table tests, the row's name).
 *
 * <p>The replica-calculator cases run with the upstream tests' settings: tolerance 0.1, a CPU
 * initialization period of 2 min and an initial readiness delay of 10 s ({@code
 * defaultTesting*}); pods of two containers each requesting the given CPU (so a pod requests and
 * reports twice the per-container figures: ratios are unchanged); a "hot" pod started now, a
 * "cool" one 3 min ago, an unset start or transition time is the zero time (long ago); samples
 * carry the zero timestamp and a 1 min window. A pod marked for deletion or Failed is ignored,
 * which our model calls {@link MetricSample.Phase#FAILED}.
 */
class UpstreamHpaCasesTest {
    private static final long ZERO_TIME = -1_000_000_000L;
    private static final long HOT = 0;
    private static final long COOL = -180;
    private static final ControllerSettings TESTING = new ControllerSettings(15, 0.1, 300, 120, 10);

    private static final String RC = "replica_calculator_test.go ";
    private static final String HZ = "horizontal_test.go ";

    /** One pod of a replica-calculator case. */
    private record P(boolean ready, long start, MetricSample.Phase phase) {}

    private static P ok() {
        return new P(true, ZERO_TIME, MetricSample.Phase.RUNNING);
    }

    private static P unready() {
        return new P(false, ZERO_TIME, MetricSample.Phase.RUNNING);
    }

    private static P started(boolean ready, long start) {
        return new P(ready, start, MetricSample.Phase.RUNNING);
    }

    private static P pending() {
        return new P(false, ZERO_TIME, MetricSample.Phase.PENDING);
    }

    private static P failed() {
        return new P(false, ZERO_TIME, MetricSample.Phase.FAILED);
    }

    private static List<P> oks(int n) {
        List<P> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ok());
        }
        return out;
    }

    /**
     * A replica-calculator case: pod i gets {@code levels[i]} (per container, as upstream), or no
     * sample past the end of the array; {@code requestMilli} per container, or one per pod.
     */
    private static int calc(MetricTarget target, int current, List<P> pods, long[] requests, long... levels) {
        List<MetricSample.Pod> out = new ArrayList<>();
        boolean cpu = target instanceof MetricTarget.Utilization;
        for (int i = 0; i < pods.size(); i++) {
            P p = pods.get(i);
            long request = cpu ? 2 * (requests.length == 1 ? requests[0] : requests[i]) : 0;
            OptionalLong value =
                    i < levels.length ? OptionalLong.of(cpu ? 2 * levels[i] : levels[i]) : OptionalLong.empty();
            out.add(new MetricSample.Pod(p.phase(), p.ready(), p.start(), ZERO_TIME, request, value));
        }
        HpaController hpa = new HpaController(new HpaSpec(1, 1000, List.of(target), Optional.empty()), TESTING);
        return hpa.proposal(target, current, new MetricSample(out, ZERO_TIME, 60), 0)
                .orElse(-1);
    }

    private static MetricTarget cpu(int percent) {
        return new MetricTarget.Utilization("cpu", percent);
    }

    private static MetricTarget qps(long targetMilli) {
        return new MetricTarget.AverageValue("qps", targetMilli);
    }

    private static final long[] ONE_CORE = {1000};

    static List<Arguments> replicaCalculatorCases() {
        return List.of(
                Arguments.of(RC + "TestReplicaCalcScaleUp", calc(cpu(30), 3, oks(3), ONE_CORE, 300, 500, 700), 5),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpUnreadyLessScale",
                        calc(cpu(30), 3, List.of(unready(), ok(), ok()), ONE_CORE, 300, 500, 700),
                        4),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpHotCpuLessScale",
                        calc(
                                cpu(30),
                                3,
                                List.of(started(true, HOT), started(true, COOL), started(true, COOL)),
                                ONE_CORE,
                                300,
                                500,
                                700),
                        4),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpUnreadyNoScale",
                        calc(cpu(30), 3, List.of(ok(), unready(), unready()), ONE_CORE, 400, 500, 700),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcScaleHotCpuNoScale",
                        calc(
                                cpu(30),
                                3,
                                List.of(started(true, COOL), started(false, HOT), started(false, HOT)),
                                ONE_CORE,
                                400,
                                500,
                                700),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpIgnoresFailedPods",
                        calc(cpu(30), 2, List.of(ok(), ok(), failed(), failed()), ONE_CORE, 500, 700),
                        4),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpCM", calc(qps(15000), 3, oks(3), ONE_CORE, 20000, 10000, 30000), 4),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale",
                        calc(
                                qps(15000),
                                3,
                                List.of(started(true, COOL), started(true, COOL), started(false, HOT)),
                                ONE_CORE,
                                50000,
                                10000,
                                30000),
                        6),
                Arguments.of(
                        RC + "TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown",
                        calc(
                                qps(15000),
                                3,
                                List.of(started(false, HOT), started(true, COOL), started(false, HOT)),
                                ONE_CORE,
                                50000,
                                15000,
                                30000),
                        7),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDown",
                        calc(cpu(50), 5, oks(5), ONE_CORE, 100, 300, 500, 250, 250),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDownCM",
                        calc(qps(20000), 5, oks(5), ONE_CORE, 12000, 12000, 12000, 12000, 12000),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDownIncludeUnreadyPods",
                        calc(
                                cpu(50),
                                5,
                                List.of(ok(), ok(), ok(), unready(), unready()),
                                ONE_CORE,
                                100,
                                300,
                                500,
                                250,
                                250),
                        2),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDownExcludeUnscheduledPods",
                        calc(cpu(50), 5, List.of(ok(), pending(), pending(), pending(), pending()), ONE_CORE, 100),
                        1),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDownIgnoreHotCpuPods",
                        calc(
                                cpu(50),
                                5,
                                List.of(
                                        started(true, COOL),
                                        started(true, COOL),
                                        started(true, COOL),
                                        started(true, HOT),
                                        started(true, HOT)),
                                ONE_CORE,
                                100,
                                300,
                                500,
                                250,
                                250),
                        2),
                Arguments.of(
                        RC + "TestReplicaCalcScaleDownIgnoresFailedPods",
                        calc(
                                cpu(50),
                                5,
                                List.of(ok(), ok(), ok(), ok(), ok(), failed(), failed()),
                                ONE_CORE,
                                100,
                                300,
                                500,
                                250,
                                250),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcTolerance",
                        calc(cpu(100), 3, oks(3), new long[] {900, 1000, 1100}, 1010, 1030, 1020),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcToleranceCM",
                        calc(qps(20000), 3, oks(3), ONE_CORE, 20000, 21000, 21000),
                        3),
                Arguments.of(RC + "TestReplicaCalcMissingMetrics", calc(cpu(100), 4, oks(4), ONE_CORE, 400, 95), 3),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsNoChangeEq", calc(cpu(100), 2, oks(2), ONE_CORE, 1000), 2),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsNoChangeGt", calc(cpu(100), 2, oks(2), ONE_CORE, 1900), 2),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsNoChangeLt", calc(cpu(100), 2, oks(2), ONE_CORE, 600), 2),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsUnreadyChange",
                        calc(cpu(50), 3, List.of(unready(), ok(), ok()), ONE_CORE, 100, 450),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsHotCpuNoChange",
                        calc(
                                cpu(50),
                                3,
                                List.of(started(true, HOT), started(true, COOL), started(true, COOL)),
                                ONE_CORE,
                                100,
                                450),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsUnreadyScaleUp",
                        calc(cpu(50), 3, List.of(unready(), ok(), ok()), ONE_CORE, 100, 2000),
                        4),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsHotCpuScaleUp",
                        calc(
                                cpu(50),
                                3,
                                List.of(started(false, HOT), started(true, COOL), started(true, COOL)),
                                ONE_CORE,
                                100,
                                2000),
                        4),
                Arguments.of(
                        RC + "TestReplicaCalcMissingMetricsUnreadyScaleDown",
                        calc(cpu(50), 4, List.of(unready(), ok(), ok(), ok()), ONE_CORE, 100, 100, 100),
                        3),
                Arguments.of(
                        RC + "TestReplicaCalcDuringRollingUpdateWithMaxSurge",
                        calc(cpu(50), 2, oks(3), ONE_CORE, 100, 100),
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replicaCalculatorCases")
    void replicaCalculator(String upstream, int actual, int expected) {
        assertThat(actual).as(upstream).isEqualTo(expected);
    }

    // --- horizontal_test.go: rate limits, scale events, stabilization ---

    /** {@code generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow)}: select Max. */
    private static HpaBehavior.Rules rules(int pods, int podsPeriod, int percent, int percentPeriod, int window) {
        List<HpaBehavior.Policy> policies = new ArrayList<>();
        if (pods != 0) {
            policies.add(new HpaBehavior.Policy(false, pods, podsPeriod));
        }
        if (percent != 0) {
            policies.add(new HpaBehavior.Policy(true, percent, percentPeriod));
        }
        return new HpaBehavior.Rules(window, SelectPolicy.MAX, policies);
    }

    /** {@code generateEventsUniformDistribution}: events in the middle of equal segments of the last {@code period} s. */
    private static long[] uniform(int count, int period) {
        long[] at = new long[count];
        double segment = (double) period / count;
        for (int i = 0; i < count; i++) {
            at[i] = -(long) (period - segment * (i + 1) + segment / 2);
        }
        return at;
    }

    /**
     * A {@code TestScalingWithRules} row: {@code convertDesiredReplicasWithBehaviorRate} at second
     * 0 with the given events; a null direction takes the API's default rules.
     */
    private static int rate(
            int min,
            int max,
            HpaBehavior.Rules up,
            HpaBehavior.Rules down,
            int[] upEvents,
            int[] downEvents,
            int current,
            int desired) {
        HpaBehavior b = new HpaBehavior(
                up == null ? HpaBehavior.defaultScaleUp() : up,
                down == null ? HpaBehavior.defaultScaleDown(ControllerSettings.DEFAULTS) : down);
        HpaController hpa = new HpaController(
                new HpaSpec(min, max, List.of(qps(1000)), Optional.of(b)), ControllerSettings.DEFAULTS);
        long[] upAt = uniform(upEvents.length, 120);
        for (int i = 0; i < upEvents.length; i++) {
            hpa.seedScaleEvent(true, upEvents[i], upAt[i]);
        }
        long[] downAt = uniform(downEvents.length, 120);
        for (int i = 0; i < downEvents.length; i++) {
            hpa.seedScaleEvent(false, downEvents[i], downAt[i]);
        }
        return hpa.convertWithBehaviorRate(0, current, desired, b);
    }

    private static final int[] NONE = {};
    private static final String SWR = HZ + "TestScalingWithRules/";

    static List<Arguments> rateLimitCases() {
        return List.of(
                Arguments.of(SWR + "scaleUp with default behavior", rate(1, 1000, null, null, NONE, NONE, 10, 50), 20),
                Arguments.of(
                        SWR + "scaleUp with pods policy larger than percent policy",
                        rate(1, 1000, rules(100, 60, 100, 60, 0), null, NONE, NONE, 10, 500),
                        110),
                Arguments.of(
                        SWR + "scaleUp with percent policy larger than pods policy",
                        rate(1, 1000, rules(2, 60, 100, 60, 0), null, NONE, NONE, 10, 500),
                        20),
                Arguments.of(
                        SWR + "scaleUp with pod policy limitation",
                        rate(1, 1000, rules(30, 60, 0, 0, 0), null, NONE, NONE, 10, 50),
                        40),
                Arguments.of(
                        SWR + "scaleUp with percent policy limitation",
                        rate(1, 1000, rules(0, 0, 200, 60, 0), null, NONE, NONE, 10, 50),
                        30),
                Arguments.of(
                        SWR + "scaleDown with percent policy larger than pod policy",
                        rate(1, 1000, null, rules(20, 60, 1, 60, 300), NONE, NONE, 100, 2),
                        80),
                Arguments.of(
                        SWR + "scaleDown with pod policy larger than percent policy",
                        rate(1, 1000, null, rules(2, 60, 1, 60, 300), NONE, NONE, 100, 2),
                        98),
                Arguments.of(
                        SWR + "scaleDown with spec MinReplicas limitation with large percent policy",
                        rate(5, 1000, null, rules(0, 0, 100, 60, 300), NONE, NONE, 10, 2),
                        5),
                Arguments.of(
                        SWR + "scaleUp with spec MaxReplicas limitation with large pod policy and events",
                        rate(1, 200, rules(300, 60, 0, 0, 0), null, new int[] {1, 5, 9}, NONE, 100, 500),
                        200),
                Arguments.of(
                        SWR + "scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent"
                                + " scale up events",
                        rate(1, 1000, rules(5, 120, 0, 0, 0), null, new int[] {1, 5, 9}, NONE, 100, 500),
                        100),
                Arguments.of(
                        SWR + "scaleUp with pod policy and previous scale up events",
                        rate(1, 1000, rules(150, 120, 0, 0, 0), null, new int[] {1, 5, 9}, NONE, 100, 500),
                        235),
                Arguments.of(
                        SWR + "scaleUp with percent policy and previous scale up events",
                        rate(1, 1000, rules(0, 0, 200, 120, 0), null, new int[] {1, 5, 9}, NONE, 100, 500),
                        255),
                Arguments.of(
                        SWR + "scaleUp with percent policy and previous scale up and down events",
                        rate(1, 1000, rules(0, 0, 300, 300, 0), null, new int[] {4}, new int[] {2}, 6, 24),
                        16),
                Arguments.of(
                        SWR + "scaleDown with percent policy limitation and previous events",
                        rate(1, 1000, null, rules(0, 0, 50, 120, 300), NONE, new int[] {2, 4, 6}, 100, 0),
                        56),
                Arguments.of(
                        SWR + "scaleDown with percent policy and previous scale up and down events",
                        rate(1, 1000, null, rules(0, 0, 50, 180, 0), new int[] {2}, new int[] {4}, 10, 1),
                        6),
                Arguments.of(
                        SWR + "scaleDown with previous events preventing further scale down",
                        rate(1, 1000, null, rules(0, 0, 10, 120, 300), NONE, new int[] {10, 10, 10}, 100, 0),
                        100),
                Arguments.of(
                        SWR + "check that events were marked 'outdated' for two different policies in the behavior"
                                + " for up",
                        rate(1, 1000, rules(1000, 30, 100, 60, 0), null, new int[] {8, 12, 9, 11}, NONE, 100, 200),
                        200),
                Arguments.of(
                        HZ + "TestCalculateScaleUpLimitWithScalingRules (select Min: Pods 2 / 60 s, Percent 50 / 60 s)",
                        rate(
                                1,
                                1000,
                                new HpaBehavior.Rules(
                                        300,
                                        SelectPolicy.MIN,
                                        List.of(
                                                new HpaBehavior.Policy(false, 2, 60),
                                                new HpaBehavior.Policy(true, 50, 60))),
                                null,
                                NONE,
                                NONE,
                                1,
                                1000),
                        2),
                Arguments.of(
                        HZ + "TestCalculateScaleDownLimitWithBehaviors (select Min: Pods 2 / 60 s, Percent 50 / 60 s)",
                        rate(
                                1,
                                1000,
                                null,
                                new HpaBehavior.Rules(
                                        300,
                                        SelectPolicy.MIN,
                                        List.of(
                                                new HpaBehavior.Policy(false, 2, 60),
                                                new HpaBehavior.Policy(true, 50, 60))),
                                NONE,
                                NONE,
                                5,
                                1),
                        3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rateLimitCases")
    void rateLimits(String upstream, int actual, int expected) {
        assertThat(actual).as(upstream).isEqualTo(expected);
    }

    /**
     * A {@code TestStoreScaleEvents} row, in both directions as upstream runs it: the change in the
     * last 60 s before, then the stored list (change, and "outdated" for a slot left marked) after
     * storing a change of 5 at second 0.
     */
    private static void storeEvents(
            String upstream,
            HpaBehavior.Rules rules,
            long[][] before,
            int changeBefore,
            List<HpaController.ScaleEvent> expected) {
        for (boolean up : new boolean[] {true, false}) {
            HpaBehavior b = up
                    ? new HpaBehavior(rules, HpaBehavior.defaultScaleDown(ControllerSettings.DEFAULTS))
                    : new HpaBehavior(HpaBehavior.defaultScaleUp(), rules);
            HpaController hpa = new HpaController(
                    new HpaSpec(1, 1000, List.of(qps(1000)), Optional.of(b)), ControllerSettings.DEFAULTS);
            int sum = 0;
            for (long[] e : before) {
                hpa.seedScaleEvent(up, (int) e[0], e[1]);
                sum += e[1] > -60 ? (int) e[0] : 0;
            }
            assertThat(sum).as(upstream).isEqualTo(changeBefore);
            hpa.storeScaleEvent(0, 10, up ? 15 : 5);
            assertThat(hpa.scaleEvents(up).stream()
                            .map(e -> new HpaController.ScaleEvent(e.change(), 0, e.outdated()))
                            .toList())
                    .as(upstream + (up ? " (up)" : " (down)"))
                    .isEqualTo(expected);
        }
    }

    private static HpaController.ScaleEvent ev(int change) {
        return new HpaController.ScaleEvent(change, 0, false);
    }

    @org.junit.jupiter.api.Test
    void storeScaleEventsOverwritesTheLastOutdatedSlot() {
        String store = HZ + "TestStoreScaleEvents/";
        storeEvents(
                store + "one outdated entry to be replaced with behavior",
                rules(10, 60, 100, 60, 0),
                new long[][] {{7, -61}},
                0,
                List.of(ev(5)));
        storeEvents(
                store + "one actual entry to be not touched with behavior",
                rules(10, 60, 100, 60, 0),
                new long[][] {{7, -58}},
                7,
                List.of(ev(7), ev(5)));
        storeEvents(
                store + "two entries, one of them to be replaced",
                rules(10, 60, 0, 0, 0),
                new long[][] {{7, -61}, {6, -59}},
                6,
                List.of(ev(5), ev(6)));
        storeEvents(
                store + "replace one entry, use policies with different periods",
                rules(10, 60, 100, 30, 0),
                new long[][] {{8, -29}, {6, -59}, {7, -61}, {9, -61}},
                14,
                List.of(ev(8), ev(6), new HpaController.ScaleEvent(7, 0, true), ev(5)));
        storeEvents(
                store + "two entries, both actual",
                rules(10, 120, 100, 30, 0),
                new long[][] {{7, -58}, {6, -59}},
                13,
                List.of(ev(7), ev(6), ev(5)));
    }

    /**
     * A {@code TestNormalizeDesiredReplicasWithBehavior} row: {@code
     * stabilizeRecommendationWithBehaviors} at second 0 over seeded recommendations.
     */
    private static void stabilize(
            String upstream,
            long[][] recommendations,
            int current,
            int desired,
            int upWindow,
            int downWindow,
            int expected,
            List<Integer> expectedRecommendations) {
        HpaBehavior b = new HpaBehavior(
                new HpaBehavior.Rules(upWindow, SelectPolicy.MAX, List.of(new HpaBehavior.Policy(false, 4, 15))),
                new HpaBehavior.Rules(downWindow, SelectPolicy.MAX, List.of(new HpaBehavior.Policy(true, 100, 15))));
        HpaController hpa = new HpaController(
                new HpaSpec(1, 1000, List.of(qps(1000)), Optional.of(b)), ControllerSettings.DEFAULTS);
        for (long[] r : recommendations) {
            hpa.seedRecommendation((int) r[0], r[1]);
        }
        assertThat(hpa.stabilize(0, current, desired, b)).as(upstream).isEqualTo(expected);
        if (expectedRecommendations != null) {
            assertThat(hpa.recommendationValues()).as(upstream).isEqualTo(expectedRecommendations);
        }
    }

    @org.junit.jupiter.api.Test
    void stabilizationReusesTheLastSlotOlderThanBothWindows() {
        String n = HZ + "TestNormalizeDesiredReplicasWithBehavior/";
        stabilize(
                n + "simple scale down stabilization",
                new long[][] {{4, -120}, {5, -60}},
                100,
                3,
                0,
                180,
                5,
                List.of(4, 5, 3));
        stabilize(
                n + "simple scale up stabilization",
                new long[][] {{4, -120}, {5, -60}},
                1,
                7,
                300,
                0,
                4,
                List.of(4, 5, 7));
        stabilize(
                n + "scale down stabilization, reuse one of obsolete recommendation element",
                new long[][] {{10, -600}, {4, -60}, {5, -120}, {9, -540}},
                100,
                3,
                0,
                180,
                5,
                List.of(10, 4, 5, 3));
        stabilize(
                n + "scale up stabilization, reuse one of obsolete recommendation element",
                new long[][] {{10, -6000}, {6, -60}, {5, -120}, {9, -180}},
                1,
                100,
                300,
                0,
                5,
                List.of(100, 6, 5, 9));
        stabilize(
                n + "scale up and down stabilization, do not scale up when prenormalized rec goes down",
                new long[][] {{2, -6000}, {3, -180}},
                2,
                1,
                300,
                300,
                2,
                null);
        stabilize(
                n + "scale up and down stabilization, do not scale down when prenormalized rec goes up",
                new long[][] {{2, -6000}, {1, -180}},
                2,
                3,
                300,
                300,
                2,
                null);
    }
}
