package io.scaleplan.dsl;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** External, Object and ContainerResource metrics, and the request rate the plan declares. */
class MetricTypesTest {
    private static final String FILE = "io/scaleplan/dsl/MetricTypesTest.java";
    private static final MetricSource GAUGE = MetricSource.gauge("p");
    private static final DescribedObject LOWER_CASE_KIND = DescribedObject.of("v1", "service", "web");
    private static final DescribedObject INGRESS = DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route");

    private static ScalingPlan.Builder base() {
        return ScalingPlan.builder("mesh").helmRelease("mesh", "./mesh");
    }

    private static List<Diagnostic> problems(Runnable build) {
        try {
            build.run();
        } catch (PlanDefinitionException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected a PlanDefinitionException");
    }

    @Test
    void everyMetricTypeIsModelledAndTheRequestRateIsWhatThePlanSays() {
        ScalingPlan plan = base().service(
                        "api",
                        s -> s.autoscale(a -> a.replicas(2, 20)
                                .podsMetric("http_requests_per_second", 100)
                                .podsMetric("q", 50)
                                .requestRate("q")
                                .externalMetric(
                                        "sqs_messages_visible", Map.of("queue", "orders"), ValueTarget.averageValue(30))
                                .objectMetric(INGRESS, "istio_requests_rate", ValueTarget.value(2_000))
                                .containerCpuUtilization("app", percent(60))
                                .containerMemoryAverage("proxy", mib(200))))
                .build();
        Autoscaling a = plan.service("api").orElseThrow().autoscaling().orElseThrow();
        // http_requests_per_second says it in its name, but the plan does not: it is no request rate
        assertThat(a.podsMetrics())
                .containsExactly(
                        new PodsMetric("http_requests_per_second", new BigDecimal("1E+2"), Optional.empty(), false),
                        new PodsMetric("q", new BigDecimal("5E+1"), Optional.empty(), true));
        assertThat(a.requestRateMetrics()).containsExactly("q");
        assertThat(a.externalMetrics())
                .containsExactly(new ExternalMetric(
                        "sqs_messages_visible",
                        new java.util.TreeMap<>(Map.of("queue", "orders")),
                        ValueTarget.averageValue(30),
                        Optional.empty(),
                        false));
        assertThat(a.objectMetrics())
                .containsExactly(new ObjectMetric(INGRESS, "istio_requests_rate", ValueTarget.value(2_000)));
        assertThat(a.containerResourceMetrics())
                .containsExactly(
                        new ContainerResourceMetric(
                                ContainerResourceMetric.Resource.CPU,
                                "app",
                                Optional.of(percent(60)),
                                OptionalLong.empty()),
                        new ContainerResourceMetric(
                                ContainerResourceMetric.Resource.MEMORY,
                                "proxy",
                                Optional.empty(),
                                OptionalLong.of(200L * 1024 * 1024)));
        assertThat(a.hasMetrics()).isTrue();
        assertThatThrownBy(() -> a.externalMetrics().get(0).selector().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anExternalOrObjectMetricIsTheRequestRateWhenThePlanSaysSo() {
        ScalingPlan plan = base().service(
                        "api",
                        s -> s.autoscale(a -> a.replicas(1, 10)
                                .externalMetric("lb_rps", Map.of(), ValueTarget.averageValue(70))
                                .objectMetric(INGRESS, "x", ValueTarget.value(900))
                                .requestRate("lb_rps")
                                .requestRate("x")))
                .build();
        Autoscaling a = plan.service("api").orElseThrow().autoscaling().orElseThrow();
        assertThat(a.externalMetrics().get(0).isRequestRate()).isTrue();
        assertThat(a.objectMetrics().get(0).isRequestRate()).isTrue();
        assertThat(a.requestRateMetrics()).containsExactly("lb_rps", "x");
    }

    @Test
    void wrongInputIsReportedWithItsRuleAndLine() {
        List<Diagnostic> found = problems(() -> base().service(
                        "api",
                        s -> s.autoscale(a -> a.replicas(1, 10)
                                .externalMetric("m", Map.of("queue", "orders"), ValueTarget.value(0)) // zero
                                .externalMetric("m", Map.of("bad key!", "x"), ValueTarget.value(1)) // label
                                .objectMetric(LOWER_CASE_KIND, "m", ValueTarget.value(1)) // kind
                                .objectMetric(INGRESS, "m", ValueTarget.averageValue(new BigDecimal("-1"))) // negative
                                .containerCpuUtilization("App", percent(60)) // container
                                .containerMemoryUtilization("app", percent(0)) // utilization
                                .containerCpuAverage("app", millicores(0)) // average
                                .externalMetric("n", Map.of(), ValueTarget.value(1))
                                .externalMetric("n", Map.of(), ValueTarget.value(2)) // twice
                                .externalMetric("p", Map.of("a/b", "c"), ValueTarget.value(1), GAUGE) // adapter
                                .requestRate("nowhere"))) // unknown
                .build());
        assertThat(found)
                .extracting(d -> d.ruleId() + " " + d.location().line())
                .containsExactly(
                        "SP005 " + Lines.of(FILE, "zero"),
                        "SP011 " + Lines.of(FILE, "label"),
                        "SP011 " + Lines.of(FILE, "kind"),
                        "SP005 " + Lines.of(FILE, "negative"),
                        "SP001 " + Lines.of(FILE, "container"),
                        "SP004 " + Lines.of(FILE, "utilization"),
                        "SP005 " + Lines.of(FILE, "average"),
                        "SP006 " + Lines.of(FILE, "twice"),
                        "SP011 " + Lines.of(FILE, "adapter"),
                        "SP040 " + Lines.of(FILE, "unknown"));
        assertThat(found.get(0).message()).isEqualTo("External metric \"m\" value must be greater than 0, was 0");
        assertThat(found.get(2).message()).contains("kind \"service\" is not valid");
        assertThat(found.get(9).message())
                .isEqualTo("requestRate(\"nowhere\") names no Pods, External or Object metric of this autoscaler");
        assertThat(found).allMatch(d -> d.location().fileName().endsWith("MetricTypesTest.java"));
    }

    @Test
    void theSmallestValidTargetsAndNamesAreAccepted() {
        ScalingPlan plan = base().service(
                        "api",
                        s -> s.autoscale(a -> a.replicas(1, 10)
                                .externalMetric(
                                        "e",
                                        Map.of("example.com/queue", ""),
                                        ValueTarget.value(new BigDecimal("0.001")))
                                .objectMetric(
                                        DescribedObject.of("v1", "Service", "web"), "o", ValueTarget.averageValue(1))
                                .containerCpuUtilization("a", percent(1))
                                .containerCpuAverage("b", millicores(1))))
                .build();
        Autoscaling a = plan.service("api").orElseThrow().autoscaling().orElseThrow();
        assertThat(a.externalMetrics().get(0).target().amount()).isEqualByComparingTo("0.001");
        assertThat(a.objectMetrics().get(0).object().group()).isEmpty();
        assertThat(a.containerResourceMetrics()).hasSize(2);
        assertThat(INGRESS.group()).isEqualTo("networking.k8s.io");
    }

    @Test
    void noChartLayoutCarriesTheNewMetricTypesSoScaleplanWritesThoseHpas() {
        ScalingPlan plan = base().service(
                        "pods", s -> s.autoscale(a -> a.replicas(1, 3).podsMetric("q", 5)))
                .service(
                        "external",
                        s -> s.autoscale(a -> a.replicas(1, 3).externalMetric("e", Map.of(), ValueTarget.value(5))))
                .service(
                        "object",
                        s -> s.autoscale(a -> a.replicas(1, 3).objectMetric(INGRESS, "o", ValueTarget.value(5))))
                .service(
                        "container",
                        s -> s.autoscale(a -> a.replicas(1, 3).containerCpuUtilization("app", percent(50))))
                .build();
        assertThat(ChartLayout.ARKA_ENGINE.carriesHpa(plan.service("pods").orElseThrow()))
                .isTrue();
        for (String name : List.of("external", "object", "container")) {
            assertThat(ChartLayout.ARKA_ENGINE.carriesHpa(plan.service(name).orElseThrow()))
                    .as(name)
                    .isFalse();
        }
    }
}
