package io.scaleplan.cli;

import io.scaleplan.compiler.git.CommitOutcome;
import io.scaleplan.compiler.git.CommitReport;
import io.scaleplan.compiler.output.OutputRefusedException;
import io.scaleplan.compiler.usecase.Commit;
import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "commit",
        description = {
            "Compile every plan, write the output folder and commit its files that changed together with the plan"
                    + " sources they were compiled from (changes under --sources, staged or not), so that every"
                    + " commit's outputs match its sources.",
            "The subject names the plans touched, the body lists the changes. Author and committer come from the"
                    + " repository's git config. Nothing changed: no commit, exit 0.",
            "Refuses, explains and changes nothing (exit 3) on: no Git repository; a merge, rebase or cherry-pick in"
                    + " progress; detached HEAD without --branch; hand edits under the output folder (unless"
                    + " --force); staged changes outside it and the sources; a held .git/index.lock."
        })
final class CommitCommand extends CompilingCommand {
    @Option(
            names = {"-b", "--branch"},
            paramLabel = "NAME",
            description = "Commit on this branch: created at HEAD, or checked out when it exists"
                    + " (refused when that would touch uncommitted work).")
    String branch;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "TEXT",
            description = "Subject after the plans' names (default: update generated outputs).")
    String message;

    @Option(
            names = "--sources",
            paramLabel = "DIR",
            split = ",",
            description = {
                "Folders of the plan sources and charts to commit with the outputs (repeatable).",
                "Default: the module folder of --source-root (plans/src/main, holding java/ and helm/, when the"
                        + " source root is plans/src/main/java); none when there is no source root."
            })
    List<java.nio.file.Path> sources;

    @Option(
            names = {"-f", "--force"},
            description = "Overwrite hand-edited files under the output folder, naming them in the commit body.")
    boolean force;

    @Override
    List<String> selectedPlans() {
        return List.of();
    }

    @Override
    int run(CompiledPlans compiled, PrintWriter out, PrintWriter err) {
        CommitOutcome outcome;
        try {
            outcome = Commit.run(
                    compiled,
                    options.output(),
                    new Commit.Request(
                            branch,
                            message,
                            force,
                            sources != null ? sources : Commit.defaultSources(options.sourceRoot())));
        } catch (OutputRefusedException e) {
            return Failures.refused(e, err);
        } catch (UncheckedIOException e) {
            return Failures.io(e, err);
        }
        if (outcome.status() == CommitOutcome.Status.REFUSED) {
            return Failures.refused(outcome.refusal().orElseThrow(), err);
        }
        out.print(CommitReport.render(outcome, branch, options.output()));
        return ExitCodes.OK;
    }
}
