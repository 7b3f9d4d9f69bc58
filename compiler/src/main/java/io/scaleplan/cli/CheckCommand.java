package io.scaleplan.cli;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "check",
        description = {
            "Check that the output folder on disk (with --committed: as committed at HEAD) matches the plans, for CI"
                    + " and pre-commit hooks.",
            "Exit 0 when up to date, 1 when stale (listing what differs), 2 when the plans have errors."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    CompileOptions options;

    @Parameters(paramLabel = "PLAN", arity = "0..*", description = "Check only these plans. Default: every plan.")
    List<String> only = new ArrayList<>();

    @picocli.CommandLine.Option(
            names = "--committed",
            description = "Compare with the output folder as committed at HEAD, not as on disk: what CI checks, since"
                    + " building (./mvnw package, ./scaleplan) rewrites the folder on disk.")
    boolean committed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOutputs compiled = options.compile(main.plans(), only, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        OutputDiff diff;
        String shown = Main.show(options.output());
        List<String> problems = new ArrayList<>();
        try {
            GeneratedDirectory folder = GeneratedDirectory.open(options.output());
            java.util.Map<String, byte[]> state;
            if (committed) {
                try (GeneratedTree tree = GeneratedTree.open(options.output())) {
                    state = tree.committed();
                }
            } else {
                state = folder.readAll();
            }
            diff = OutputDiff.compareBytes(
                    GeneratedTree.scope(state, compiled.plans(), compiled.allPlans()),
                    GeneratedTree.produced(compiled.files()));
            folder.leftovers()
                    .forEach(p -> problems.add(
                            "leftover of an interrupted run: " + shown + "/" + p + " (the next compile removes it)"));
            if (folder.manifest().isEmpty()) {
                problems.add(shown + " has no " + Manifest.FILE_NAME + " (the list of the files scaleplan wrote):"
                        + " compile writes it");
            }
        } catch (io.scaleplan.compiler.git.GitRefusalException e) {
            err.println("error: " + e.refusal().explain());
            err.flush();
            return ExitCodes.REFUSED;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        if (diff.isEmpty() && problems.isEmpty()) {
            out.println(shown + (committed ? " as committed at HEAD" : "") + " is up to date: "
                    + compiled.files().size() + " files of " + String.join(", ", compiled.plans()));
            out.flush();
            return ExitCodes.OK;
        }
        if (!diff.isEmpty()) {
            out.print(new TextReport(false, false).render(diff));
        }
        problems.forEach(out::println);
        out.flush();
        err.println(shown + (committed ? " as committed at HEAD" : "")
                + " is stale: run ./mvnw package (or scaleplan compile) and commit it (./scaleplan commit commits the"
                + " plan sources with it)");
        err.flush();
        return ExitCodes.DIFFERENCES;
    }
}
