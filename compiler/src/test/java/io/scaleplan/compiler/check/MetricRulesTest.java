package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.DescribedObject;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.ValueTarget;
import io.scaleplan.testing.SourceLines;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The request rate is what the plan declares, never what a metric's name suggests (SP105 fires for
 * {@code istio_requests_rate} when it is declared, and not for {@code http_requests_per_second}
 * when it is not); SP140 and SP141 for External and Object metrics.
 */
class MetricRulesTest {
    private static final String FILE = "io/scaleplan/compiler/check/MetricRulesTest.java";
    private static final DescribedObject INGRESS = DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route");
    private static final MetricSource REQUESTS = MetricSource.rate("istio_requests_total");

    private static List<String> check(Consumer<Autoscaling.Builder> hpa) {
        ScalingPlan plan = ScalingPlan.builder("prod")
                .helmRelease("mesh", "./mesh")
                .service("api", s -> s.requests(cores(1), gib(2))
                        .autoscale( // @hpa
                                a -> {
                                    a.replicas(3, 20);
                                    hpa.accept(a);
                                })
                        .capacityPerPod(rps(1_000)))
                .build();
        return new Checker().check(plan).stream().map(Diagnostic::toString).toList();
    }

    private static String at() {
        return FILE + ":" + SourceLines.of(FILE, "@hpa");
    }

    @Test
    void sp105FiresForADeclaredRequestRateWhateverItsName() {
        assertThat(check(a ->
                        a.podsMetric("istio_requests_rate", 1_000, REQUESTS).requestRate("istio_requests_rate")))
                .containsExactly(at() + ": warning: [SP105] prod · api: Pods metric istio_requests_rate targets 1000"
                        + " rps per pod (1k), but a pod tops out at 1000 rps: with headroom 1.3 the target must be at"
                        + " most 1000 / 1.3 = 769.23");
        assertThat(check(a -> a.podsMetric("q", 770, REQUESTS).requestRate("q")))
                .singleElement()
                .asString()
                .contains("[SP105] prod · api: Pods metric q targets 770 rps per pod");
        assertThat(check(a -> a.podsMetric("q", 769, REQUESTS).requestRate("q")))
                .isEmpty();
    }

    @Test
    void aNameThatSoundsLikeARateIsNoRequestRateUnlessThePlanSaysSo() {
        assertThat(check(a -> a.podsMetric("http_requests_per_second", 1_000, REQUESTS)))
                .isEmpty();
    }

    @Test
    void sp105ForExternalAndObjectAverageValueRequestRates() {
        assertThat(check(a -> a.externalMetric("lb_rps", Map.of(), ValueTarget.averageValue(800), REQUESTS)
                        .requestRate("lb_rps")))
                .singleElement()
                .asString()
                .contains("[SP105] prod · api: External metric lb_rps targets 800 rps per pod");
        assertThat(check(a -> a.objectMetric(INGRESS, "x", ValueTarget.averageValue(800), REQUESTS)
                        .requestRate("x")))
                .singleElement()
                .asString()
                .contains("[SP105] prod · api: Object metric x targets 800 rps per pod");
        assertThat(check(a -> a.objectMetric(INGRESS, "x", ValueTarget.averageValue(769), REQUESTS)
                        .requestRate("x")))
                .isEmpty();
    }

    @Test
    void sp141ARequestRateWithAValueTarget() {
        assertThat(check(a -> a.objectMetric(INGRESS, "x", ValueTarget.value(2_000), REQUESTS)
                        .requestRate("x")))
                .containsExactly(at() + ": warning: [SP141] prod · api: Object metric x of Ingress/main-route is the"
                        + " service's request rate with a Value target of 2000: adding pods does not lower the rate,"
                        + " so above the target the HPA scales to maxReplicas 20 and below it to minReplicas 3; use"
                        + " ValueTarget.averageValue(rps per pod)");
        assertThat(check(a -> a.externalMetric("lb_rps", Map.of(), ValueTarget.value(2_000), REQUESTS)
                        .requestRate("lb_rps")))
                .singleElement()
                .asString()
                .contains("[SP141]");
        // a Value target on a metric that is not the request rate (a queue's length) is what Value is for
        assertThat(check(a -> a.externalMetric("queue", Map.of(), ValueTarget.value(2_000), REQUESTS)))
                .isEmpty();
    }

    @Test
    void sp140ExternalAndObjectMetricsWithoutASource() {
        assertThat(check(a -> a.externalMetric("sqs_messages_visible", Map.of("queue", "orders"), ValueTarget.value(5))
                        .objectMetric(INGRESS, "x", ValueTarget.value(5))))
                .containsExactly(
                        at() + ": warning: [SP140] prod · api: External metric sqs_messages_visible declares no"
                                + " source: no prometheus-adapter rule makes it exist, and without one the HPA reports"
                                + " 'Metrics not available'",
                        at() + ": warning: [SP140] prod · api: Object metric x of Ingress/main-route declares no"
                                + " source: no prometheus-adapter rule makes it exist, and without one the HPA reports"
                                + " 'Metrics not available'");
        assertThat(check(a -> a.externalMetric(
                                "sqs_messages_visible",
                                Map.of(),
                                ValueTarget.value(5),
                                MetricSource.gauge("sqs_visible"))
                        .objectMetric(INGRESS, "x", ValueTarget.value(5), MetricSource.gauge("x"))))
                .isEmpty();
    }
}
