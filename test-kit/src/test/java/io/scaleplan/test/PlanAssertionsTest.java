package io.scaleplan.test;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.test.PlanAssertions.assertThat;
import static io.scaleplan.test.PlanAssertions.compile;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanAssertionsTest {
    static final PlanDefinition STORE = () -> ScalingPlan.builder("store")
            .helmRelease("store", "./store")
            .service("web", s -> s.requests(millicores(500), mib(512))
                    .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70))))
            .build();
    static final EventDefinition SALE = () -> EventPlan.builder("sale", STORE.define())
            .preScale(
                    Duration.ofHours(1),
                    p -> p.service("web", s -> s.replicas(6).maxReplicas(30)))
            .postEvent(Duration.ofHours(1))
            .build();

    @Test
    void assertsOnAPlanAndOnAnEventsPhasesInMemory() {
        assertThat(compile(STORE)).hasNoErrors().hpa("web").hasMinReplicas(2).hasMaxReplicas(10);
        assertThat(compile(SALE))
                .phase("pre-scale")
                .hpa("web")
                .hasMinReplicas(6)
                .hasMaxReplicas(30);
        EventDefinition chartOwned = () -> EventPlan.builder(
                        "sale",
                        ScalingPlan.builder("store")
                                .helmRelease("store", "./store")
                                .scalingObjects(ObjectOwner.CHART)
                                .service("web", s -> s.requests(millicores(500), mib(512))
                                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70))))
                                .build())
                .preScale(Duration.ofHours(1), p -> p.service("web", s -> s.replicas(6)))
                .postEvent(Duration.ofHours(1))
                .build();
        assertThat(compile(chartOwned)).phase("pre-scale").helmValues("store").hasInt("web.autoscaling.minReplicas", 6);
        assertThat(compile(SALE)).phase("post-event").hasSameFilesAs(compile(STORE), "APPLY.md");
    }

    @Test
    void failuresSayWhatWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() ->
                        assertThat(compile(SALE)).phase("pre-scale").hpa("web").hasMinReplicas(5))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected sale/01-pre-scale · web-hpa spec.minReplicas to be 5, but was 6");
        assertThatThrownBy(() -> assertThat(compile(SALE)).phase("during"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected sale to have a phase during, but its phases are [01-pre-scale, 03-post-event]");
        assertThatThrownBy(() -> assertThat(compile(STORE)).hasDiagnostic("SP104"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected store to report SP104, but it reported:");
    }

    @Test
    void diagnosticsOfAPlanThatFailsToBuildAreAssertable() {
        PlanDefinition broken = () -> ScalingPlan.builder("broken")
                .helmRelease("b", "./b")
                .service("web", s -> s.autoscale(a -> a.replicas(5, 2)))
                .build();
        assertThat(compile(broken)).hasDiagnostic("SP003");
        assertThatThrownBy(() -> assertThat(compile(broken)).hasNoErrors())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[SP003]");
    }
}
