package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import org.junit.jupiter.api.Test;

/**
 * The README's first example names services by string; in this package, where {@code @HelmChart}
 * declares the arka-engine chart, a string is checked against the chart as a handle is (SP014),
 * from the index the processor wrote beside the classes.
 */
class ChartServiceNamesTest {

    @Test
    void aStringNamingAChartServiceBuilds() {
        ScalingPlan plan = ScalingPlan.builder("production")
                .helmRelease("arka", "./arka-engine")
                .service("policy-engine", s -> s.requests(cores(1), gib(1)).replicas(1))
                .build();

        assertThat(plan.service("policy-engine").orElseThrow().helmKey()).isEqualTo("policyEngine");
    }

    @Test
    void aMisspelledStringFailsWithTheChartsServices() {
        assertThatThrownBy(() -> ScalingPlan.builder("production")
                        .helmRelease("arka", "./arka-engine")
                        .service("policy-engin", s -> s.requests(cores(1), gib(1))
                                .replicas(1))
                        .build())
                .isInstanceOfSatisfying(PlanDefinitionException.class, e -> assertThat(e.diagnostics())
                        .extracting(Diagnostic::ruleId, Diagnostic::message)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                "SP014",
                                "service \"policy-engin\" is not a service of chart arka-engine; known services of"
                                        + " chart arka-engine (@HelmChart on io.scaleplan.arka): attestation-service,"
                                        + " license-authority,"
                                        + " policy-engine, usage-metering")));
    }
}
