package io.scaleplan.cli;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.SourceLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile prints diagnostics as javac does; errors write nothing and exit 2, warnings do not block. */
class CompileDiagnosticsTest {
    private static final String FILE = "io/scaleplan/cli/CompileDiagnosticsTest.java";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int compile(PlanDefinition plan, String... extra) {
        return compile(plan, dir, extra);
    }

    private int compile(PlanDefinition plan, Path output, String... extra) {
        List<String> args = new java.util.ArrayList<>(
                List.of("compile", "--output", output.toString(), "--source-root", "src/test/java"));
        args.addAll(List.of(extra));
        return Main.run(
                PlanSource.of(List.of(plan)), new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }

    private static String at(String marker) {
        return "src/test/java/" + FILE + ":" + SourceLines.of(FILE, marker);
    }

    static final class Broken implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("broken")
                    .helmRelease("arka", "./arka-engine")
                    .service("usage-metering", s -> s.requests(cores(1), gib(2))
                            .autoscale(a -> a.replicas(3, 6).cpuUtilization(percent(70))) // @capacity
                            .capacityPerPod(rps(1_000))
                            .expectedLoad(rps(5_000)))
                    .service(
                            "policy-engine",
                            s -> s.autoscale(a -> a.replicas(2, 10) // @no-request
                                    .cpuUtilization(percent(70))))
                    .build();
        }
    }

    static final class Warned implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("warned")
                    .helmRelease("arka", "./arka-engine")
                    .service("api", s -> s.replicas(2).expectedLoad(rps(100))) // @warning
                    .build();
        }
    }

    @Test
    void errorsArePrintedLikeJavacAndNothingIsWritten() {
        assertThat(compile(new Broken())).isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .isEqualTo(at("@capacity") + ": error: [SP104] broken · usage-metering: expected load 5000 rps needs"
                        + " ceil(5000 / 1000 × 1.3) = ceil(6.5) = 7 pods (rps / rps per pod × headroom), but maxReplicas"
                        + " is 6\n"
                        + "    fix: Raise maxReplicas to at least the required pods, or raise capacity per pod.\n"
                        + at("@no-request") + ": error: [SP101] broken · policy-engine: CPU utilization target 70% but"
                        + " no CPU request: the HPA cannot compute CPU utilization and will not scale\n"
                        + "    fix: Add requests(cpu, memory) (or cpuRequest/memoryRequest) to the service.\n"
                        + "2 errors, 0 warnings\n"
                        + "nothing written: fix the errors above\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void warningsDoNotBlockUnlessStrict() {
        assertThat(compile(new Warned())).isZero();
        assertThat(err.toString())
                .startsWith(at("@warning") + ": warning: [SP106] warned · api: expected load 100 rps but no"
                        + " capacityPerPod(...)")
                .endsWith("0 errors, 1 warning\n");
        assertThat(dir.resolve("warned/helm/arka-values.yaml")).exists();

        assertThat(compile(new Warned(), dir.resolve("strict"), "--strict")).isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(dir.resolve("strict")).doesNotExist();
    }
}
