package io.scaleplan.compiler.simulate;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.DescribedObject;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.ValueTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Object and External metrics in the controller (the reference's cases E and F, and the tolerance
 * on each side), and request rates the simulator uses because the plan declares them, whatever
 * their names.
 */
class ObjectExternalControllerTest {
    private static final DescribedObject INGRESS = DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route");

    private static MetricSample total(long milli, int readyPods, int unreadyPods) {
        List<MetricSample.Pod> pods = new ArrayList<>();
        for (int i = 0; i < readyPods; i++) {
            pods.add(MetricSample.Pod.ready(0, 0));
        }
        for (int i = 0; i < unreadyPods; i++) {
            pods.add(new MetricSample.Pod(MetricSample.Phase.RUNNING, false, 0, 0, 0, OptionalLong.of(0)));
        }
        return new MetricSample(pods, 0, 15, OptionalLong.of(milli));
    }

    private static int proposal(MetricTarget target, int current, MetricSample sample) {
        HpaSpec spec = new HpaSpec(1, 100, List.of(target), Optional.empty());
        return new HpaController(spec, ControllerSettings.DEFAULTS)
                .proposal(target, current, sample, 0)
                .orElseThrow();
    }

    @Test
    void objectValueScalesTheReadyPodsByTheRatio() {
        MetricTarget.Total value = new MetricTarget.Total("requests_per_second", false, 2_000_000);
        // case F: Value 2k, usage 2500, 3 Running and Ready pods: r = 1.25, ceil(3.75) = 4
        assertThat(proposal(value, 3, total(2_500_000, 3, 0))).isEqualTo(4);
        // only Ready pods count: with 2 of the 3 ready, ceil(1.25 × 2) = 3
        assertThat(proposal(value, 3, total(2_500_000, 2, 1))).isEqualTo(3);
        // within the 10 % tolerance (2200 / 2000 = 1.1): the current count; just outside it: scale
        assertThat(proposal(value, 3, total(2_200_000, 3, 0))).isEqualTo(3);
        assertThat(proposal(value, 3, total(2_201_000, 3, 0))).isEqualTo(4);
    }

    @Test
    void externalAverageValueDividesByTheReplicas() {
        MetricTarget.Total average = new MetricTarget.Total("sqs_messages_visible", true, 10_000);
        // case E: averageValue 10, usage 95, 4 replicas: 95 / 40 = 2.375, ceil(95 / 10) = 10
        assertThat(proposal(average, 4, total(95_000, 4, 0))).isEqualTo(10);
        // 44 / (10 × 4) = 1.1 is within tolerance; 45 is not: ceil(4.5) = 5
        assertThat(proposal(average, 4, total(44_000, 4, 0))).isEqualTo(4);
        assertThat(proposal(average, 4, total(45_000, 4, 0))).isEqualTo(5);
    }

    @Test
    void noValueFromTheApiIsAnInvalidMetric() {
        MetricTarget.Total value = new MetricTarget.Total("q", false, 1_000);
        HpaSpec spec = new HpaSpec(1, 100, List.of(value), Optional.empty());
        assertThat(new HpaController(spec, ControllerSettings.DEFAULTS)
                        .proposal(value, 3, new MetricSample(List.of(MetricSample.Pod.ready(0, 0)), 0, 15), 0))
                .isEmpty();
    }

    private static ServiceRun simulate(java.util.function.Consumer<io.scaleplan.dsl.Autoscaling.Builder> hpa) {
        ScalingPlan plan = ScalingPlan.builder("mesh")
                .helmRelease("mesh", "./mesh")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> {
                            a.replicas(1, 40);
                            hpa.accept(a);
                        })
                        .capacityPerPod(rps(100)))
                .loadProfile(
                        "flat", p -> p.service("api", c -> c.from(rps(1_000)).hold(minutes(2))))
                .build();
        return new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().orElseThrow())
                .run("api")
                .orElseThrow();
    }

    @Test
    void aPodsMetricNamedQIsSimulatedBecauseThePlanSaysItIsTheRequestRate() {
        ServiceRun declared = simulate(a -> a.podsMetric("q", 80).requestRate("q"));
        assertThat(declared.hpa().orElseThrow().metrics()).containsExactly(new MetricTarget.AverageValue("q", 80_000));
        assertThat(declared.notes()).isEmpty();
        // 1000 rps at 80 per pod: ceil(12.5) = 13 pods from the start
        assertThat(declared.initialReplicas()).isEqualTo(13);

        ServiceRun undeclared = simulate(a -> a.podsMetric("http_requests_per_second", 80));
        assertThat(undeclared.hpa()).isEmpty();
        assertThat(undeclared.notes())
                .contains("Pods metric http_requests_per_second: not declared the request rate; left out of the"
                        + " simulation");
        assertThat(undeclared.initialReplicas()).isEqualTo(1);
    }

    @Test
    void objectAndExternalRequestRatesAreSimulated() {
        ServiceRun external =
                simulate(a -> a.externalMetric("lb_rps", Map.of("lb", "main"), ValueTarget.averageValue(80))
                        .requestRate("lb_rps"));
        assertThat(external.hpa().orElseThrow().metrics())
                .containsExactly(new MetricTarget.Total("lb_rps", true, 80_000));
        assertThat(external.initialReplicas()).isEqualTo(13); // ceil(1000 / 80)

        ServiceRun object = simulate(a -> a.objectMetric(INGRESS, "istio_requests_rate", ValueTarget.averageValue(125))
                .requestRate("istio_requests_rate"));
        assertThat(object.initialReplicas()).isEqualTo(8); // ceil(1000 / 125)

        // a Value target holds the total: the rate does not fall as pods are added, so the HPA runs to max
        ServiceRun value = simulate(a -> a.objectMetric(INGRESS, "istio_requests_rate", ValueTarget.value(500))
                .requestRate("istio_requests_rate"));
        assertThat(value.peakReplicas()).isEqualTo(40);

        ServiceRun queue =
                simulate(a -> a.externalMetric("sqs_messages_visible", Map.of(), ValueTarget.averageValue(30))
                        .objectMetric(INGRESS, "x", ValueTarget.value(1)));
        assertThat(queue.hpa()).isEmpty();
        assertThat(queue.notes())
                .containsExactly(
                        "Object metric x of Ingress/main-route: not declared the request rate; left out of the"
                                + " simulation",
                        "External metric sqs_messages_visible: not declared the request rate; left out of the"
                                + " simulation",
                        "no metric with a load model: the HPA holds its replicas");
    }
}
