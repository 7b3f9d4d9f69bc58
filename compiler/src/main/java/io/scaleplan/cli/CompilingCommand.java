package io.scaleplan.cli;

import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the commands over the plans' outputs share (compile, check, diff, commit): the compile
 * options, and the plans selected and compiled in memory, with their diagnostics printed, before
 * the command's use case runs. The command line's counterpart of the Maven plugin's {@code
 * AbstractPlanMojo}.
 */
abstract class CompilingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    CompileOptions options;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionalInt wrong = checkOptions(err);
        if (wrong.isPresent()) {
            return wrong.getAsInt();
        }
        PlanOutputs compiled = options.compile(main.plans(), selectedPlans(), err);
        int code = compiled.ok() ? run(compiled.result(), out, err) : failed(compiled, out);
        out.flush();
        err.flush();
        return code;
    }

    /** The plans to compile, by name; empty for all. */
    abstract List<String> selectedPlans();

    /** Refuses options that do not go together, before anything is compiled: the exit code, or empty. */
    OptionalInt checkOptions(PrintWriter err) {
        return OptionalInt.empty();
    }

    /** Ends the command when the plans did not compile (the diagnostics are printed already). */
    int failed(PlanOutputs compiled, PrintWriter out) {
        return compiled.exitCode();
    }

    /** Runs the command's use case on the compiled plans and returns the exit code. */
    abstract int run(CompiledPlans compiled, PrintWriter out, PrintWriter err);
}
