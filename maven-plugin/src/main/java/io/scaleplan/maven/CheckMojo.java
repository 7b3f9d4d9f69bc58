package io.scaleplan.maven;

import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.usecase.Baseline;
import io.scaleplan.compiler.usecase.Check;
import io.scaleplan.compiler.usecase.CompiledPlans;
import java.io.UncheckedIOException;
import java.util.Locale;
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
    void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException {
        Baseline against =
                switch (compareWith.strip().toLowerCase(Locale.ROOT)) {
                    case "head" -> Baseline.HEAD;
                    case "disk" -> Baseline.DISK;
                    default ->
                        throw new MojoFailureException(
                                "scaleplan: compareWith must be HEAD or disk, not \"" + compareWith + "\"");
                };
        Check.Result result;
        try {
            result = Check.run(compiled, outputDirectory.toPath(), against, true);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        result.fellBackToDisk()
                .ifPresent(r -> getLog().info("scaleplan: " + r.explain() + "; comparing with the files on disk"));
        String shown = outputDirectory + " " + result.against().describe();
        if (result.upToDate()) {
            getLog().info(shown + " is up to date: " + compiled.files().size() + " files of "
                    + String.join(", ", compiled.plans()));
            return;
        }
        if (!result.diff().isEmpty()) {
            log(new TextReport(false, false).render(result.diff()), getLog()::error);
        }
        result.problems(outputDirectory.toString()).forEach(getLog()::error);
        throw new MojoFailureException(shown + " is stale: run " + regenerateCommand()
                + " and commit it (mvn scaleplan:commit commits exactly the outputs)");
    }
}
