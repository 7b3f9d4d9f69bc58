package io.scaleplan.cli;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scaleplan simulate}, in-process, on a plan with a load profile and one without. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public static final class Shop implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("shop")
                    .helmRelease("shop", "./shop")
                    .service("api", s -> s.requests(cores(1), gib(1))
                            .autoscale(a -> a.replicas(2, 20).cpuUtilization(percent(50)))
                            .capacityPerPod(rps(100)))
                    .service("admin", s -> s.requests(cores(1), gib(1)).replicas(1))
                    .loadProfile(
                            "sale",
                            p -> p.service("api", c -> c.from(rps(100))
                                    .hold(minutes(1))
                                    .rampTo(rps(1_000), minutes(1))
                                    .hold(minutes(2))))
                    .build();
        }
    }

    /** The shop's sale: api pre-scaled to 12 pods, enough for the ramp to 1,000 rps from the start. */
    public static final class Sale implements EventDefinition {
        @Override
        public EventPlan event() {
            return EventPlan.builder("sale", new Shop().define())
                    .preScale(
                            Duration.ofHours(1),
                            p -> p.service("api", s -> s.replicas(20).maxReplicas(40)))
                    .postEvent(Duration.ofHours(1))
                    .build();
        }
    }

    private int run(String... args) {
        return Main.run(
                PlanSource.of(List.of(new Shop(), new Sale())), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void anEventIsSimulatedPhaseByPhaseWithTheBasePlansProfile() throws Exception {
        assertThat(run("simulate", "sale", "--output", dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .startsWith("event sale, phase pre-scale:\n"
                        + "api: the ready pods covered the load at every second (peak 20 ready pods, 2000 rps).\n");
        assertThat(Files.readString(dir.resolve("sale/01-pre-scale/sim/SIMULATION.md")))
                .contains("| api | 20–40, cpu 50%; no behavior (legacy path) | 1000 rps | 20 → 20 |");
        out.getBuffer().setLength(0);
        assertThat(run("simulate", "sale", "--phase", "post-event", "--output", dir.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .startsWith("event sale, phase post-event:\napi: the load exceeded ready capacity for ");
        assertThat(dir.resolve("sale/03-post-event/sim/SIMULATION.md")).exists();
        assertThat(run("simulate", "sale", "--phase", "during")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("error: event sale has no phase during (phases: pre-scale, post-event)\n");
    }

    @Test
    void simulatesThePlansOwnProfileAndDrawsTheCharts() throws Exception {
        assertThat(run("simulate", "shop", "--chart", "--output", dir.toString()))
                .isEqualTo(ExitCodes.OK);
        Path sim = dir.resolve("shop/sim");
        assertThat(out.toString())
                .startsWith("api: the load exceeded ready capacity for ")
                .contains("wrote " + sim.resolve("chart.png"));
        assertThat(err.toString()).isEmpty();
        assertThat(Files.readString(sim.resolve("SIMULATION.md"))).contains("| api | 2–20, cpu 50%");
        assertThat(ImageIO.read(sim.resolve("chart.png").toFile())).isNotNull();
        assertThat(Files.readString(sim.resolve("chart.svg"))).contains("<svg");
        assertThat(Files.readString(sim.resolve("load-test.js"))).contains("executor: 'ramping-arrival-rate'");
    }

    @Test
    void aCsvProfileReplacesThePlansOwn() throws Exception {
        Path csv = dir.resolve("flat.csv");
        Files.writeString(csv, "seconds,service,rps\n0,api,100\n600,api,100\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("out");
        assertThat(run("simulate", "shop", "--load", csv.toString(), "--output", output.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("api: the ready pods covered the load at every second");
        assertThat(Files.readString(output.resolve("shop/sim/SIMULATION.md"))).contains("under load profile flat");
        assertThat(output.resolve("shop/sim/chart.png")).doesNotExist();
    }

    @Test
    void csvErrorsArePrintedWithFileAndLineAndNothingIsWritten() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "seconds,service,rps\n0,api,100\n0,web,x\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("out");
        assertThat(run("simulate", "shop", "--load", csv.toString(), "--output", output.toString()))
                .isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .isEqualTo(csv + ":3: error: [SP500] rps must be a number of at least 0 (such as 2500 or 2500.5),"
                        + " was 'x'\nnothing written: fix the load file\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void aCsvForAnUndeclaredServiceOrOneWithoutCapacityIsRefused() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "seconds,service,rps\n0,web,100\n0,admin,5\n", StandardCharsets.UTF_8);
        assertThat(run(
                        "simulate",
                        "shop",
                        "--load",
                        csv.toString(),
                        "--output",
                        dir.resolve("out").toString()))
                .isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .isEqualTo("error: [SP501] load profile other gives a load for service web, which plan shop does not"
                        + " declare (services: admin, api)\n");
        Files.writeString(csv, "seconds,service,rps\n0,admin,5\n", StandardCharsets.UTF_8);
        err.getBuffer().setLength(0);
        assertThat(run(
                        "simulate",
                        "shop",
                        "--load",
                        csv.toString(),
                        "--output",
                        dir.resolve("out").toString()))
                .isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .contains("error: [SP502] shop · admin: load profile other drives admin, which declares no"
                        + " capacityPerPod")
                .endsWith("nothing written: fix the errors above\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void writesUnderTargetByDefaultSaysUnchangedAndNeverWritesIntoAnOwnedOutputFolder() throws Exception {
        PlanSource plans = PlanSource.of(List.of(new Shop(), new Sale()));
        assertThat(Main.run(plans, dir, new PrintWriter(out), new PrintWriter(err), "compile", "--quiet"))
                .as(err.toString())
                .isZero();
        Path generated = dir.resolve("generated");
        java.util.Map<String, byte[]> before = Repo.at(generated).snapshot();

        assertThat(Main.run(plans, dir, new PrintWriter(out), new PrintWriter(err), "simulate", "shop", "--chart"))
                .as(err.toString())
                .isZero();
        Path sim = dir.resolve("target/scaleplan-simulate/shop/sim");
        assertThat(sim.resolve("chart.svg")).exists();
        assertThat(out.toString()).contains("wrote ").doesNotContain("unchanged ");
        Repo.assertSameSnapshot(before, Repo.at(generated).snapshot());

        out.getBuffer().setLength(0);
        assertThat(Main.run(plans, dir, new PrintWriter(out), new PrintWriter(err), "simulate", "shop", "--chart"))
                .isZero();
        assertThat(out.toString()).contains("unchanged ").doesNotContain("wrote ");

        assertThat(Main.run(
                        plans,
                        dir,
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "simulate",
                        "shop",
                        "--chart",
                        "--output",
                        generated.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the output folder scaleplan compile owns");
        Repo.assertSameSnapshot(before, Repo.at(generated).snapshot());
    }

    @Test
    void unknownPlansMissingFilesAndPhasesAreUsageOrIoErrors() {
        assertThat(run("simulate", "nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("simulate", "shop", "--phase", "during")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("error: plan shop has no phase during: it is not an event plan (omit --phase to simulate it"
                        + " as it is)");
        assertThat(run("simulate", "shop", "--load", dir.resolve("missing.csv").toString()))
                .isEqualTo(ExitCodes.IO);
        assertThat(run("simulate", "shop", "--ready-after", "-1")).isEqualTo(ExitCodes.USAGE);
    }
}
