package io.scaleplan.cli;

import io.scaleplan.compiler.diff.MarkdownReport;
import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "diff",
        description = {
            "Compile the plans in memory and show how their outputs differ from the output folder as committed at"
                    + " HEAD (with --worktree: as it is on disk).",
            "Per file added, removed or changed; per change the resource and field, statement or directive:"
                    + " production · usage-metering HPA · spec.maxReplicas: 20 → 50"
        })
final class DiffCommand implements Callable<Integer> {
    enum Format {
        text,
        markdown
    }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    CompileOptions options;

    @Parameters(paramLabel = "PLAN", arity = "0..*", description = "Compare only these plans. Default: every plan.")
    List<String> only = new ArrayList<>();

    @Option(names = "--worktree", description = "Compare with the output folder on disk instead of HEAD.")
    boolean worktree;

    @Option(
            names = {"-u", "--unified"},
            description = "Add a plain unified diff of each file.")
    boolean unified;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, or markdown (a summary for a pull-request comment). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto (on a terminal, unless NO_COLOR is set), always or never. Default: ${DEFAULT-VALUE}.")
    Colour colour;

    @Option(names = "--exit-code", description = "Exit with 1 when there are differences, like git diff --exit-code.")
    boolean exitCode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOutputs compiled = options.compile(main.plans(), only, err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        OutputDiff diff;
        try {
            Map<String, byte[]> before;
            if (worktree) {
                before = GeneratedDirectory.open(options.output()).readAll();
            } else {
                try (GeneratedTree tree = GeneratedTree.open(options.output())) {
                    before = tree.committed();
                }
            }
            diff = OutputDiff.compareBytes(
                    GeneratedTree.scope(before, compiled.plans(), compiled.allPlans()),
                    GeneratedTree.produced(compiled.files()));
        } catch (GitRefusalException e) {
            err.println("error: " + e.refusal().explain() + " (use --worktree to compare with the disk)");
            err.flush();
            return ExitCodes.REFUSED;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        out.print(
                format == Format.markdown
                        ? new MarkdownReport(unified).render(diff)
                        : new TextReport(colour.enabled(), unified).render(diff));
        out.flush();
        return exitCode && !diff.isEmpty() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }
}
