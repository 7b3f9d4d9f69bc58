package io.scaleplan.cli;

import io.scaleplan.compiler.simulate.SimulationOptions;
import io.scaleplan.compiler.usecase.Simulate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaleplan simulate}: the command line of {@link Simulate}, which does the work. */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "simulate",
        description = {
            "Replay a load profile through the HPA control loop, the way the Kubernetes controller would.",
            "Uses the plan's own load profile, or a CSV file (seconds,service,rps) with --load. Writes SIMULATION.md,"
                    + " timeline.csv and load-test.js (k6) to DIR/PLAN/sim/ (DIR/EVENT/NN-PHASE/sim/ for an event),"
                    + " and chart.png and chart.svg with --chart."
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan to simulate.")
    String planName;

    @Option(
            names = "--phase",
            paramLabel = "P",
            description = "The phase of an event plan to simulate: pre-scale, during, post-event. Default for an"
                    + " event: during, or pre-scale when it has no during phase.")
    String phase;

    @Option(
            names = "--load",
            paramLabel = "FILE",
            description = "A CSV load profile (header seconds,service,rps) instead of the plan's own.")
    Path load;

    @Option(names = "--chart", description = "Also draw chart.png and chart.svg.")
    boolean chart;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output folder; files go to DIR/PLAN/sim/. Default: target/scaleplan-simulate at the project"
                    + " root. Never inside an output folder scaleplan owns (generated/): compile writes the plan's"
                    + " own simulation there.")
    Path output;

    @Option(
            names = "--ready-after",
            paramLabel = "SECONDS",
            defaultValue = "" + SimulationOptions.DEFAULT_READY_SECONDS,
            description = "Seconds from a pod's creation to Ready (default: ${DEFAULT-VALUE}).")
    int readySeconds;

    @Option(
            names = "--running-unready",
            paramLabel = "SECONDS",
            defaultValue = "" + SimulationOptions.DEFAULT_RUNNING_UNREADY_SECONDS,
            description = "Of --ready-after, the last SECONDS a new pod is Running but not yet Ready: no traffic, a"
                    + " sample of 0 that a Pods metric counts (default: ${DEFAULT-VALUE}). Before that it is Pending.")
    int runningUnreadySeconds;

    @Option(
            names = "--metrics-lag",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "How old the samples the HPA reads are (scrape interval, adapter caching; default:"
                    + " ${DEFAULT-VALUE}).")
    int metricsLagSeconds;

    @Mixin
    SourceRootOption sourceRoot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> timing = Simulate.invalidTiming(readySeconds, runningUnreadySeconds, metricsLagSeconds);
        if (timing.isPresent()) {
            return Failures.error(timing.get(), err, ExitCodes.USAGE);
        }
        PlanOutputs compiled = PlanOutputs.compile(main.plans(), List.of(planName), false, sourceRoot.path, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        Simulate.Result result = Simulate.run(
                compiled.result(),
                new Simulate.Request(
                        planName,
                        phase,
                        load,
                        chart,
                        output != null ? output : main.root().resolve("target/scaleplan-simulate"),
                        readySeconds,
                        runningUnreadySeconds,
                        metricsLagSeconds,
                        sourceRoot.path));
        result.progress().forEach(out::println);
        out.flush();
        result.problems().forEach(err::println);
        err.flush();
        return switch (result.outcome()) {
            case OK -> ExitCodes.OK;
            case PLAN_ERRORS -> ExitCodes.PLAN_ERRORS;
            case USAGE -> ExitCodes.USAGE;
            case IO -> ExitCodes.IO;
        };
    }
}
