package io.scaleplan.compiler;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.tib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.emit.sim.K6Script;
import io.scaleplan.compiler.simulate.LoadCsv;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs at the edges that a review found ending in exceptions, overflowed numbers or broken
 * output: each now ends in a diagnostic with a rule id, or in correct output.
 */
class BoundaryInputsTest {

    private static ScalingPlan.Builder plan() {
        return ScalingPlan.builder("p").namespace("arka-system").helmRelease("arka", "./arka-engine");
    }

    private static List<String> problems(Supplier<ScalingPlan> build) {
        try {
            build.get();
        } catch (PlanDefinitionException e) {
            return e.diagnostics().stream()
                    .map(d -> d.ruleId() + " " + d.message())
                    .toList();
        }
        throw new AssertionError("expected the builder to report a problem");
    }

    private static List<Diagnostic> compile(ScalingPlan plan) {
        return new PlanCompiler().compile(plan).diagnostics();
    }

    @Test
    void aChartReferenceCannotPassForAHelmOption() {
        assertThat(problems(() -> plan().helmRelease("arka", "--force")
                        .service("a", s -> s.replicas(1))
                        .build()))
                .singleElement()
                .asString()
                .startsWith("SP011 chart reference \"--force\" is not valid");
    }

    @Test
    void aLoadProfileLongerThanSevenDaysIsADiagnostic() {
        assertThat(problems(() -> plan().service("api", s -> s.replicas(1))
                        .loadProfile(
                                "forever",
                                p -> p.service("api", c -> c.from(rps(10)).hold(Duration.ofDays(36_500))))
                        .build()))
                .singleElement()
                .asString()
                .startsWith("SP500 hold(...) would end the profile after 604800 s (7 days)");
    }

    @Test
    void aCsvTooLongIsADiagnosticAndAByteOrderMarkIsRead() {
        Throwable tooLong = org.assertj.core.api.Assertions.catchThrowable(
                () -> LoadCsv.parse("peak.csv", "seconds,service,rps\n0,api,10\n999999999,api,10\n"));
        assertThat(tooLong).hasMessageContaining("peak.csv:3: error: [SP500]").hasMessageContaining("at most 604800");
        assertThat(LoadCsv.parse("peak.csv", "\uFEFFseconds,service,rps\n0,api,10\n60,api,20\n")
                        .services())
                .hasSize(1);
    }

    @Test
    void aNodePoolOfAHundredMillionNodesIsADiagnostic() {
        assertThat(problems(() -> plan().nodePool(
                                "pool", p -> p.allocatable(cores(64), gib(512)).nodes(3, 100_000_000))
                        .service("a", s -> s.replicas(1))
                        .build()))
                .singleElement()
                .asString()
                .startsWith("SP002 nodes(min, max) needs 0 <= min <= max and 1 <= max <= 10000");
    }

    @Test
    void aLoadNoReplicaCountCanServeIsReportedInsteadOfOverflowing() {
        ScalingPlan plan = plan().service("api", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(1, 10).cpuUtilization(percent(70)))
                        .capacityPerPod(rps(1))
                        .expectedLoad(rps(3_000_000_000L)))
                .build();
        // the shortfall, and that the pods it needs are beyond a replica count: not a silently saturated figure
        assertThat(compile(plan)).extracting(Diagnostic::ruleId).containsExactlyInAnyOrder("SP104", "SP111");
        assertThat(problems(() -> plan().service(
                                "api", s -> s.replicas(1).capacityPerPod(rps(1)).headroom(Double.MAX_VALUE))
                        .build()))
                .singleElement()
                .asString()
                .isEqualTo("SP005 headroom must be 1.0 to 100, was 1.7976931348623157E308");
    }

    @Test
    void theConnectionBudgetDoesNotWrapAround() {
        ScalingPlan plan = plan().service(
                        "api", s -> s.replicas(Integer.MAX_VALUE).connectionPoolSize(1000))
                .postgres(pg -> pg.limits(cores(4), gib(16)).maxConnections(200))
                .build();
        assertThat(compile(plan))
                .filteredOn(d -> d.ruleId().equals("SP120"))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).doesNotContain("-").contains("> max_connections 200"));
    }

    @Test
    void postgresSizesBeyondWhatTheServerTakesAreDiagnostics() {
        assertThat(problems(() -> plan().service("a", s -> s.replicas(1))
                        .postgres(pg -> pg.instance(2048, tib(64)))
                        .build()))
                .extracting(s -> s.substring(0, 5))
                .containsOnly("SP021");
    }

    @Test
    void aHugeRedisClusterShapeIsReportedWithoutOverflow() {
        ScalingPlan plan = plan().service("a", s -> s.replicas(1))
                .redis(r -> r.cluster(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .build();
        assertThat(compile(plan))
                .filteredOn(d -> d.ruleId().equals("SP122"))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("1 + 2147483647 = 2147483648"));
    }

    @Test
    void k6FunctionNamesSurviveReservedWordsAndLookAlikeServices(@TempDir Path dir) throws Exception {
        ScalingPlan plan = plan().service("http", s -> s.replicas(1))
                .service("default", s -> s.replicas(1))
                .service("a--b", s -> s.replicas(1))
                .service("a-b", s -> s.replicas(1).helmKey("aDashB"))
                .service("2fa", s -> s.replicas(1).helmKey("twoFa"))
                .loadProfile("mix", p -> p.service("http", c -> c.from(rps(1)))
                        .service("default", c -> c.from(rps(1)))
                        .service("a--b", c -> c.from(rps(1)))
                        .service("a-b", c -> c.from(rps(1)))
                        .service("2fa", c -> c.from(rps(1))))
                .build();
        String js = K6Script.render(plan, plan.loadProfile().orElseThrow());
        assertThat(js)
                .contains("export function hit_a__b()", "export function hit_a_b()", "export function hit_default()");
        Path script = Files.writeString(dir.resolve("load-test.js"), js);
        boolean node;
        try {
            node = new ProcessBuilder("node", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            node = false;
        }
        assumeTrue(node, "node is not installed: skipping 'node --check'");
        Process p = new ProcessBuilder("node", "--check", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
