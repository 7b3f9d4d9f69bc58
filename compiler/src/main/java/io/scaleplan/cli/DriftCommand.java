package io.scaleplan.cli;

import io.scaleplan.compiler.drift.Drift;
import io.scaleplan.compiler.drift.DriftReport;
import io.scaleplan.compiler.drift.LiveState;
import io.scaleplan.compiler.importer.ImportException;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.ScalingPlan;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "drift",
        description = {
            "Compare what the cluster says with the plan's outputs: kubectl get hpa,pdb,deploy -o yaml, psql's"
                    + " SELECT name, setting, unit[, pending_restart, sourcefile] FROM pg_settings, redis-cli CONFIG"
                    + " GET '*'. Differences are named as diff names them, the plan's value first.",
            "Exit 0 when the live estate matches, 1 when it drifted, 2 when the plan has errors or a live file is"
                    + " malformed."
        })
final class DriftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "The plan. Default: the only plan.")
    String planName;

    @Option(
            names = "--live",
            paramLabel = "FILE",
            required = true,
            description = "A file of what the cluster says; repeat for several (kubectl, psql, redis-cli output).")
    List<Path> live = new ArrayList<>();

    @Option(
            names = "--postgres",
            paramLabel = "NAME=FILE",
            description = "psql's pg_settings output of the named PostgreSQL instance NAME (postgres(\"NAME\", ...));"
                    + " repeat for several. The default instance's goes with --live.")
    Map<String, Path> postgres = new LinkedHashMap<>();

    @Option(
            names = "--redis",
            paramLabel = "NAME=FILE",
            description = "redis-cli CONFIG GET '*' output of the named Redis instance NAME (redis(\"NAME\", ...));"
                    + " repeat for several. The default instance's goes with --live.")
    Map<String, Path> redis = new LinkedHashMap<>();

    @Option(
            names = "--phase",
            paramLabel = "P",
            description = "For an event plan: the phase the cluster should be in (pre-scale, during, post-event).")
    String phase;

    @Mixin
    SourceRootOption sourceRoot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LoadedPlan> plans = main.plans().load();
        if (planName == null) {
            if (plans.size() != 1) {
                return usage(
                        err,
                        "name the plan to compare: "
                                + String.join(
                                        ", ",
                                        plans.stream().map(LoadedPlan::name).toList()));
            }
            planName = plans.get(0).name();
        }
        PlanOutputs compiled = PlanOutputs.compile(main.plans(), List.of(planName), false, sourceRoot.path, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        LoadedPlan loaded = plans.stream()
                .filter(p -> p.name().equals(planName))
                .findFirst()
                .orElseThrow();
        ScalingPlan plan = loaded.plan().orElseThrow();
        if (loaded.event().isPresent()) {
            EventPlan event = loaded.event().get();
            Optional<EventPhase> chosen = event.phases().stream()
                    .filter(p -> p.kind().id().equals(phase))
                    .findFirst();
            if (chosen.isEmpty()) {
                return usage(
                        err,
                        "event " + planName + ": give --phase, one of "
                                + String.join(
                                        ", ",
                                        event.phases().stream()
                                                .map(p -> p.kind().id())
                                                .toList()));
            }
            plan = chosen.get().plan();
        } else if (phase != null) {
            return usage(err, "plan " + planName + " is not an event plan: omit --phase");
        }
        Optional<String> unknown = unknownInstance(plan);
        if (unknown.isPresent()) {
            return usage(err, unknown.get());
        }
        LiveState state;
        try {
            state = LiveState.read(live).withInstances(postgres, redis);
        } catch (ImportException e) {
            err.println(e.problem().format());
            err.flush();
            return ExitCodes.PLAN_ERRORS;
        } catch (UncheckedIOException e) {
            err.println("error: cannot read " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        DriftReport report = Drift.compare(plan, state);
        report.notes().forEach(n -> err.println("note: " + n));
        err.flush();
        out.print(report.render());
        out.flush();
        return report.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    /** The first --postgres or --redis name the plan has no instance of, as an error message. */
    private Optional<String> unknownInstance(ScalingPlan plan) {
        List<String> pgNames =
                plan.namedPostgres().stream().map(p -> p.name().orElseThrow()).toList();
        List<String> redisNames =
                plan.namedRedis().stream().map(r -> r.name().orElseThrow()).toList();
        for (String name : postgres.keySet()) {
            if (!pgNames.contains(name)) {
                return Optional.of("--postgres " + name + ": plan " + plan.name() + " has no PostgreSQL instance "
                        + name + (pgNames.isEmpty() ? " (it has no named ones)" : "; its named ones are " + pgNames));
            }
        }
        for (String name : redis.keySet()) {
            if (!redisNames.contains(name)) {
                return Optional.of("--redis " + name + ": plan " + plan.name() + " has no Redis instance " + name
                        + (redisNames.isEmpty() ? " (it has no named ones)" : "; its named ones are " + redisNames));
            }
        }
        return Optional.empty();
    }

    private static int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
