package io.scaleplan.maven;

import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.usecase.Import;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a plan source into the module's sources from an existing estate: Kubernetes YAML, Helm
 * values, PostgreSQL and Redis configuration, as {@code scaleplan import} does. Run on demand:
 * {@code mvn scaleplan:import -Dscaleplan.import.inputs=k8s/,postgresql.conf -Dscaleplan.import.plan=shop}.
 * Input with errors fails the goal and writes nothing; what a plan cannot say is logged as a
 * warning and kept as a comment in the plan.
 */
@Mojo(name = "import", requiresProject = true, threadSafe = true)
public class ImportMojo extends AbstractMojo {

    /** Files and folders to import, in order. */
    @Parameter(property = "scaleplan.import.inputs", required = true)
    List<File> inputs;

    /** The plans' source folder. */
    @Parameter(property = "scaleplan.import.plansDirectory", defaultValue = "${project.build.sourceDirectory}")
    File plansDirectory;

    /** The plan's package; default: the package whose package-info.java declares @HelmChart. */
    @Parameter(property = "scaleplan.import.package")
    String packageName;

    /** The plan's name; default: from scaleplan's headers, else "imported". */
    @Parameter(property = "scaleplan.import.plan")
    String plan;

    /** The plan's class name; default: from the plan's name. */
    @Parameter(property = "scaleplan.import.className")
    String className;

    /** The namespace; default: the objects'. */
    @Parameter(property = "scaleplan.import.namespace")
    String namespace;

    /** The platform chart's Helm release; default: from labels or the values file's name. */
    @Parameter(property = "scaleplan.import.release")
    String release;

    /** The chart reference ({@code ./arka-engine}); default: from the chart's name. */
    @Parameter(property = "scaleplan.import.chart")
    String chart;

    /** Also state PostgreSQL settings equal to what scaleplan derives. */
    @Parameter(property = "scaleplan.import.stated", defaultValue = "false")
    boolean stated;

    /** Replace an existing plan source of the same name. */
    @Parameter(property = "scaleplan.import.force", defaultValue = "false")
    boolean force;

    @Override
    public void execute() throws MojoFailureException {
        Import.Outcome outcome = Import.run(new Import.Options(
                inputs.stream().map(File::toPath).toList(),
                plansDirectory.toPath(),
                packageName,
                plan,
                className,
                namespace,
                release,
                chart,
                stated,
                force,
                false));
        for (ImportProblem p : outcome.problems()) {
            switch (p.level()) {
                case ERROR -> getLog().error(p.format());
                case WARNING -> getLog().warn(p.format());
                case NOTE -> getLog().info(p.format());
            }
        }
        if (outcome.failed()) {
            throw new MojoFailureException("scaleplan import: " + String.join("; ", outcome.failureSummary()));
        }
        outcome.written().forEach(line -> getLog().info("scaleplan import: " + line));
    }
}
