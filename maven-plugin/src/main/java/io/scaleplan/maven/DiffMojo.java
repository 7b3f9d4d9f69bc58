package io.scaleplan.maven;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Shows, change by change, how the plans' outputs differ from the output directory as committed
 * at HEAD (or, with {@code worktree}, as it is on disk). Never fails on differences. Run on its own
 * ({@code mvn scaleplan:diff}), it forks the compile phase first, so that it answers for the plans'
 * sources as they are.
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class DiffMojo extends AbstractPlanMojo {

    /** Compare with the files on disk instead of the last commit. */
    @Parameter(property = "scaleplan.worktree", defaultValue = "false")
    boolean worktree;

    /** Add a plain unified diff of each changed file. */
    @Parameter(property = "scaleplan.unified", defaultValue = "false")
    boolean unified;

    @Override
    void run(Compiled compiled) throws MojoExecutionException {
        Map<String, byte[]> before;
        try {
            if (worktree) {
                before = GeneratedDirectory.open(outputDirectory.toPath()).readAll();
            } else {
                try (GeneratedTree tree = GeneratedTree.open(outputDirectory.toPath())) {
                    before = tree.committed();
                }
            }
        } catch (GitRefusalException e) {
            throw new MojoExecutionException(
                    "scaleplan: " + e.refusal().explain() + " (use -Dscaleplan.worktree to compare with the disk)", e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        OutputDiff diff = OutputDiff.compareBytes(
                GeneratedTree.scope(before, compiled.plans(), compiled.allPlans()),
                GeneratedTree.produced(compiled.files()));
        for (String line : new TextReport(false, unified).render(diff).split("\n")) {
            getLog().info(line);
        }
    }
}
