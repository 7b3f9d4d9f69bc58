package io.scaleplan.cli;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * @param printed the lines printed about the compiled plans (their diagnostics and count)
 */
record PlanOutputs(int exitCode, CompiledPlans result, List<String> printed) {

    PlanOutputs(int exitCode, CompiledPlans result) {
        this(exitCode, result, List.of());
    }

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
            default -> {}
        }
        StringWriter text = new StringWriter();
        new DiagnosticPrinter(new PrintWriter(text), sourceRoot).print(compiled.compilations());
        err.print(text);
        err.flush();
        List<String> printed = text.toString().lines().toList();
        if (!compiled.ok()) {
            err.println("nothing written: fix the errors above");
            err.flush();
            return new PlanOutputs(ExitCodes.PLAN_ERRORS, compiled);
        }
        return new PlanOutputs(ExitCodes.OK, compiled, printed);
    }

    /** Whether compiling succeeded. */
    boolean ok() {
        return exitCode == ExitCodes.OK;
    }
}
