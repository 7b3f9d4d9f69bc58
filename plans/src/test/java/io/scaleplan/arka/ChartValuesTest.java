package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.dsl.ChartValues;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartValuesTest {

    @Test
    void aServiceHandleGivesTheDeploymentNameAndHelmKey() {
        ScalingPlan plan = ScalingPlan.builder("production")
                .helmRelease("arka", "./arka-engine")
                .service(ArkaEngine.USAGE_METERING, s -> s.replicas(1))
                .build();

        assertThat(plan.services().get(0).name()).isEqualTo("usage-metering");
        assertThat(plan.services().get(0).helmKey()).isEqualTo("usageMetering");
    }

    @Test
    void keysScaleplanOwnsAreReportedWithThePlanLine() {
        ChartValues owned = ChartValues.builder()
                .put("autoscaling.enabled", true)
                .put("image.tag", "1.4.2")
                .build();

        assertThatThrownBy(() -> ScalingPlan.builder("production")
                        .helmRelease("arka", "./arka-engine")
                        .service(ArkaEngine.USAGE_METERING, s -> s.replicas(1).values(owned)) // line 34
                        .build())
                .isInstanceOfSatisfying(PlanDefinitionException.class, e -> assertThat(e.diagnostics())
                        .singleElement()
                        .hasToString("io/scaleplan/arka/ChartValuesTest.java:34: error: [SP320] production ·"
                                + " usage-metering: chart value \"autoscaling.enabled\" is set by scaleplan itself;"
                                + " state autoscaling through the DSL instead"));
    }

    @Test
    void textWithControlCharactersIsReported() {
        ChartValues newline =
                ArkaEngine.USAGE_METERING.values().imageTag("1.4\nevil: true").build();

        assertThatThrownBy(() -> ScalingPlan.builder("production")
                        .helmRelease("arka", "./arka-engine")
                        .service(ArkaEngine.USAGE_METERING, s -> s.replicas(1).values(newline)) // line 50
                        .build())
                .isInstanceOfSatisfying(PlanDefinitionException.class, e -> assertThat(e.diagnostics())
                        .singleElement()
                        .hasToString("io/scaleplan/arka/ChartValuesTest.java:50: error: [SP011] production ·"
                                + " usage-metering: chart value \"image.tag\" \"1.4\\u000aevil: true\" contains control"
                                + " characters (newlines, tabs), which are not written into YAML"));
    }

    @Test
    void theModelRefusesOwnedKeysAndOverlappingPaths() {
        assertThatThrownBy(() -> new ChartValues(Map.of("image", "nginx", "image.tag", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chart value image.tag is inside image");
        assertThatThrownBy(() -> ChartValues.builder().put("image..tag", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid chart value path: \"image..tag\"");
    }
}
