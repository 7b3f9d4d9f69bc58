package io.scaleplan.maven;

import io.scaleplan.compiler.output.OutputRefusedException;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.Generate;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compiles the module's plans into the output directory: only files whose bytes change are
 * rewritten, files scaleplan wrote (its manifest lists them) that the plans no longer produce are
 * removed, other files are never touched; hand-edited outputs fail the build unless {@code
 * -Dscaleplan.force}. Prints one line per plan. A plan with an error writes nothing and fails the build.
 */
@Mojo(
        name = "generate",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class GenerateMojo extends AbstractPlanMojo {

    /** Overwrite (or remove) outputs edited by hand instead of failing. */
    @Parameter(property = "scaleplan.force", defaultValue = "false")
    boolean force;

    @Override
    void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException {
        Generate.Result result;
        try {
            result = Generate.run(compiled, outputDirectory.toPath(), force);
        } catch (OutputRefusedException e) {
            e.paths().forEach(p -> getLog().error("  " + p));
            throw new MojoFailureException("scaleplan: refused: " + e.getMessage() + "; nothing was changed", e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("scaleplan: " + e.getMessage(), e);
        }
        result.leftovers().forEach(p -> getLog().info("removed leftover of an interrupted run: " + p));
        result.plans().forEach(r -> getLog().info(r.summary()));
        getLog().info("scaleplan: "
                + (result.written() + result.removed() == 0
                        ? "nothing changed in "
                        : result.written() + " written, " + result.removed() + " removed in ")
                + outputDirectory.toPath().toAbsolutePath().normalize());
    }
}
