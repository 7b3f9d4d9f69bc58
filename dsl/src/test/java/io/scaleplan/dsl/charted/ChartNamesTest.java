package io.scaleplan.dsl.charted;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.ServiceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This package declares a chart (its index is in the test resources, as the processor writes it):
 * every service, by string or by handle, must be one of the chart's, or SP014 lists them.
 */
class ChartNamesTest {

    private static ScalingPlan.Builder base() {
        return ScalingPlan.builder("production").helmRelease("shop", "./shop");
    }

    private static List<Diagnostic> problems(ScalingPlan.Builder plan) {
        try {
            plan.build();
        } catch (PlanDefinitionException e) {
            return e.diagnostics();
        }
        throw new AssertionError("expected a PlanDefinitionException");
    }

    @Test
    void aServiceOfTheChartNamedByAStringBuilds() {
        ScalingPlan plan = base().service(
                        "order-api", s -> s.requests(cores(1), gib(1)).replicas(1))
                .service("web", s -> s.replicas(2))
                .build();

        assertThat(plan.services()).hasSize(2);
    }

    @Test
    void aMisspelledStringIsSp014ListingTheChartsServicesAtItsLine() {
        List<Diagnostic> problems = problems(base().service("order-apy", s -> s.replicas(2))); // misspelled

        assertThat(problems).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("SP014");
            assertThat(d.message())
                    .isEqualTo("service \"order-apy\" is not a service of chart shop; known services of chart shop"
                            + " (@HelmChart on io.scaleplan.dsl.charted): order-api, web");
            assertThat(d.location().fileName()).isEqualTo("ChartNamesTest.java");
            assertThat(d.location().line()).isPositive();
        });
    }

    @Test
    void aNamespaceBlockIsCheckedOnlyWhenItsReleaseInstallsThePackagesChart() {
        // another chart in another namespace: its services are not the package's chart's
        ScalingPlan plan = base().service("web", s -> s.replicas(2))
                .namespace(
                        "payments", ns -> ns.helmRelease("ledger", "./ledger").service("ledger", s -> s.replicas(1)))
                .build();
        assertThat(plan.namespaces()).hasSize(2);

        // the package's chart installed again in another namespace: checked as the plan's own
        List<Diagnostic> problems = problems(base().service("web", s -> s.replicas(2))
                .namespace("eu", ns -> ns.helmRelease("shop-eu", "./shop").service("order-apy", s -> s.replicas(1))));
        assertThat(problems).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("SP014");
            assertThat(d.message()).startsWith("service \"order-apy\" is not a service of chart shop");
            assertThat(d.location().fileName()).isEqualTo("ChartNamesTest.java");
        });
    }

    @Test
    void aValuesKeyOtherThanTheChartsIsSp014() {
        List<Diagnostic> problems =
                problems(base().service("web", s -> s.helmKey("webFrontend").replicas(1)));

        assertThat(problems).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("SP014");
            assertThat(d.message())
                    .startsWith("service \"web\" has values key \"webFrontend\" but chart shop calls it \"web\"");
        });
    }

    @Test
    void aHandleOfAnotherChartIsCheckedToo() {
        ServiceRef other = new ServiceRef() {
            @Override
            public String name() {
                return "billing";
            }

            @Override
            public String helmKey() {
                return "billing";
            }
        };

        assertThat(problems(base().service(other, s -> s.replicas(1))))
                .extracting(Diagnostic::ruleId)
                .containsExactly("SP014");
    }
}
