package io.scaleplan.dsl;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** toBuilder() copies every field, changes only what is set, and checks the result as the record does. */
class ToBuilderTest {
    private static final ScalingPlan PLAN = ScalingPlan.builder("production")
            .namespace("arka")
            .helmRelease("arka", "arka/platform")
            .service("usage-metering", s -> s.requests(cores(1), gib(2))
                    .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70)))
                    .capacityPerPod(rps(100))
                    .expectedLoad(rps(1_000)))
            .service("billing", s -> s.replicas(2))
            .build();

    @Test
    void anUnchangedCopyIsEqual() {
        assertThat(PLAN.toBuilder().build()).isEqualTo(PLAN);
        for (Service s : PLAN.services()) {
            assertThat(s.toBuilder().build()).isEqualTo(s);
        }
    }

    @Test
    void aCopyChangesOnlyWhatIsSet() {
        Service metering = PLAN.service("usage-metering").orElseThrow();
        Service raised =
                metering.toBuilder().expectedLoad(Optional.of(rps(1_900))).build();
        assertThat(raised.expectedLoad()).contains(rps(1_900));
        assertThat(raised.toBuilder().expectedLoad(metering.expectedLoad()).build())
                .isEqualTo(metering);

        ScalingPlan phase =
                PLAN.toBuilder().name("black-friday").services(List.of(raised)).build();
        assertThat(phase.name()).isEqualTo("black-friday");
        assertThat(phase.services()).containsExactly(raised);
        assertThat(phase.release()).isEqualTo(PLAN.release());
        assertThat(phase.namespace()).isEqualTo(PLAN.namespace());
    }

    @Test
    void theCopyIsCheckedAsTheRecordIs() {
        Service billing = PLAN.service("billing").orElseThrow();
        assertThatThrownBy(() -> billing.toBuilder().replicas(Optional.empty()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service billing has neither replicas nor autoscaling");
        assertThatThrownBy(() ->
                        PLAN.toBuilder().services(List.of(billing, billing)).build())
                .hasMessage("service declared twice: billing");
    }
}
