package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.RuleId;
import io.scaleplan.dsl.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first step of every use case that needs the plans' outputs (compile, check, diff, commit,
 * simulate, drift): select the loaded plans by name and compile them in memory. How the plans were
 * found and loaded is the adapter's business (the CLI's class path or sources, the Maven project's
 * class path); what is selected and compiled, and what counts as a failure, is decided here once.
 *
 * @param status whether there are outputs, and if not why
 * @param compilations what compiling each selected plan produced (diagnostics, files)
 * @param selected the selected plans as loaded
 * @param allPlans whether every plan was selected (no names given): other plans' outputs count as removed
 * @param unknown with {@link Status#UNKNOWN_PLANS}: the names given that no plan has, sorted
 * @param known the names of every loaded plan, sorted
 */
public record CompiledPlans(
        Status status,
        List<Compilation> compilations,
        List<LoadedPlan> selected,
        boolean allPlans,
        List<String> unknown,
        List<String> known) {

    /** Whether there are outputs, and if not why, as in JGit's {@code MergeResult.MergeStatus}. */
    public enum Status {
        /** Every selected plan compiled without an error. */
        OK,
        /** No plan was found at all. */
        NO_PLANS,
        /** A name given matches no plan; nothing was compiled. */
        UNKNOWN_PLANS,
        /** A selected plan has an error: there are diagnostics but no outputs. */
        PLAN_ERRORS
    }

    public CompiledPlans {
        Objects.requireNonNull(status, "status");
        compilations = List.copyOf(compilations);
        selected = List.copyOf(selected);
        unknown = List.copyOf(new TreeSet<>(unknown));
        known = List.copyOf(new TreeSet<>(known));
    }

    /**
     * Selects the plans of {@code all} named in {@code only} (every plan when empty) and compiles
     * them with {@code compiler}. A plan is known by its declared name even when its definition
     * failed, so selecting it reports its errors; plans whose name is declared twice (SP006) are
     * always included, so that no selection hides that one would overwrite the other.
     */
    public static CompiledPlans compile(List<LoadedPlan> all, List<String> only, PlanCompiler compiler) {
        List<String> known = all.stream().map(LoadedPlan::name).toList();
        if (all.isEmpty()) {
            return new CompiledPlans(Status.NO_PLANS, List.of(), List.of(), false, List.of(), known);
        }
        List<String> unknown =
                only.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            return new CompiledPlans(Status.UNKNOWN_PLANS, List.of(), List.of(), false, unknown, known);
        }
        List<LoadedPlan> selected = only.isEmpty()
                ? all
                : all.stream()
                        .filter(p -> only.contains(p.name()) || isDuplicate(p))
                        .toList();
        List<Compilation> compilations = compiler.compileAll(selected);
        boolean errors = compilations.stream().anyMatch(Compilation::hasErrors);
        return new CompiledPlans(
                errors ? Status.PLAN_ERRORS : Status.OK, compilations, selected, only.isEmpty(), List.of(), known);
    }

    private static boolean isDuplicate(LoadedPlan p) {
        return p.problems().stream().anyMatch(d -> d.rule() == RuleId.DUPLICATE);
    }

    /** Whether every selected plan compiled without an error. */
    public boolean ok() {
        return status == Status.OK;
    }

    /** The names of the compiled plans; empty unless {@link #ok()}. */
    public List<String> plans() {
        return ok() ? compilations.stream().map(Compilation::plan).toList() : List.of();
    }

    /** Every compiled plan's outputs, sorted by plan then path; empty unless {@link #ok()}. */
    public List<GeneratedFile> files() {
        return ok() ? compilations.stream().flatMap(c -> c.files().stream()).toList() : List.of();
    }

    /** Every diagnostic of the compiled plans, also when they have errors. */
    public List<Diagnostic> diagnostics() {
        return compilations.stream().flatMap(c -> c.diagnostics().stream()).toList();
    }

    /** How many diagnostics of the compiled plans have this severity. */
    public long count(Severity severity) {
        return compilations.stream().mapToLong(c -> c.count(severity)).sum();
    }

    /** The selected plan of that name whose definition could be built, if any. */
    public Optional<LoadedPlan> plan(String name) {
        return selected.stream()
                .filter(p -> p.name().equals(name) && p.plan().isPresent())
                .findFirst();
    }

    /** The message for {@link Status#UNKNOWN_PLANS}: {@code no such plan: a, b (known: c, d)}. */
    public String unknownPlansMessage() {
        return "no such plan: " + String.join(", ", unknown) + " (known: " + String.join(", ", known) + ")";
    }
}
