package io.scaleplan.compiler.simulate;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.SourceLines;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The DSL's load profiles: segments become points; mistakes are diagnostics with the author's line. */
class LoadProfileDslTest {

    private static ScalingPlan.Builder plan(Consumer<LoadProfile.Builder> profile) {
        return ScalingPlan.builder("shop")
                .helmRelease("shop", "./shop")
                .service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 20).cpuUtilization(percent(50)))
                        .capacityPerPod(rps(100)))
                .loadProfile("sale", profile);
    }

    @Test
    void segmentsBecomeAPiecewiseLinearCurve() {
        ScalingPlan p = plan(lp -> lp.service("api", c -> c.from(rps(100))
                        .hold(minutes(1))
                        .rampTo(rps(400), minutes(5))
                        .spike(rps(900), seconds(30))
                        .stepTo(rps(200))
                        .hold(minutes(1))))
                .build();
        LoadProfile.ServiceLoad api = p.loadProfile().orElseThrow().services().get(0);
        assertThat(api.points())
                .containsExactly(
                        new LoadProfile.Point(0, 100),
                        new LoadProfile.Point(60, 100),
                        new LoadProfile.Point(360, 400),
                        new LoadProfile.Point(360, 900),
                        new LoadProfile.Point(390, 900),
                        new LoadProfile.Point(390, 400),
                        new LoadProfile.Point(390, 200),
                        new LoadProfile.Point(450, 200));
        assertThat(api.rpsAt(210)).isEqualTo(250.0);
        assertThat(api.rpsAt(370)).isEqualTo(900.0);
        assertThat(api.rpsAt(390)).isEqualTo(200.0);
        assertThat(p.loadProfile().orElseThrow().durationSeconds()).isEqualTo(450);
    }

    private static final String FILE = "io/scaleplan/compiler/simulate/LoadProfileDslTest.java";

    private static void badProfile(LoadProfile.Builder lp) {
        lp.service("api", c -> c.hold(minutes(1)) // @first-api
                .from(rps(5)) // @from
                .rampTo(rps(10), Duration.ofMillis(1500))); // @ramp
        lp.service("web", c -> c.hold(seconds(0))); // @web
        lp.service("api", c -> c.hold(minutes(1))); // @second-api
    }

    @Test
    void mistakesAreReportedTogetherWithRuleIdsAndLines() {
        PlanDefinitionException e =
                catchThrowableOfType(PlanDefinitionException.class, () -> plan(LoadProfileDslTest::badProfile)
                        .build());
        String firstApi = FILE + ":" + SourceLines.of(FILE, "@first-api");
        assertThat(e.diagnostics())
                .extracting(Diagnostic::ruleId, Diagnostic::message, d -> d.location()
                        .line())
                .containsExactly(
                        tuple("SP500", "from(5 rps) must come first, before any segment", line("@from")),
                        tuple(
                                "SP500",
                                "rampTo(...) duration must be a whole number of seconds, at least 1, was PT1.5S",
                                line("@ramp")),
                        tuple(
                                "SP500",
                                "hold(...) duration must be a whole number of seconds, at least 1, was PT0S",
                                line("@web")),
                        tuple(
                                "SP006",
                                "the load of service \"api\" is given twice (first at " + firstApi + ")",
                                line("@second-api")),
                        tuple(
                                "SP501",
                                "load profile \"sale\" gives a load for service \"web\", which the plan does not declare"
                                        + " (services: api)",
                                line("@web")));
    }

    private static int line(String marker) {
        return SourceLines.of(FILE, marker);
    }
}
