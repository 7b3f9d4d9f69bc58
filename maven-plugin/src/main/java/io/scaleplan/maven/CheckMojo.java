package io.scaleplan.maven;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the outputs as committed at Git's HEAD do not match the plans, listing what
 * differs: for CI, so that a plan change without its regenerated files cannot pass, even though
 * {@code generate} rewrote the files on disk earlier in the same build. Outside a Git repository,
 * or with {@code compareWith=disk}, compares with the files on disk.
 */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class CheckMojo extends AbstractPlanMojo {

    /**
     * What the plans' outputs are compared with: {@code HEAD} (the output directory as committed,
     * what a pull request merges; the disk where the directory is in no Git repository) or {@code
     * disk}.
     */
    @Parameter(property = "scaleplan.compareWith", defaultValue = "HEAD")
    String compareWith;

    @Override
    void run(Compiled compiled) throws MojoExecutionException, MojoFailureException {
        boolean head =
                switch (compareWith.strip().toLowerCase(Locale.ROOT)) {
                    case "head" -> true;
                    case "disk" -> false;
                    default ->
                        throw new MojoFailureException(
                                "scaleplan: compareWith must be HEAD or disk, not \"" + compareWith + "\"");
                };
        OutputDiff diff;
        String against = "on disk";
        try {
            Map<String, byte[]> before = null;
            if (head) {
                try (GeneratedTree tree = GeneratedTree.open(outputDirectory.toPath())) {
                    before = tree.committed();
                    against = "at HEAD";
                } catch (GitRefusalException e) {
                    getLog().info("scaleplan: " + e.refusal().explain() + "; comparing with the files on disk");
                }
            }
            if (before == null) {
                before = GeneratedDirectory.open(outputDirectory.toPath()).readAll();
            }
            diff = OutputDiff.compareBytes(
                    GeneratedTree.scope(before, compiled.plans(), compiled.allPlans()),
                    GeneratedTree.produced(compiled.files()));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        if (diff.isEmpty()) {
            getLog().info(outputDirectory + " " + against + " is up to date: "
                    + compiled.files().size() + " files of " + String.join(", ", compiled.plans()));
            return;
        }
        for (String line : new TextReport(false, false).render(diff).split("\n")) {
            getLog().error(line);
        }
        throw new MojoFailureException(outputDirectory + " " + against + " is stale: run " + regenerateCommand()
                + " and commit it (mvn scaleplan:commit commits exactly the outputs)");
    }
}
