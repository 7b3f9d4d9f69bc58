package io.scaleplan.compiler;

import io.scaleplan.compiler.chart.ChartStage;
import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.check.EventChecks;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.apply.ApplyInstructions;
import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.emit.postgres.PostgresEmitter;
import io.scaleplan.compiler.emit.redis.RedisEmitter;
import io.scaleplan.compiler.emit.report.CapacityReportEmitter;
import io.scaleplan.compiler.emit.report.ResolvedPlanEmitter;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a plan: check, emit every target, then render the release's chart with the values overlay
 * and check what it renders ({@link ChartStage}). Nothing here writes to the disk (the chart is only
 * read). A plan
 * with an error produces no files.
 */
public final class PlanCompiler {
    private final Checker checker = new Checker();
    private final List<Emitter> emitters = List.of(
            new HelmValuesEmitter(),
            new KubernetesEmitter(),
            new PostgresEmitter(),
            new RedisEmitter(),
            new CapacityReportEmitter(),
            new ResolvedPlanEmitter(),
            new io.scaleplan.compiler.emit.sim.SimulationEmitter(),
            new io.scaleplan.compiler.emit.monitoring.MonitoringEmitter());
    private final ApplyInstructions apply = new ApplyInstructions();
    private final ChartStage charts = new ChartStage();
    private final boolean strict;
    private final String regenerateCommand;

    /** A compiler that reports warnings as warnings. */
    public PlanCompiler() {
        this(false);
    }

    /** A compiler that, when {@code strict}, promotes every warning to an error. */
    public PlanCompiler(boolean strict) {
        this(strict, Headers.DEFAULT_COMMAND);
    }

    /**
     * A compiler whose file headers name {@code regenerateCommand} as the way to regenerate ({@code
     * mvn package} in a team repository without the wrapper).
     *
     * @throws IllegalArgumentException if the command cannot be written into a header (see {@link
     *     Headers#withRegenerateCommand})
     */
    public PlanCompiler(boolean strict, String regenerateCommand) {
        this.strict = strict;
        this.regenerateCommand = Headers.checkCommand(regenerateCommand);
    }

    /**
     * Compiles every loaded plan; a definition that failed to build becomes a compilation with its
     * problems and no files. Sorted by plan name.
     */
    public List<Compilation> compileAll(List<LoadedPlan> plans) {
        return Headers.withRegenerateCommand(regenerateCommand, () -> compileEach(plans));
    }

    private List<Compilation> compileEach(List<LoadedPlan> plans) {
        List<Compilation> out = new ArrayList<>();
        for (LoadedPlan p : plans) {
            if (p.event().isPresent()) {
                out.add(compileEvent(p.event().get()));
                continue;
            }
            out.add(p.plan()
                    .map(this::compilePlan)
                    .orElseGet(() -> new Compilation(p.name(), p.problems(), List.of())));
        }
        return out;
    }

    /** Checks and emits {@code plan}. */
    public Compilation compile(ScalingPlan plan) {
        return Headers.withRegenerateCommand(regenerateCommand, () -> compilePlan(plan));
    }

    /** Checks and emits every phase of {@code event}; its files are under {@code <event>/<phase>/}. */
    public Compilation compile(EventPlan event) {
        return Headers.withRegenerateCommand(regenerateCommand, () -> compileEvent(event));
    }

    private Compilation compilePlan(ScalingPlan plan) {
        List<Diagnostic> diagnostics = check(plan);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new Compilation(plan.name(), diagnostics, List.of());
        }
        List<Diagnostic> fromChart = new ArrayList<>();
        List<GeneratedFile> files = emit(plan, plan.name(), fromChart);
        if (!fromChart.isEmpty()) {
            diagnostics = new ArrayList<>(diagnostics);
            diagnostics.addAll(fromChart);
            if (fromChart.stream().anyMatch(Diagnostic::isError)) {
                return new Compilation(plan.name(), diagnostics, List.of());
            }
        }
        files.add(apply.forPlan(plan, files));
        return new Compilation(plan.name(), diagnostics, files);
    }

    /**
     * Checks and emits every phase of {@code event} into {@code <event>/<NN-phase>/}, each laid
     * out like a plan's folder; a finding shared by several phases is reported once.
     */
    private Compilation compileEvent(EventPlan event) {
        Set<Diagnostic> diagnostics = new LinkedHashSet<>(EventChecks.check(event));
        for (EventPhase phase : event.phases()) {
            for (Diagnostic d : check(phase.plan())) {
                // The post-event phase is the base plan: its warnings are reported with the base plan.
                if (phase.kind() != EventPhase.Kind.POST_EVENT || d.isError()) {
                    diagnostics.add(d);
                }
            }
        }
        List<Diagnostic> found = new ArrayList<>(diagnostics);
        if (found.stream().anyMatch(Diagnostic::isError)) {
            return new Compilation(event.name(), found, List.of());
        }
        List<GeneratedFile> files = new ArrayList<>();
        String previousRoot = event.base().name();
        Set<Diagnostic> fromChart = new LinkedHashSet<>();
        List<GeneratedFile> previous = emit(event.base(), event.base().name(), fromChart);
        List<List<GeneratedFile>> emitted = new ArrayList<>();
        for (EventPhase phase : event.phases()) {
            // the post-event phase is the base plan, watched as the base plan is
            String appliedFrom = phase.kind() == EventPhase.Kind.POST_EVENT
                    ? event.base().name()
                    : event.name() + "/" + phase.folder();
            emitted.add(emit(phase.plan(), appliedFrom, fromChart));
        }
        if (!fromChart.isEmpty()) {
            found.addAll(fromChart);
            if (fromChart.stream().anyMatch(Diagnostic::isError)) {
                return new Compilation(event.name(), found, List.of());
            }
        }
        for (int i = 0; i < event.phases().size(); i++) {
            EventPhase phase = event.phases().get(i);
            String root = event.name() + "/" + phase.folder();
            List<GeneratedFile> phaseFiles = new ArrayList<>();
            for (GeneratedFile f : emitted.get(i)) {
                phaseFiles.add(
                        new GeneratedFile(root + f.path().substring(f.plan().length()), f.content()));
            }
            files.addAll(phaseFiles);
            files.add(apply.forPhase(event, phase, phaseFiles, previousRoot, previous));
            previousRoot = root;
            previous = phaseFiles;
        }
        return new Compilation(event.name(), found, files);
    }

    private List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic d : checker.check(plan)) {
            diagnostics.add(strict && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d);
        }
        // as javac does: by position in the source, so a console reads top to bottom
        diagnostics.sort(
                java.util.Comparator.comparing((Diagnostic d) -> d.location().path())
                        .thenComparingInt(d -> d.location().line())
                        .thenComparing(Diagnostic::ruleId));
        return diagnostics;
    }

    /** Every target's files, checked against the plan's chart rendered with them (into {@code chartFindings}). */
    private List<GeneratedFile> emit(ScalingPlan plan, String root, java.util.Collection<Diagnostic> chartFindings) {
        List<GeneratedFile> files = new ArrayList<>();
        for (Emitter emitter : emitters) {
            files.addAll(emitter.emit(plan, root));
        }
        ChartStage.Result checked = charts.apply(plan, files);
        chartFindings.addAll(checked.diagnostics());
        return new ArrayList<>(checked.files());
    }
}
