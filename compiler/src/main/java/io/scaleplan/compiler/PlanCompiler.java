package io.scaleplan.compiler;

import io.scaleplan.compiler.chart.ChartStage;
import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.check.EventChecks;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.PlanOutput;
import io.scaleplan.compiler.emit.Renderer;
import io.scaleplan.compiler.emit.Targets;
import io.scaleplan.compiler.emit.apply.ApplyInstructions;
import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.InOrder;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a plan: resolve it once, check the resolved plan, then let every target turn it into
 * documents, render them, then render the release's chart with the values overlay and check what
 * it renders ({@link ChartStage}). Nothing here writes to the disk (the chart is only read). A plan
 * with an error produces no files.
 */
public final class PlanCompiler {
    /**
     * Below this many documents a plan's documents are rendered on the calling thread: handing
     * them to the other cores costs more than it saves (bench/RESULTS.md, issue 22's fourth part).
     */
    static final int PARALLEL_DOCUMENTS = 256;

    private final Checker checker = new Checker();
    private final ApplyInstructions apply = new ApplyInstructions(Targets.ALL);
    private final ChartStage charts = new ChartStage();
    private final boolean strict;
    private final String regenerateCommand;
    private final int parallelDocuments;

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
        this(strict, regenerateCommand, PARALLEL_DOCUMENTS);
    }

    /** As above, rendering on every core from {@code parallelDocuments} documents of a plan on (tests). */
    PlanCompiler(boolean strict, String regenerateCommand, int parallelDocuments) {
        this.strict = strict;
        this.regenerateCommand = Headers.checkCommand(regenerateCommand);
        this.parallelDocuments = parallelDocuments;
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
        List<Diagnostic> fromChart = new ArrayList<>();
        output = withChartOutputs(output, fromChart);
        List<GeneratedFile> files = new ArrayList<>(output.files());
        if (!fromChart.isEmpty()) {
            diagnostics = new ArrayList<>(diagnostics);
            diagnostics.addAll(fromChart);
            if (fromChart.stream().anyMatch(Diagnostic::isError)) {
                return new Compilation(plan.name(), diagnostics, List.of());
            }
        }
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
        PlanFolder baseFolder = new PlanFolder(event.base().name());
        PlanOutput previous = new PlanOutput(base, baseFolder, Targets.documents(base, baseFolder));
        Set<Diagnostic> fromChart = new LinkedHashSet<>();
        previous = withChartOutputs(previous, fromChart);
        List<PlanOutput> outputs = new ArrayList<>();
        List<List<GeneratedFile>> rendered = new ArrayList<>();
        for (Map.Entry<EventPhase, ResolvedPlan> e : phases.entrySet()) {
            EventPhase phase = e.getKey();
            PlanFolder folder = new PlanFolder(event.name() + "/" + phase.folder());
            // the post-event phase is the base plan, watched as the base plan is
            PlanFolder appliedFrom = phase.kind() == EventPhase.Kind.POST_EVENT ? baseFolder : folder;
            PlanOutput output = withChartOutputs(
                    new PlanOutput(e.getValue(), folder, Targets.documents(e.getValue(), appliedFrom)), fromChart);
            outputs.add(output);
            rendered.add(output.files());
        }
        if (!fromChart.isEmpty()) {
            found.addAll(fromChart);
            if (fromChart.stream().anyMatch(Diagnostic::isError)) {
                return new Compilation(event.name(), found, List.of());
            }
        }
        List<GeneratedFile> files = new ArrayList<>();
        List<EventPhase> order = new ArrayList<>(phases.keySet());
        for (int i = 0; i < outputs.size(); i++) {
            PlanOutput output = outputs.get(i);
            files.addAll(rendered.get(i));
            files.add(Renderer.file(output.folder(), apply.forPhase(event, order.get(i), output, previous)));
            previous = output;
        }
        return new Compilation(event.name(), found, files);
    }

    /**
     * The output checked against the plan's chart rendered with it (findings into {@code
     * chartFindings}): the chart stage reads the files under the plan's own name, as it finds the
     * overlay, may point the PDBs at the chart's pod labels, and may add the release's
     * post-renderer, which APPLY.md's helm step then passes.
     */
    private PlanOutput withChartOutputs(PlanOutput output, Collection<Diagnostic> chartFindings) {
        ScalingPlan plan = output.plan().plan();
        PlanFolder own = new PlanFolder(plan.name());
        Map<String, Document> byPath = new LinkedHashMap<>();
        output.documents().forEach(d -> byPath.put(own.root() + "/" + d.path(), d));
        List<GeneratedFile> files = inOrder(new ArrayList<>(byPath.values()), d -> Renderer.file(own, d));
        Map<String, String> rendered = new java.util.HashMap<>();
        files.forEach(f -> rendered.put(f.path(), f.content()));
        ChartStage.Result checked = charts.apply(plan, files);
        chartFindings.addAll(checked.diagnostics());
        List<Document> out = new ArrayList<>();
        for (GeneratedFile f : checked.files()) {
            Document was = byPath.get(f.path());
            String path = f.path().substring(own.root().length() + 1);
            if (was != null && f.content().equals(rendered.get(f.path()))) {
                // rendered once: the text is kept, the tree let go
                out.add(
                        was.content() instanceof Document.Tree
                                ? new Document(
                                        was.target(),
                                        was.kind(),
                                        was.name(),
                                        was.path(),
                                        new Document.RenderedYaml(f.content()))
                                : was);
            } else if (was != null) {
                out.add(new Document(was.target(), was.kind(), was.name(), path, new Document.Text(f.content())));
            } else {
                out.add(Document.text(HelmValuesEmitter.NAME, "ChartPostRender", path, f.content()));
            }
        }
        return new PlanOutput(output.plan(), output.folder(), out);
    }

    /**
     * {@code work} applied to each of {@code items}, in their order: on every core when there are
     * at least {@link #PARALLEL_DOCUMENTS} of them, else on this thread. {@code work} must read
     * only what it is given (rendering a document does: its header is part of the document, and
     * the YAML writer keeps no state between documents).
     */
    <T, R> List<R> inOrder(List<T> items, Function<T, R> work) {
        return InOrder.map(items, parallelDocuments, work);
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
