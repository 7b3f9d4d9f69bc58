package io.scaleplan.cli;

import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.UpToDate;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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
        return execute(main, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs the command, its options set, for the command line {@code main}: what {@link #call} does
     * once picocli has parsed the command line, and what {@link QuickLine} calls without picocli.
     */
    final int execute(Main main, PrintWriter out, PrintWriter err) {
        this.main = main;
        options.root = main.root();
        OptionalInt wrong = checkOptions(err);
        if (wrong.isPresent()) {
            return wrong.getAsInt();
        }
        // the digest of the inputs is taken before anything is loaded: an edit made while the plans
        // compile makes the recorded digest differ from the next run's, never the other way round
        UpToDate.Inputs inputs = selectedPlans().isEmpty()
                ? UpToDate.Inputs.of(
                        main.plans().digest(),
                        options.strict,
                        Optional.ofNullable(options.sourceRoot()),
                        main.root(),
                        main.plans().state().orElse(main.root().resolve("target/scaleplan")))
                : UpToDate.Inputs.unknown();
        OptionalInt fresh = upToDate(inputs, out, err);
        if (fresh.isPresent()) {
            out.flush();
            err.flush();
            return fresh.getAsInt();
        }
        PlanOutputs compiled = options.compile(main.plans(), selectedPlans(), err);
        int code = compiled.ok()
                ? run(compiled.result(), inputs.printing(compiled.printed()), out, err)
                : failed(compiled, out);
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

    /**
     * Answers without compiling when the output folder is up to date for {@code inputs} (see {@link
     * UpToDate}), exactly as {@link #run} would: the exit code, or empty to compile. By default
     * the command always compiles.
     */
    OptionalInt upToDate(UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        return OptionalInt.empty();
    }

    /**
     * Runs the command's use case on the compiled plans, whose inputs are {@code inputs}, and
     * returns the exit code.
     */
    int run(CompiledPlans compiled, UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        return run(compiled, out, err);
    }

    /** Runs the command's use case on the compiled plans and returns the exit code. */
    abstract int run(CompiledPlans compiled, PrintWriter out, PrintWriter err);
}
