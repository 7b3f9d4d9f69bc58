package io.scaleplan.cli;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line's side of {@link CompiledPlans}: loads the plans of a {@link PlanSource}, has
 * them selected and compiled, prints the diagnostics (javac's form) and says how a command that
 * needs the outputs ends when there are none.
 *
 * @param exitCode {@link ExitCodes#OK}, or why there are no outputs ({@link ExitCodes#USAGE} for an
 *     unknown plan name, {@link ExitCodes#PLAN_ERRORS})
 * @param result the compiled plans (diagnostics also when they have errors)
 */
record PlanOutputs(int exitCode, CompiledPlans result) {

    /** Compiles the plans of {@code source} named in {@code only} (all when empty). */
    static PlanOutputs compile(PlanSource source, List<String> only, boolean strict, Path sourceRoot, PrintWriter err) {
        CompiledPlans compiled = CompiledPlans.compile(source.load(), only, new PlanCompiler(strict));
        switch (compiled.status()) {
            case NO_PLANS -> {
                err.println("error: no plans found in " + source.describe() + ": check that each plan class is"
                        + " annotated @Plan, is public with a public no-argument constructor and implements"
                        + " PlanDefinition, and that the scaleplan annotation processor ran when it was compiled (in an"
                        + " IDE: annotation processing on)");
                err.println("nothing written");
                err.flush();
                return new PlanOutputs(ExitCodes.PLAN_ERRORS, compiled);
            }
            case UNKNOWN_PLANS -> {
                err.println("error: " + compiled.unknownPlansMessage());
                err.flush();
                return new PlanOutputs(ExitCodes.USAGE, compiled);
            }
            default -> new DiagnosticPrinter(err, sourceRoot).print(compiled.compilations());
        }
        if (!compiled.ok()) {
            err.println("nothing written: fix the errors above");
            err.flush();
            return new PlanOutputs(ExitCodes.PLAN_ERRORS, compiled);
        }
        return new PlanOutputs(ExitCodes.OK, compiled);
    }

    /** Whether compiling succeeded. */
    boolean ok() {
        return exitCode == ExitCodes.OK;
    }
}
