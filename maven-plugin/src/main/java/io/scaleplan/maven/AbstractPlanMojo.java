package io.scaleplan.maven;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.load.PlanGuard;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.dsl.Severity;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every scaleplan goal shares: load the module's compiled plans (its {@code target/classes}
 * and runtime class path) through {@link PlanLoader}, have them selected and compiled ({@link
 * CompiledPlans}), and log the diagnostics in javac's form. Plan errors fail the build; nothing is
 * written. Each goal then runs its use case and maps the result onto the log and the build's result.
 */
abstract class AbstractPlanMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The folder the plans' outputs go to; each plan writes {@code <plan>/} under it. */
    @Parameter(property = "scaleplan.outputDirectory", defaultValue = "${project.basedir}/generated", required = true)
    File outputDirectory;

    /** Only these plans (or events), by name. Default: every plan the module defines. */
    @Parameter(property = "scaleplan.plans")
    List<String> plans = new ArrayList<>();

    /** Report every warning as an error, failing the build. */
    @Parameter(property = "scaleplan.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    /** Skip the goal. */
    @Parameter(property = "scaleplan.skip", defaultValue = "false")
    boolean skip;

    /**
     * The command that regenerates the outputs, as generated headers and messages name it. Default:
     * {@code ./mvnw package} where the build has the Maven wrapper, {@code mvn package} where it has
     * none. Letters, digits, blanks and {@code ./_:=+,@-} only.
     */
    @Parameter(property = "scaleplan.regenerateCommand")
    String regenerateCommand;

    /** The top of the build (where {@code mvnw} is, if anywhere). */
    @Parameter(defaultValue = "${session.request.multiModuleProjectDirectory}", readonly = true)
    File multiModuleProjectDirectory;

    /** The plans' sources, so that diagnostics name {@code Production.java:42} with its path. */
    @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
    File sourceDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("scaleplan: skipped");
            return;
        }
        beforeCompile();
        // Plan code is arbitrary Java: a System.exit in define() would end the Maven build with its
        // status before anything was checked. While the goal runs, such an exit ends with 70.
        PlanGuard.arm(System.err);
        try {
            run(compile());
        } finally {
            PlanGuard.disarm();
        }
    }

    /** Checks the goal's own parameters before any plan is compiled; nothing by default. */
    void beforeCompile() throws MojoFailureException {}

    /** The plans the goal runs on, by name; empty for all. */
    List<String> selectedPlans() {
        return plans;
    }

    abstract void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException;

    /**
     * Refuses to answer from classes older than their sources: a goal run on its own ({@code mvn
     * scaleplan:check}) after a plan was edited would otherwise report the plans as they were.
     * ({@code diff} forks the compile phase instead; in the lifecycle, compile has just run.)
     */
    void requireCompiledSources() throws MojoFailureException {
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        long compiled = newest(List.of(classes), ".class").map(Newest::millis).orElse(Long.MIN_VALUE);
        Optional<Newest> source =
                newest(project.getCompileSourceRoots().stream().map(Path::of).toList(), ".java");
        if (source.isPresent() && source.get().millis() > compiled) {
            throw new MojoFailureException("scaleplan: " + source.get().file()
                    + " changed after the plans were compiled"
                    + " into " + classes + ": run mvn compile first (mvn compile scaleplan:<goal>, or mvn package),"
                    + " so that scaleplan answers for the plans as they are");
        }
    }

    private record Newest(Path file, long millis) {}

    private static Optional<Newest> newest(List<Path> roots, String suffix) throws MojoFailureException {
        Optional<Newest> best = Optional.empty();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(suffix)).toList()) {
                    long t = Files.getLastModifiedTime(p).toMillis();
                    if (best.isEmpty() || t > best.get().millis()) {
                        best = Optional.of(new Newest(p, t));
                    }
                }
            } catch (IOException e) {
                throw new MojoFailureException("scaleplan: cannot read " + root + ": " + e.getMessage(), e);
            }
        }
        return best;
    }

    private CompiledPlans compile() throws MojoExecutionException, MojoFailureException {
        requireCompiledSources();
        PlanCompiler compiler;
        try {
            compiler = new PlanCompiler(failOnWarning, regenerateCommand());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("scaleplan: " + e.getMessage());
        }
        CompiledPlans compiled;
        try (URLClassLoader loader = projectClassLoader()) {
            compiled = CompiledPlans.compile(PlanLoader.load(loader), selectedPlans(), compiler);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot close the plans' class loader", e);
        }
        switch (compiled.status()) {
            case NO_PLANS ->
                throw new MojoFailureException("scaleplan: no plans found in "
                        + project.getBuild().getOutputDirectory()
                        + ": check that each plan class is annotated @Plan, is public with a public no-argument"
                        + " constructor and implements PlanDefinition, and that the scaleplan processor is on the compile"
                        + " class path; nothing written");
            case UNKNOWN_PLANS -> throw new MojoFailureException("scaleplan: " + compiled.unknownPlansMessage());
            default -> logDiagnostics(compiled);
        }
        if (!compiled.ok()) {
            throw new MojoFailureException("scaleplan: the plans have errors; nothing written (see above)");
        }
        return compiled;
    }

    /** The diagnostics in javac's form: as errors when there is one, else as warnings or notes. */
    private void logDiagnostics(CompiledPlans compiled) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new DiagnosticPrinter(out, shortest(sourceDirectory.toPath())).print(compiled.compilations());
        }
        Consumer<CharSequence> log = compiled.count(Severity.ERROR) > 0
                ? getLog()::error
                : compiled.count(Severity.WARNING) > 0 ? getLog()::warn : getLog()::info;
        log(text.toString(), log);
    }

    /** Logs each line of {@code text}, blank ones too (a report's paragraphs), but for the final line break. */
    static void log(String text, Consumer<CharSequence> log) {
        if (text.isEmpty()) {
            return;
        }
        for (String line : text.split("\n")) {
            log.accept(line);
        }
    }

    /** The configured regenerate command, or the one this build's layout suggests. */
    String regenerateCommand() {
        if (regenerateCommand != null && !regenerateCommand.isBlank()) {
            return regenerateCommand.strip();
        }
        File top = multiModuleProjectDirectory != null ? multiModuleProjectDirectory : project.getBasedir();
        return new File(top, "mvnw").isFile() ? "./mvnw package" : "mvn package";
    }

    /** {@code dir} relative to where Maven was started, when it lies below it, as javac prints paths. */
    static Path shortest(Path dir) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = dir.toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }

    /**
     * The module's classes and runtime dependencies, delegating to the plugin's own class loader
     * first, so that the plans and the compiler share one copy of the DSL.
     */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("cannot build the plans' class path: " + e.getMessage(), e);
        }
    }
}
