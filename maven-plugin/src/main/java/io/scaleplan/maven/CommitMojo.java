package io.scaleplan.maven;

import io.scaleplan.compiler.git.CommitOutcome;
import io.scaleplan.compiler.git.CommitReport;
import io.scaleplan.compiler.git.Refusal;
import io.scaleplan.compiler.output.OutputRefusedException;
import io.scaleplan.compiler.usecase.Commit;
import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code scaleplan commit} in a build: writes the plans' outputs, stages only the changed files of
 * the output directory and commits them with a message listing the semantic changes (JGit; no
 * {@code git} binary needed). Refuses, explains and changes nothing outside a repository, during a
 * merge, rebase or cherry-pick, on a detached HEAD without a branch, with hand edits under the
 * output directory (unless {@code force}), with staged changes outside it, or while another process
 * holds the index lock. Run it after compiling: {@code mvn compile scaleplan:commit}.
 */
@Mojo(name = "commit", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = false)
public class CommitMojo extends AbstractPlanMojo {

    /** Commit on this branch: created at HEAD, or checked out when it exists. */
    @Parameter(property = "scaleplan.branch")
    String branch;

    /** Subject after the plans' names (default: update generated outputs). */
    @Parameter(property = "scaleplan.message")
    String message;

    /** Overwrite hand-edited files under the output directory, naming them in the commit body. */
    @Parameter(property = "scaleplan.force", defaultValue = "false")
    boolean force;

    @Override
    void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException {
        CommitOutcome outcome;
        try {
            outcome = Commit.run(
                    compiled, outputDirectory.toPath(), new Commit.Request(branch, message, force, List.of()));
        } catch (OutputRefusedException e) {
            e.paths().forEach(p -> getLog().error("  " + p));
            throw new MojoFailureException("scaleplan: refused: " + e.getMessage() + "; nothing was changed", e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        if (outcome.status() == CommitOutcome.Status.REFUSED) {
            Refusal refusal = outcome.refusal().orElseThrow();
            getLog().error("refused: " + refusal.explain());
            getLog().error("nothing was changed");
            throw new MojoFailureException("scaleplan: commit refused: " + refusal.explain());
        }
        log(CommitReport.render(outcome, branch, outputDirectory.toPath()), getLog()::info);
    }
}
