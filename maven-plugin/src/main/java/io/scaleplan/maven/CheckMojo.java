package io.scaleplan.maven;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the output directory on disk does not match the plans, listing what
 * differs: for CI, so that a plan change without its regenerated files cannot pass.
 */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class CheckMojo extends AbstractPlanMojo {

    @Override
    void run(Compiled compiled) throws MojoExecutionException, MojoFailureException {
        OutputDiff diff;
        try {
            diff = OutputDiff.compareBytes(
                    GeneratedTree.scope(
                            GeneratedDirectory.open(outputDirectory.toPath()).readAll(),
                            compiled.plans(),
                            compiled.allPlans()),
                    GeneratedTree.produced(compiled.files()));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        if (diff.isEmpty()) {
            getLog().info(outputDirectory + " is up to date: "
                    + compiled.files().size() + " files of " + String.join(", ", compiled.plans()));
            return;
        }
        for (String line : new TextReport(false, false).render(diff).split("\n")) {
            getLog().error(line);
        }
        throw new MojoFailureException(
                outputDirectory + " is stale: run ./mvnw package (or mvn scaleplan:generate) and commit it");
    }
}
