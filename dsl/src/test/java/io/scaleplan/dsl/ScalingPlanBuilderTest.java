package io.scaleplan.dsl;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingPlanBuilderTest {
    private static final String FILE = "io/scaleplan/dsl/ScalingPlanBuilderTest.java";

    private static ScalingPlan.Builder base() {
        return ScalingPlan.builder("production").namespace("arka-system").helmRelease("arka", "./arka-engine");
    }

    private static int line(String marker) {
        return Lines.of(FILE, marker);
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
    void buildsAnImmutableModel() {
        ScalingPlan plan = base().service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(3, 20)
                                .cpuUtilization(percent(70))
                                .memoryUtilization(percent(80))
                                .podsMetric("http_requests_per_second", 1_000)
                                .behavior(b -> b.scaleDown(
                                        d -> d.stabilizationWindow(minutes(5)).policy(percent(10), minutes(1)))))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(1_000)))
                .build();

        assertThat(plan.name()).isEqualTo("production");
        assertThat(plan.namespace()).isEqualTo("arka-system");
        assertThat(plan.release()).isEqualTo(new HelmRelease("arka", "./arka-engine"));
        assertThat(plan.release().chartName()).isEqualTo("arka-engine");
        Service s = plan.service("usage-metering").orElseThrow();
        assertThat(s.helmKey()).isEqualTo("usageMetering");
        assertThat(s.replicas()).isEmpty();
        Autoscaling a = s.autoscaling().orElseThrow();
        assertThat(a.minReplicas()).isEqualTo(3);
        assertThat(a.maxReplicas()).isEqualTo(20);
        assertThat(a.podsMetrics()).containsExactly(new PodsMetric("http_requests_per_second", new BigDecimal("1E+3")));
        assertThat(a.behavior().orElseThrow().scaleDown().orElseThrow().policies())
                .containsExactly(new ScalingPolicy(percent(10), minutes(1)));
        assertThat(s.capacity().orElseThrow().headroom()).isEqualTo(1.3);
        assertThat(s.source().path()).isEqualTo(FILE);
        assertThatThrownBy(() -> plan.services().add(s)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.podsMetrics().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNegativeReplicasAtTheCallersLine() {
        List<Diagnostic> found = problems(() -> base().service("usage-metering", s -> s.replicas(-1)) // @negative
                .build());
        int line = line("@negative");
        assertThat(found)
                .singleElement()
                .hasToString(FILE + ":" + line
                        + ": error: [SP002] production · usage-metering: replicas must be at least 0, was -1");
    }

    @Test
    void aStatefulSetIsItsServicesScaleTargetAndHasNoSurge() {
        ScalingPlan plan = base().service("ledger", s -> s.statefulSet().replicas(4))
                .service("search", s -> s.statefulSet(PodManagement.PARALLEL).replicas(4))
                .service("api", s -> s.replicas(4))
                .service(
                        "cache",
                        s -> s.statefulSet().workload(WorkloadKind.DEPLOYMENT).replicas(4))
                .build();
        Service ledger = plan.service("ledger").orElseThrow();
        assertThat(ledger.workload()).isEqualTo(WorkloadKind.STATEFUL_SET);
        assertThat(ledger.podManagement()).isEqualTo(PodManagement.ORDERED_READY);
        assertThat(ledger.surgePods(4)).isZero();
        assertThat(plan.service("search").orElseThrow().podManagement()).isEqualTo(PodManagement.PARALLEL);
        Service api = plan.service("api").orElseThrow();
        assertThat(api.workload()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(api.surgePods(4)).isEqualTo(1);
        assertThat(plan.service("cache").orElseThrow().workload()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(WorkloadKind.ofKind("StatefulSet")).contains(WorkloadKind.STATEFUL_SET);
        assertThat(WorkloadKind.ofKind("Rollout")).isEmpty();
        assertThat(PodManagement.ofPolicy("Parallel")).contains(PodManagement.PARALLEL);
    }

    @Test
    void rejectsARolloutSurgeOnAStatefulSetAtItsLine() {
        List<Diagnostic> found = problems(
                () -> base().service("ledger", s -> s.statefulSet().replicas(3).rolloutSurge(percent(50))) // @surge
                        .build());
        assertThat(found)
                .singleElement()
                .hasToString(FILE + ":" + line("@surge")
                        + ": error: [SP019] production · ledger: rolloutSurge(50%) on a StatefulSet, which has no"
                        + " maxSurge: its rolling update replaces one pod at a time and starts no extra pod");
    }

    @Test
    void rejectsMinAboveMax() {
        List<Diagnostic> found = problems(() -> base().service(
                        "usage-metering",
                        s -> s.autoscale(a -> a.min(30) // @min
                                .max(20)
                                .cpuUtilization(percent(70))))
                .build());
        int line = line("@min");
        assertThat(found)
                .singleElement()
                .hasToString(
                        FILE + ":" + line
                                + ": error: [SP003] production · usage-metering: minReplicas (30) must not exceed maxReplicas (20)");
    }

    @Test
    void rejectsZeroUtilization() {
        List<Diagnostic> found = problems(() -> base().service(
                        "policy-engine", s -> s.autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(0)))) // @zero
                .build());
        int line = line("@zero");
        assertThat(found)
                .singleElement()
                .hasToString(
                        FILE + ":" + line
                                + ": error: [SP004] production · policy-engine: CPU utilization target must be at least 1%, was 0%");
    }

    @Test
    void rejectsNamesThatAreNotDns1123Labels() {
        List<Diagnostic> found = problems(() -> ScalingPlan.builder("Production")
                .namespace("arka_system")
                .helmRelease("arka", "./arka-engine")
                .service("Usage_Metering", s -> s.replicas(1))
                .build());
        assertThat(found)
                .extracting(Diagnostic::message)
                .containsExactly(
                        "plan name \"Production\" is not a valid DNS-1123 label (lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit, at most 63 characters)",
                        "namespace \"arka_system\" is not a valid DNS-1123 label (lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit, at most 63 characters)",
                        "service name \"Usage_Metering\" is not a valid DNS-1123 label (lower-case letters, digits"
                                + " and '-', starting and ending with a letter or digit, at most 63 characters)");
        assertThat(found).extracting(Diagnostic::ruleId).containsOnly("SP001");
        assertThat(found)
                .extracting(d -> d.element().toString())
                .containsExactly("plan \"Production\"", "Production", "Production · Usage_Metering");
        assertThat(found)
                .extracting(Diagnostic::element)
                .extracting(PlanElement::service)
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of("Usage_Metering"));
    }

    @Test
    void rejectsA64CharacterName() {
        String name = "a".repeat(64);
        assertThat(problems(() -> base().service(name, s -> s.replicas(1)).build()))
                .extracting(Diagnostic::ruleId)
                .containsExactly("SP001");
        assertThat(base().service("a".repeat(63), s -> s.replicas(1)).build().services())
                .hasSize(1);
    }

    @Test
    void collectsEveryProblemNotOnlyTheFirst() {
        List<Diagnostic> found = problems(() -> base().service("a", s -> s.replicas(-2))
                .service("b", s -> s.autoscale(a -> a.replicas(0, 0)))
                .service("c", s -> s.cpuRequest(cores(0)))
                .service("a", s -> s.replicas(1))
                .build());
        assertThat(found)
                .extracting(d -> d.ruleId() + " " + d.element() + ": " + d.message())
                .containsExactly(
                        "SP002 production · a: replicas must be at least 0, was -2",
                        "SP002 production · b: minReplicas must be at least 1, was 0",
                        "SP002 production · b: maxReplicas must be at least 1, was 0",
                        "SP005 production · c: resources.requests.cpu must be greater than 0, was 0",
                        "SP007 production · c: declares neither replicas(n) nor autoscale(...): say how many pods it runs",
                        "SP006 production · a: service \"a\" is declared twice (first at " + FILE + ":"
                                + found.get(0).location().line() + ")");
    }

    @Test
    void rejectsBehaviorTheApiServerRejects() {
        List<Diagnostic> found = problems(() -> base().service(
                        "s",
                        s -> s.autoscale(a -> a.replicas(1, 2)
                                .behavior(b -> b.scaleUp(u -> u.stabilizationWindow(seconds(3601))
                                        .policy(pods(0), seconds(15))
                                        .policy(percent(100), seconds(1801))))))
                .build());
        assertThat(found)
                .extracting(Diagnostic::message)
                .containsExactly(
                        "behavior.scaleUp.stabilizationWindowSeconds must be 0 to 3600 whole seconds, was 3601s",
                        "behavior.scaleUp.policies[0].value must be greater than 0, was 0",
                        "behavior.scaleUp.policies[0].periodSeconds must be 1 to 1800 whole seconds, was 1801s");
        assertThat(found).extracting(Diagnostic::ruleId).containsOnly("SP008");
    }

    @Test
    void rejectsTwoBudgetsAndPercentagesAbove100() {
        List<Diagnostic> found = problems(
                () -> base().service("s", s -> s.replicas(3).minAvailable(1).maxUnavailable(pods(1)))
                        .service("t", s -> s.replicas(3).maxUnavailable(percent(101)))
                        .build());
        assertThat(found).extracting(Diagnostic::ruleId).containsExactly("SP009", "SP009");
        assertThat(found.get(0).message()).startsWith("disruption budget is declared twice (minAvailable at " + FILE);
        assertThat(found.get(1).message())
                .isEqualTo("disruption budget maxUnavailable must not be greater than 100%, was 101%");
    }

    @Test
    void rejectsUnsafeTextInsteadOfEscapingIt() {
        List<Diagnostic> found = problems(
                () -> base().service("s", s -> s.autoscale(a -> a.replicas(1, 2).podsMetric("rps\"\nkind: Secret", 5)))
                        .build());
        assertThat(found)
                .singleElement()
                .extracting(Diagnostic::message)
                .isEqualTo("metric name \"rps\\\"\\u000akind: Secret\" is not valid (letters, digits, '_', ':', '.' or"
                        + " '-', not starting with a digit)");
        assertThat(problems(() -> ScalingPlan.builder("p")
                        .helmRelease("arka", "./chart --set x=1")
                        .service("s", s -> s.replicas(1))
                        .build()))
                .extracting(Diagnostic::ruleId)
                .containsExactly("SP011");
    }

    @Test
    void requiresAReleaseAndAScalingMode() {
        List<Diagnostic> found = problems(() -> ScalingPlan.builder("p")
                .service("s", s -> s.requests(cores(1), gib(1)))
                .build());
        assertThat(found)
                .extracting(Diagnostic::message)
                .containsExactly(
                        "no Helm release: call helmRelease(release, chart), or plainManifests() for services applied"
                                + " from plain manifests or kustomize",
                        "declares neither replicas(n) nor autoscale(...): say how many pods it runs");
    }

    @Test
    void helmKeyDefaultsToLowerCamelAndCanBeSet() {
        ScalingPlan plan = base().service("attestation-service", s -> s.replicas(2))
                .service("x", s -> s.replicas(1).helmKey("xService"))
                .build();
        assertThat(plan.services()).extracting(Service::helmKey).containsExactly("attestationService", "xService");
        assertThat(problems(() -> base().service("a-b", s -> s.replicas(1)) // @a-b
                        .service("ab", s -> s.replicas(1).helmKey("aB"))
                        .build()))
                .extracting(Diagnostic::message)
                .containsExactly("Helm values key \"aB\" is already used by service \"a-b\" (at " + FILE + ":"
                        + line("@a-b") + ")");
    }

    @Test
    void recordsAreTheLastLineOfDefence() {
        assertThatThrownBy(() -> new Autoscaling(
                        5,
                        3,
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        List.of(),
                        java.util.Optional.empty(),
                        SourceLocation.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minReplicas (5) must not exceed maxReplicas (3)");
        assertThatThrownBy(() -> new HelmRelease("Arka", "x")).hasMessage("not a valid release name: \"Arka\"");
    }

    @Test
    void aNameWhoseDefaultHelmKeyIsInvalidIsADiagnosticNotAnException() {
        assertThat(problems(() -> base().service("2fa-gateway", s -> s.replicas(2)) // @2fa
                        .build()))
                .singleElement()
                .hasToString(FILE + ":" + line("@2fa") + ": error: [SP001] production · 2fa-gateway: service name"
                        + " \"2fa-gateway\" gives the Helm values key \"2faGateway\", which is not valid (a letter, then"
                        + " letters, digits or '_', usable as .Values.<key> in a template): set one with helmKey(...)");
        assertThat(base().service("2fa-gateway", s -> s.replicas(2).helmKey("twoFactorGateway"))
                        .build()
                        .services())
                .extracting(Service::helmKey)
                .containsExactly("twoFactorGateway");
    }
}
