package io.scaleplan.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plan element prints exactly as diagnostics always have, and is read by its parts, never parsed. */
class PlanElementTest {
    private static final PlanElement PRODUCTION = PlanElement.plan("production");

    @Test
    void printsAsDiagnosticsAlwaysHave() {
        assertThat(PRODUCTION).hasToString("production");
        assertThat(PRODUCTION.service("usage-metering")).hasToString("production · usage-metering");
        assertThat(PRODUCTION.postgres()).hasToString("production · postgres");
        assertThat(PRODUCTION.redis()).hasToString("production · redis");
        assertThat(PRODUCTION.nodePool("general")).hasToString("production · node pool general");
        assertThat(PRODUCTION.loadProfile("peak").service("usage-metering"))
                .hasToString("production · load profile peak · usage-metering");
        assertThat(PlanElement.plan("black-friday").phase("pre-scale").service("usage-metering"))
                .hasToString("black-friday · pre-scale · usage-metering");
        assertThat(PRODUCTION.object("HorizontalPodAutoscaler", "x-hpa"))
                .hasToString("production · HorizontalPodAutoscaler x-hpa");
        assertThat(PRODUCTION.detail("load profile")).hasToString("production · load profile");
    }

    @Test
    void aServiceIsOnlyAServiceDirectlyInThePlan() {
        assertThat(PRODUCTION.service("usage-metering").service()).contains("usage-metering");
        assertThat(PRODUCTION.service()).isEmpty();
        assertThat(PRODUCTION.detail("usage-metering").service()).isEmpty();
        assertThat(PlanElement.plan("black-friday")
                        .phase("pre-scale")
                        .service("usage-metering")
                        .service())
                .isEqualTo(Optional.empty());
        assertThat(PRODUCTION.loadProfile("peak").service("usage-metering").service())
                .isEmpty();
    }

    @Test
    void thePlanAndTheRestAreParts() {
        PlanElement e = PlanElement.plan("black-friday").phase("pre-scale").postgres();
        assertThat(e.plan()).isEqualTo("black-friday");
        assertThat(e.inPlan()).isEqualTo(" · pre-scale · postgres");
        assertThat(PRODUCTION.inPlan()).isEmpty();
        assertThat(e)
                .isEqualTo(PlanElement.plan("black-friday").phase("pre-scale").postgres());
    }
}
