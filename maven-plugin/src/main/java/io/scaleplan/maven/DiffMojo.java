package io.scaleplan.maven;

import io.scaleplan.compiler.diff.MarkdownReport;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.usecase.Baseline;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.Diff;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Shows, change by change, how the plans' outputs differ from the output directory as committed
 * at HEAD (or, with {@code worktree}, as it is on disk): {@code scaleplan diff}'s report, as text or
 * as Markdown for a pull-request comment ({@code -Dscaleplan.format=markdown}, written to {@code
 * -Dscaleplan.diffFile} too). Fails on differences only with {@code -Dscaleplan.exitCode}. Run on its own
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

    /** {@code text}, or {@code markdown}: a summary for a pull-request comment. */
    @Parameter(property = "scaleplan.format", defaultValue = "text")
    String format;

    /** Also write the report to this file (for a pull-request comment), creating its folder. */
    @Parameter(property = "scaleplan.diffFile")
    File diffFile;

    /** Fail the build when there are differences, like {@code scaleplan diff --exit-code}. */
    @Parameter(property = "scaleplan.exitCode", defaultValue = "false")
    boolean exitCode;

    @Override
    void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException {
        boolean markdown =
                switch (format.strip().toLowerCase(Locale.ROOT)) {
                    case "markdown" -> true;
                    case "text" -> false;
                    default ->
                        throw new MojoFailureException(
                                "scaleplan: format must be text or markdown, not \"" + format + "\"");
                };
        Diff.Result result;
        try {
            result = Diff.run(compiled, outputDirectory.toPath(), worktree ? Baseline.DISK : Baseline.HEAD);
        } catch (GitRefusalException e) {
            throw new MojoExecutionException(
                    "scaleplan: " + e.refusal().explain() + " (use -Dscaleplan.worktree to compare with the disk)", e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        String report = markdown
                ? new MarkdownReport(unified).render(result.diff())
                : new TextReport(false, unified).render(result.diff());
        log(report, getLog()::info);
        if (diffFile != null) {
            try {
                Path file = diffFile.toPath().toAbsolutePath();
                Files.createDirectories(file.getParent());
                Files.writeString(file, report, StandardCharsets.UTF_8);
                getLog().info("scaleplan: report written to " + file);
            } catch (IOException e) {
                throw new MojoExecutionException("scaleplan: cannot write " + diffFile + ": " + e.getMessage(), e);
            }
        }
        if (exitCode && !result.diff().isEmpty()) {
            throw new MojoFailureException("scaleplan: the outputs differ (see above)");
        }
    }
}
