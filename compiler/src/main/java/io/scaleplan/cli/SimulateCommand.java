package io.scaleplan.cli;

import io.scaleplan.compiler.check.LoadProfileRule;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.sim.SimulationCharts;
import io.scaleplan.compiler.emit.sim.SimulationEmitter;
import io.scaleplan.compiler.emit.sim.SimulationReport;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.compiler.output.SimulationOutput;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.compiler.simulate.LoadCsv;
import io.scaleplan.compiler.simulate.LoadFileException;
import io.scaleplan.compiler.simulate.ServiceRun;
import io.scaleplan.compiler.simulate.Simulation;
import io.scaleplan.compiler.simulate.SimulationOptions;
import io.scaleplan.compiler.simulate.Simulator;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

    @Option(
            names = "--source-root",
            paramLabel = "DIR",
            defaultValue = "${env:SCALEPLAN_SOURCE_ROOT}",
            description = "Folder the plans' sources live in, to print diagnostics as DIR/pkg/File.java:line.")
    Path sourceRoot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (readySeconds < 0) {
            return usage(err, "--ready-after must be at least 0, was " + readySeconds);
        }
        if (runningUnreadySeconds < 0) {
            return usage(err, "--running-unready must be at least 0, was " + runningUnreadySeconds);
        }
        if (metricsLagSeconds < 0) {
            return usage(err, "--metrics-lag must be at least 0, was " + metricsLagSeconds);
        }
        PlanOutputs compiled = PlanOutputs.compile(main.plans(), List.of(planName), false, sourceRoot, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        LoadedPlan loaded = main.plans().load().stream()
                .filter(p -> p.name().equals(planName) && p.plan().isPresent())
                .findFirst()
                .orElseThrow();
        ScalingPlan plan = loaded.plan().orElseThrow();
        String folder = plan.name();
        if (loaded.event().isPresent()) {
            EventPlan event = loaded.event().get();
            Optional<EventPhase> chosen = phase == null
                    ? event.phase(EventPhase.Kind.DURING).or(() -> event.phase(EventPhase.Kind.PRE_SCALE))
                    : event.phases().stream()
                            .filter(p -> p.kind().id().equals(phase))
                            .findFirst();
            if (chosen.isEmpty()) {
                return usage(
                        err,
                        "event " + planName + " has no phase " + phase + " (phases: "
                                + String.join(
                                        ", ",
                                        event.phases().stream()
                                                .map(p -> p.kind().id())
                                                .toList())
                                + ")");
            }
            plan = chosen.get().plan();
            folder = event.name() + "/" + chosen.get().folder();
            out.println(
                    "event " + event.name() + ", phase " + chosen.get().kind().id() + ":");
        } else if (phase != null) {
            return usage(
                    err,
                    "plan " + planName + " has no phase " + phase
                            + ": it is not an event plan (omit --phase to simulate it as it is)");
        }
        LoadProfile profile;
        if (load != null) {
            try {
                profile = LoadCsv.parse(load.toString(), readUtf8(load));
            } catch (LoadFileException e) {
                e.problems().forEach(err::println);
                err.println("nothing written: fix the load file");
                err.flush();
                return ExitCodes.PLAN_ERRORS;
            } catch (IOException e) {
                err.println("error: cannot read " + load + ": " + e.getMessage());
                err.flush();
                return ExitCodes.IO;
            }
            if (!knownServices(plan, profile, err)) {
                return ExitCodes.PLAN_ERRORS;
            }
        } else if (plan.loadProfile().isPresent()) {
            profile = plan.loadProfile().get();
        } else {
            return usage(
                    err,
                    "plan " + planName + " has no load profile: give one with --load FILE (CSV: seconds,service,rps)"
                            + " or add loadProfile(...) to the plan");
        }
        List<Diagnostic> problems = LoadProfileRule.check(plan, profile);
        if (!problems.isEmpty()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(err, sourceRoot);
            problems.forEach(d -> err.println(printer.format(d)));
            err.println("nothing written: fix the errors above");
            err.flush();
            return ExitCodes.PLAN_ERRORS;
        }
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS
                        .withReadySeconds(readySeconds)
                        .withRunningUnreadySeconds(runningUnreadySeconds)
                        .withMetricsLagSeconds(metricsLagSeconds))
                .run(plan, profile);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (GeneratedFile f : SimulationEmitter.files(sim, "sim")) {
            files.put(f.path().substring("sim/".length()), f.bytes());
        }
        if (chart) {
            files.put("chart.png", SimulationCharts.png(sim));
            files.put("chart.svg", SimulationCharts.svg(sim).getBytes(StandardCharsets.UTF_8));
        }
        Path root = output != null ? output : main.root().resolve("target/scaleplan-simulate");
        Optional<Path> owned = ownedOutputFolder(root.resolve(folder));
        if (owned.isPresent()) {
            return usage(
                    err,
                    Main.show(root) + " lies in " + Main.show(owned.get()) + ", the output folder scaleplan compile"
                            + " owns (it has a " + Manifest.FILE_NAME + "): give another --output (default:"
                            + " target/scaleplan-simulate)");
        }
        try {
            Map<Path, SimulationOutput.Outcome> written =
                    SimulationOutput.write(root.resolve(folder).resolve("sim"), files);
            for (ServiceRun r : sim.runs()) {
                out.println(SimulationReport.verdict(r));
            }
            written.forEach((p, outcome) -> out.println(
                    (outcome == SimulationOutput.Outcome.WRITTEN ? "wrote " : "unchanged ") + Main.show(p)));
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The folder at or above {@code dir} that carries an output manifest, if any. */
    private static Optional<Path> ownedOutputFolder(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(Manifest.FILE_NAME))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static boolean knownServices(ScalingPlan plan, LoadProfile profile, PrintWriter err) {
        Set<String> declared = new TreeSet<>();
        plan.services().forEach(s -> declared.add(s.name()));
        boolean ok = true;
        for (LoadProfile.ServiceLoad s : profile.services()) {
            if (!declared.contains(s.service())) {
                err.println("error: [SP501] load profile " + profile.name() + " gives a load for service "
                        + s.service() + ", which plan " + plan.name() + " does not declare (services: "
                        + String.join(", ", declared) + ")");
                ok = false;
            }
        }
        err.flush();
        return ok;
    }

    private static String readUtf8(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text", e);
        }
    }

    private int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
