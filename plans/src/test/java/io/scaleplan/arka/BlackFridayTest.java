package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.test.PlanAssertions.assertThat;
import static io.scaleplan.test.PlanAssertions.compile;

import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.test.CompiledPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The black-friday event says what the runbook's "Preparing for High Traffic Events" says. */
class BlackFridayTest {
    private static final CompiledPlan EVENT = compile(new BlackFriday());

    @Test
    void preScaleRaisesTheHpaMinimumsAndMaximums() {
        assertThat(EVENT)
                .hasNoErrors()
                .phase("pre-scale")
                .hpa("usage-metering")
                .hasMinReplicas(10)
                .hasMaxReplicas(50);
        assertThat(EVENT)
                .phase("pre-scale")
                .hpa("license-authority")
                .hasMinReplicas(5)
                .hasMaxReplicas(30);
        assertThat(EVENT)
                .phase("pre-scale")
                .hpa("policy-engine")
                .hasMinReplicas(2)
                .hasMaxReplicas(10);
    }

    @Test
    void raisingMaxConnectionsIsFlaggedAsARestartBothWays() {
        assertThat(EVENT)
                .hasDiagnostic(
                        "SP403",
                        "max_connections changes from 300 to 500: PostgreSQL restarts (the last step of"
                                + " 01-pre-scale/APPLY.md)")
                .hasDiagnostic(
                        "SP403",
                        "max_connections changes from 500 to 300: PostgreSQL restarts (the last step of"
                                + " 03-post-event/APPLY.md)");
    }

    @Test
    void duringTheEventUsageMeteringNeedsSevenPodsByTheFormula() {
        assertThat(EVENT)
                .phase("during")
                .file("CAPACITY.md")
                .contains("| usage-metering | 1000 rps | 1.3 | 10 | 50 | 10000 rps | 50000 rps | 5000 rps |"
                        + " ceil(5000 / 1000 × 1.3) = ceil(6.5) = 7 | 43 |");
        assertThat(EVENT).phase("during").hpa("usage-metering").hasMinReplicas(10);
    }

    @Test
    void postEventIsTheProductionPlanByteForByte() {
        assertThat(EVENT).phase("post-event").hasSameFilesAs(compile(new Production()), "APPLY.md");
    }

    @Test
    void applyMdPreScalesWithHelmAndKustomizeAndRollsBackToProduction() {
        assertThat(EVENT)
                .phase("pre-scale")
                .file("APPLY.md")
                .contains("When: 24 hours before the event starts.")
                .contains("- `usage-metering`: 3..20 → 10..50 replicas")
                // bounds, and a desired size raised to 4 if below, never lowered (but to the maximum)
                .contains("aws eks update-nodegroup-config --cluster-name arka-cluster --nodegroup-name arka-workers"
                        + " --scaling-config \"minSize=3,maxSize=25,desiredSize=$(( desired < 4 ? 4 : desired > 25 ? 25"
                        + " : desired ))\"\n")
                .contains("helm upgrade arka plans/src/main/helm/arka-engine -n arka-system --reset-then-reuse-values"
                        + " -f generated/black-friday/01-pre-scale/helm/arka-values.yaml\n")
                .contains("helm upgrade postgresql bitnami/postgresql --version 17.1.0 -n arka-system")
                .contains("kubectl apply -k generated/black-friday/01-pre-scale/k8s\n")
                .contains("helm upgrade arka plans/src/main/helm/arka-engine -n arka-system --reset-then-reuse-values"
                        + " -f generated/production/helm/arka-values.yaml\n")
                .contains("- PostgreSQL `max_connections`: 300 → 500 (restart)")
                .contains("psql -v ON_ERROR_STOP=1 -f generated/black-friday/01-pre-scale/sql/10-settings.sql\n"
                        + "psql -v ON_ERROR_STOP=1 -f generated/black-friday/01-pre-scale/sql/20-indexes.sql\n"
                        + "psql -v ON_ERROR_STOP=1 -f generated/black-friday/01-pre-scale/sql/30-maintenance.sql\n")
                // a raise: the read replicas first
                .contains(
                        "# restart PostgreSQL, the read replicas first: a standby must run max_connections at least at"
                                + " the primary's value, else it pauses WAL replay\n"
                                + "kubectl -n arka-system delete pod postgresql-read-0 --wait\n")
                .doesNotContain("--num-nodes");
        assertThat(EVENT)
                .phase("post-event")
                .file("APPLY.md")
                .contains(
                        "When: 2 hours after the event ends. These files are the base plan `production`, byte for byte.")
                .contains("-f generated/black-friday/02-during/helm/arka-values.yaml\n")
                .contains("- PostgreSQL `max_connections`: 500 → 300 (restart)")
                // a lowering: the primary first
                .contains("# restart PostgreSQL, the primary first: max_connections is lowered, and a standby must run"
                        + " at least the primary's value\n"
                        + "kubectl -n arka-system delete pod postgresql-primary-0 --wait\n");
        assertThat(EVENT).phase("during").file("APPLY.md").doesNotContain("delete pod");
    }

    @Test
    void aPhaseThatNamesAServiceTheBasePlanLacksIsAnError() {
        EventDefinition typo = () -> EventPlan.builder("sale", new Production().define())
                .preScale(Duration.ofHours(1), p -> p.service("usage-meter", s -> s.replicas(5)))
                .postEvent(Duration.ofHours(1))
                .build();
        assertThat(compile(typo)).hasDiagnostic("SP400", "the base plan \"production\" has no service \"usage-meter\"");
    }

    @Test
    void expectedLoadBeyondThePreScaledMaximumIsACapacityError() {
        EventDefinition tooSmall = () -> EventPlan.builder("sale", new Production().define())
                .preScale(Duration.ofHours(1), p -> p.service(ArkaEngine.USAGE_METERING, s -> s.maxReplicas(20)))
                .during(d -> d.service(ArkaEngine.USAGE_METERING, s -> s.expectedLoad(rps(20_000))))
                .postEvent(Duration.ofHours(1))
                .build();
        assertThat(compile(tooSmall))
                .hasDiagnostic(
                        "SP104",
                        "expected load 20000 rps needs ceil(20000 / 1000 × 1.3) = ceil(26) = 26 pods"
                                + " (rps / rps per pod × headroom), but maxReplicas is 20");
    }

    @Test
    void preScalingBelowTheBasePlanIsWarnedAbout() {
        EventDefinition lower = () -> EventPlan.builder("sale", new Production().define())
                .preScale(Duration.ofHours(1), p -> p.service(ArkaEngine.USAGE_METERING, s -> s.replicas(2)))
                .postEvent(Duration.ofHours(1))
                .build();
        assertThat(compile(lower))
                .hasNoErrors()
                .hasDiagnostic("SP402", "pre-scale lowers minReplicas from 3 to 2")
                .phase("pre-scale")
                .hpa("usage-metering")
                .hasMinReplicas(2);
    }
}
