package io.scaleplan.compiler;

import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.check.EventChecks;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.PlanOutput;
import io.scaleplan.compiler.emit.Renderer;
import io.scaleplan.compiler.emit.Targets;
import io.scaleplan.compiler.emit.apply.ApplyInstructions;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a plan: resolve it once, check the resolved plan, then let every target turn it into
 * documents, and render them. Pure: nothing here touches the disk. A plan with an error produces
 * no files.
 */
public final class PlanCompiler {
    private final Checker checker = new Checker();
    private final ApplyInstructions apply = new ApplyInstructions(Targets.ALL);
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
        ResolvedPlan resolved = ResolvedPlan.of(plan);
        List<Diagnostic> diagnostics = check(resolved);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new Compilation(plan.name(), diagnostics, List.of());
        }
        PlanFolder folder = new PlanFolder(plan.name());
        PlanOutput output = new PlanOutput(resolved, folder, Targets.documents(resolved, folder));
        List<GeneratedFile> files = new ArrayList<>(output.files());
        files.add(Renderer.file(folder, apply.forPlan(output)));
        return new Compilation(plan.name(), diagnostics, files);
    }

    /**
     * Checks and emits every phase of {@code event} into {@code <event>/<NN-phase>/}, each laid
     * out like a plan's folder; a finding shared by several phases is reported once.
     */
    private Compilation compileEvent(EventPlan event) {
        ResolvedPlan base = ResolvedPlan.of(event.base());
        Map<EventPhase, ResolvedPlan> phases = new LinkedHashMap<>();
        event.phases().forEach(phase -> phases.put(phase, ResolvedPlan.of(phase.plan())));
        Set<Diagnostic> diagnostics = new LinkedHashSet<>(EventChecks.check(event));
        phases.forEach((phase, resolved) -> {
            for (Diagnostic d : check(resolved)) {
                // The post-event phase is the base plan: its warnings are reported with the base plan.
                if (phase.kind() != EventPhase.Kind.POST_EVENT || d.isError()) {
                    diagnostics.add(d);
                }
            }
        });
        List<Diagnostic> found = new ArrayList<>(diagnostics);
        if (found.stream().anyMatch(Diagnostic::isError)) {
            return new Compilation(event.name(), found, List.of());
        }
        List<GeneratedFile> files = new ArrayList<>();
        PlanFolder baseFolder = new PlanFolder(event.base().name());
        PlanOutput previous = new PlanOutput(base, baseFolder, Targets.documents(base, baseFolder));
        for (Map.Entry<EventPhase, ResolvedPlan> e : phases.entrySet()) {
            EventPhase phase = e.getKey();
            PlanFolder folder = new PlanFolder(event.name() + "/" + phase.folder());
            // the post-event phase is the base plan, watched as the base plan is
            PlanFolder appliedFrom = phase.kind() == EventPhase.Kind.POST_EVENT ? baseFolder : folder;
            PlanOutput output = new PlanOutput(e.getValue(), folder, Targets.documents(e.getValue(), appliedFrom));
            files.addAll(output.files());
            files.add(Renderer.file(folder, apply.forPhase(event, phase, output, previous)));
            previous = output;
        }
        return new Compilation(event.name(), found, files);
    }

    private List<Diagnostic> check(ResolvedPlan plan) {
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
}
