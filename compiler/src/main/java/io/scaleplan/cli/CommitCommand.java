package io.scaleplan.cli;

import io.scaleplan.compiler.git.CommitOutcome;
import io.scaleplan.compiler.git.CommitReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.git.Refusal;
import io.scaleplan.compiler.output.OutputRefusedException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
final class CommitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    CompileOptions options;

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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOutputs compiled = options.compile(main.plans(), List.of(), err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        CommitOutcome outcome;
        try (GeneratedTree tree = GeneratedTree.open(options.output())) {
            outcome = tree.commit(compiled.plans(), compiled.files())
                    .setBranch(branch)
                    .setMessage(message)
                    .setForce(force)
                    .setSources(sourceFolders())
                    .call();
        } catch (GitRefusalException e) {
            return refused(e.refusal(), err);
        } catch (OutputRefusedException e) {
            return Refusals.print(e, err);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        if (outcome.status() == CommitOutcome.Status.REFUSED) {
            return refused(outcome.refusal().orElseThrow(), err);
        }
        out.print(CommitReport.render(outcome, branch, options.output()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The folders named by --sources, or the one holding the source root's java/ and helm/ folders. */
    private List<java.nio.file.Path> sourceFolders() {
        if (sources != null) {
            return sources;
        }
        if (options.sourceRoot == null) {
            return List.of();
        }
        java.nio.file.Path root = options.sourceRoot.toAbsolutePath().normalize();
        boolean mavenLayout =
                root.getFileName() != null && root.getFileName().toString().equals("java") && root.getParent() != null;
        return List.of(mavenLayout ? root.getParent() : root);
    }

    private static int refused(Refusal refusal, PrintWriter err) {
        err.println("refused: " + refusal.explain());
        err.println("nothing was changed");
        err.flush();
        return ExitCodes.REFUSED;
    }
}
