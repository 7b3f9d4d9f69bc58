package io.scaleplan.cli;

import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.SyncResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "compile",
        description = {
            "Compile the plans on the class path into the output folder.",
            "Only files whose bytes change are rewritten; scaleplan files the plans no longer produce are removed;"
                    + " other files are never touched. A plan with an error writes nothing."
        })
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CompileOptions options;

    @Option(
            names = {"-p", "--plan"},
            paramLabel = "NAME",
            description = "Compile only this plan (repeatable). Default: every plan.")
    List<String> only = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "Print diagnostics only, no summary.")
    boolean quiet;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOutputs compiled = options.compile(main.plans(), only, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        try {
            List<SyncResult> results = GeneratedDirectory.open(options.output)
                    .sync(compiled.plans(), compiled.files(), compiled.allPlans());
            if (!quiet) {
                results.forEach(r -> out.println(r.summary()));
            }
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        out.flush();
        return ExitCodes.OK;
    }
}
