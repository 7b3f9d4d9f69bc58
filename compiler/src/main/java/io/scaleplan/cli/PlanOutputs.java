package io.scaleplan.cli;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.dsl.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Loading, selecting and compiling the plans in memory, shared by every command that needs their
 * outputs. Diagnostics are printed to the error stream; a plan with an error yields no outputs.
 *
 * @param exitCode {@link ExitCodes#OK}, or why there are no outputs ({@link ExitCodes#USAGE} for an
 *     unknown plan name, {@link ExitCodes#PLAN_ERRORS})
 * @param plans the names of the compiled plans
 * @param files their outputs, sorted by path
 * @param allPlans whether every plan was compiled (no selection)
 * @param diagnostics every diagnostic of the compiled plans (also when they have errors)
 */
record PlanOutputs(
        int exitCode, List<String> plans, List<GeneratedFile> files, boolean allPlans, List<Diagnostic> diagnostics) {

    /** Compiles the plans of {@code source} named in {@code only} (all when empty). */
    static PlanOutputs compile(PlanSource source, List<String> only, boolean strict, Path sourceRoot, PrintWriter err) {
        List<LoadedPlan> all = source.load();
        if (all.isEmpty()) {
            err.println("error: no plans found in " + source.describe() + ": check that each plan class is annotated"
                    + " @Plan, is public with a public no-argument constructor and implements PlanDefinition, and that"
                    + " the scaleplan annotation processor ran when it was compiled (in an IDE: annotation processing"
                    + " on)");
            err.println("nothing written");
            err.flush();
            return failed(ExitCodes.PLAN_ERRORS);
        }
        List<LoadedPlan> loaded = Plans.select(all, only, err);
        if (loaded == null) {
            return failed(ExitCodes.USAGE);
        }
        List<Compilation> compilations = new PlanCompiler(strict).compileAll(loaded);
        long errors = new DiagnosticPrinter(err, sourceRoot).print(compilations);
        List<Diagnostic> diagnostics =
                compilations.stream().flatMap(c -> c.diagnostics().stream()).toList();
        if (errors > 0) {
            err.println("nothing written: fix the errors above");
            err.flush();
            return new PlanOutputs(ExitCodes.PLAN_ERRORS, List.of(), List.of(), false, diagnostics);
        }
        List<GeneratedFile> files =
                compilations.stream().flatMap(c -> c.files().stream()).toList();
        List<String> names = compilations.stream().map(Compilation::plan).toList();
        return new PlanOutputs(ExitCodes.OK, names, files, only.isEmpty(), diagnostics);
    }

    private static PlanOutputs failed(int exitCode) {
        return new PlanOutputs(exitCode, List.of(), List.of(), false, List.of());
    }

    /** Whether compiling succeeded. */
    boolean ok() {
        return exitCode == ExitCodes.OK;
    }
}
