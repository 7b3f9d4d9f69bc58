package io.scaleplan.cli;

import io.scaleplan.compiler.diff.MarkdownReport;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.usecase.Baseline;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.Diff;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "diff",
        description = {
            "Compile the plans in memory and show how their outputs differ from the output folder as committed at"
                    + " HEAD (with --base REF: at REF, such as a pull request's target branch; with --worktree: as it"
                    + " is on disk).",
            "First per plan the settings that changed (usage-metering · maxReplicas: 20 → 24), then their impact"
                    + " (capacity, connection budget, node-pool fit, Redis memory, restarts, warnings), then per file"
                    + " the resource and field, statement or directive that changed."
        })
final class DiffCommand extends CompilingCommand {
    enum Format {
        text,
        markdown
    }

    @Parameters(paramLabel = "PLAN", arity = "0..*", description = "Compare only these plans. Default: every plan.")
    List<String> only = new ArrayList<>();

    @Option(names = "--worktree", description = "Compare with the output folder on disk instead of HEAD.")
    boolean worktree;

    @Option(
            names = "--base",
            paramLabel = "REF",
            description = "Compare with the output folder as committed at REF (a branch, tag or commit, such as"
                    + " origin/main or HEAD~1) instead of HEAD: what a whole pull request changes.")
    String base;

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
    List<String> selectedPlans() {
        return only;
    }

    @Override
    OptionalInt checkOptions(PrintWriter err) {
        if (worktree && base != null) {
            return OptionalInt.of(Failures.error(
                    "--worktree and --base " + base + " compare with different things: give one",
                    err,
                    ExitCodes.USAGE));
        }
        return OptionalInt.empty();
    }

    @Override
    int failed(PlanOutputs compiled, PrintWriter out) {
        if (format == Format.markdown && compiled.exitCode() == ExitCodes.PLAN_ERRORS) {
            out.print(new MarkdownReport(unified)
                    .withSourceRoot(sourceRoot())
                    .renderErrors(compiled.result().diagnostics()));
        }
        return compiled.exitCode();
    }

    @Override
    int run(CompiledPlans compiled, PrintWriter out, PrintWriter err) {
        Diff.Result result;
        try {
            result = Diff.run(
                    compiled,
                    options.output(),
                    worktree ? Baseline.DISK : base == null ? Baseline.HEAD : Baseline.at(base));
        } catch (GitRefusalException e) {
            return Failures.error(
                    e.refusal().explain() + (base == null ? " (use --worktree to compare with the disk)" : ""),
                    err,
                    ExitCodes.REFUSED);
        } catch (UncheckedIOException e) {
            return Failures.io(e, err);
        }
        out.print(
                format == Format.markdown
                        ? new MarkdownReport(unified)
                                .withSourceRoot(sourceRoot())
                                .render(result.diff(), result.diagnostics())
                        : new TextReport(colour.enabled(), unified)
                                .withSourceRoot(sourceRoot())
                                .renderReview(result.diff(), result.diagnostics()));
        return exitCode && !result.diff().isEmpty() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }

    /** The plans' source root relative to the working directory, as a pull request names files. */
    private String sourceRoot() {
        if (options.sourceRoot() == null) {
            return "";
        }
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path root = options.sourceRoot().toAbsolutePath().normalize();
        return (root.startsWith(cwd) ? cwd.relativize(root) : root).toString().replace('\\', '/');
    }
}
