package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.check.LoadProfileRule;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.sim.SimulationCharts;
import io.scaleplan.compiler.emit.sim.SimulationEmitter;
import io.scaleplan.compiler.emit.sim.SimulationReport;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.compiler.output.SimulationOutput;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.compiler.report.Shown;
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
import io.scaleplan.dsl.RuleId;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code simulate} use case, shared by the CLI command and the Maven goal: replays a load
 * profile (the plan's own, or a CSV file) through the HPA control loop and writes SIMULATION.md,
 * timeline.csv, load-test.js and, on request, the charts to {@code OUTPUT/PLAN/sim/}
 * ({@code OUTPUT/EVENT/NN-PHASE/sim/} for an event). The {@link Result} holds the lines to show
 * (progress, problems) in the form both adapters print, and the {@link Outcome} that tells the
 * adapter how to end.
 */
public final class Simulate {

    /** How a simulation ended; each adapter maps it onto its own exit (code, build failure). */
    public enum Outcome {
        /** Simulated and written. */
        OK,
        /** The load file or the profile has errors; nothing written. */
        PLAN_ERRORS,
        /** The request is wrong (phase, missing profile, output folder); nothing written. */
        USAGE,
        /** Reading the load file or writing the outputs failed. */
        IO
    }

    /**
     * What to simulate and how.
     *
     * @param plan the name of the plan (or event) to simulate
     * @param phase an event's phase id ({@code pre-scale}, {@code during}, {@code post-event}), or null
     * @param load a CSV load profile to use instead of the plan's, or null
     * @param chart whether to draw chart.png and chart.svg too
     * @param output the folder the files go to, below {@code PLAN/sim/}
     * @param sourceRoot the plans' source folder, for diagnostics as {@code File.java:line}, or null
     */
    public record Request(
            String plan,
            String phase,
            Path load,
            boolean chart,
            Path output,
            int readySeconds,
            int runningUnreadySeconds,
            int metricsLagSeconds,
            Path sourceRoot) {}

    /**
     * What simulating did.
     *
     * @param outcome how it ended
     * @param progress what to show on the standard output (the phase, each service's verdict, each file written)
     * @param problems what to show on the error stream, each line as printed ({@code error: ...},
     *     diagnostics, {@code nothing written: ...})
     */
    public record Result(Outcome outcome, List<String> progress, List<String> problems) {
        public Result {
            progress = List.copyOf(progress);
            problems = List.copyOf(problems);
        }
    }

    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private Simulate() {}

    /**
     * Runs {@code request} on {@code compiled}, which must hold the plan, free of errors; nothing is
     * written unless the outcome is {@link Outcome#OK} (or IO part-way).
     */
    public static Result run(CompiledPlans compiled, Request request) {
        Simulate simulate = new Simulate();
        Outcome outcome = simulate.simulate(compiled, request);
        return new Result(outcome, simulate.out, simulate.err);
    }

    private Outcome simulate(CompiledPlans compiled, Request request) {
        Optional<String> timing =
                invalidTiming(request.readySeconds(), request.runningUnreadySeconds(), request.metricsLagSeconds());
        if (timing.isPresent()) {
            return usage(timing.get());
        }
        Generate.requireOk(compiled);
        LoadedPlan loaded = compiled.plan(request.plan())
                .orElseThrow(() -> new IllegalArgumentException("not compiled: " + request.plan()));
        String planName = loaded.name();
        String phase = request.phase();
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
                return usage("event " + planName + " has no phase " + phase + " (phases: "
                        + String.join(
                                ", ",
                                event.phases().stream().map(p -> p.kind().id()).toList())
                        + ")");
            }
            plan = chosen.get().plan();
            folder = event.name() + "/" + chosen.get().folder();
            out.add("event " + event.name() + ", phase " + chosen.get().kind().id() + ":");
        } else if (phase != null) {
            return usage("plan " + planName + " has no phase " + phase
                    + ": it is not an event plan (omit --phase to simulate it as it is)");
        }
        LoadProfile profile;
        Path load = request.load();
        if (load != null) {
            try {
                profile = LoadCsv.parse(load.toString(), readUtf8(load));
            } catch (LoadFileException e) {
                err.addAll(e.problems());
                err.add("nothing written: fix the load file");
                return Outcome.PLAN_ERRORS;
            } catch (IOException e) {
                err.add("error: cannot read " + load + ": " + e.getMessage());
                return Outcome.IO;
            }
            if (!knownServices(plan, profile)) {
                return Outcome.PLAN_ERRORS;
            }
        } else if (plan.loadProfile().isPresent()) {
            profile = plan.loadProfile().get();
        } else {
            return usage("plan " + planName + " has no load profile: give one with --load FILE (CSV:"
                    + " seconds,service,rps) or add loadProfile(...) to the plan");
        }
        List<Diagnostic> problems = LoadProfileRule.check(plan, profile);
        if (!problems.isEmpty()) {
            problems.forEach(d -> err.add(DiagnosticPrinter.format(d, request.sourceRoot())));
            err.add("nothing written: fix the errors above");
            return Outcome.PLAN_ERRORS;
        }
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS
                        .withReadySeconds(request.readySeconds())
                        .withRunningUnreadySeconds(request.runningUnreadySeconds())
                        .withMetricsLagSeconds(request.metricsLagSeconds()))
                .run(plan, profile);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (GeneratedFile f : SimulationEmitter.files(sim, "sim")) {
            files.put(f.path().substring("sim/".length()), f.bytes());
        }
        if (request.chart()) {
            files.put("chart.png", SimulationCharts.png(sim));
            files.put("chart.svg", SimulationCharts.svg(sim).getBytes(StandardCharsets.UTF_8));
        }
        Path root = request.output();
        Optional<Path> owned = ownedOutputFolder(root.resolve(folder));
        if (owned.isPresent()) {
            return usage(Shown.path(root) + " lies in " + Shown.path(owned.get())
                    + ", the output folder scaleplan compile owns (it has a " + Manifest.FILE_NAME
                    + "): give another --output (default: target/scaleplan-simulate)");
        }
        try {
            Map<Path, SimulationOutput.Outcome> written =
                    SimulationOutput.write(root.resolve(folder).resolve("sim"), files);
            for (ServiceRun r : sim.runs()) {
                out.add(SimulationReport.verdict(r));
            }
            written.forEach((p, outcome) ->
                    out.add((outcome == SimulationOutput.Outcome.WRITTEN ? "wrote " : "unchanged ") + Shown.path(p)));
        } catch (UncheckedIOException e) {
            err.add("error: " + e.getMessage());
            return Outcome.IO;
        }
        return Outcome.OK;
    }

    /** What is wrong with the timing options, named as the CLI's flags, if anything: checked before compiling. */
    public static Optional<String> invalidTiming(int readySeconds, int runningUnreadySeconds, int metricsLagSeconds) {
        if (readySeconds < 0) {
            return Optional.of("--ready-after must be at least 0, was " + readySeconds);
        }
        if (runningUnreadySeconds < 0) {
            return Optional.of("--running-unready must be at least 0, was " + runningUnreadySeconds);
        }
        if (metricsLagSeconds < 0) {
            return Optional.of("--metrics-lag must be at least 0, was " + metricsLagSeconds);
        }
        return Optional.empty();
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

    private boolean knownServices(ScalingPlan plan, LoadProfile profile) {
        Set<String> declared = new TreeSet<>();
        plan.services().forEach(s -> declared.add(s.name()));
        boolean ok = true;
        for (LoadProfile.ServiceLoad s : profile.services()) {
            if (!declared.contains(s.service())) {
                err.add("error: [" + RuleId.LOAD_FOR_UNKNOWN_SERVICE.id() + "] load profile " + profile.name()
                        + " gives a load for service "
                        + s.service() + ", which plan " + plan.name() + " does not declare (services: "
                        + String.join(", ", declared) + ")");
                ok = false;
            }
        }
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

    private Outcome usage(String message) {
        err.add("error: " + message);
        return Outcome.USAGE;
    }
}
