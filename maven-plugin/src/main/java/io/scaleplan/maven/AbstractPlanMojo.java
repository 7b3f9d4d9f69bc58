package io.scaleplan.maven;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.load.PlanGuard;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.report.DiagnosticPrinter;
import io.scaleplan.dsl.RuleId;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every scaleplan goal shares: load the module's compiled plans (its {@code target/classes}
 * and runtime class path) through {@link PlanLoader}, select them, compile them in memory, and
 * report diagnostics in javac's form. Plan errors fail the build; nothing is written.
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

    /** The compiled plans, their outputs, and the plans as loaded (free of errors). */
    record Compiled(List<String> plans, List<GeneratedFile> files, boolean allPlans, List<LoadedPlan> loaded) {}

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

    abstract void run(Compiled compiled) throws MojoExecutionException, MojoFailureException;

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

    private Compiled compile() throws MojoExecutionException, MojoFailureException {
        requireCompiledSources();
        List<LoadedPlan> loaded;
        try (URLClassLoader loader = projectClassLoader()) {
            loaded = select(PlanLoader.load(loader));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot close the plans' class loader", e);
        }
        if (loaded.isEmpty()) {
            throw new MojoFailureException(
                    "scaleplan: no plans found in " + project.getBuild().getOutputDirectory()
                            + ": check that each plan class is annotated @Plan, is public with a public no-argument"
                            + " constructor and implements PlanDefinition, and that the scaleplan processor is on the compile"
                            + " class path; nothing written");
        }
        PlanCompiler compiler;
        try {
            compiler = new PlanCompiler(failOnWarning, regenerateCommand());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("scaleplan: " + e.getMessage());
        }
        List<Compilation> compilations = compiler.compileAll(loaded);
        StringWriter text = new StringWriter();
        long errors;
        try (PrintWriter out = new PrintWriter(text)) {
            errors = new DiagnosticPrinter(out, shortest(sourceDirectory.toPath())).print(compilations);
        }
        boolean anyWarning = compilations.stream().anyMatch(c -> c.count(Severity.WARNING) > 0);
        for (String line : text.toString().split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (errors > 0) {
                getLog().error(line);
            } else if (anyWarning) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
        }
        if (errors > 0) {
            throw new MojoFailureException("scaleplan: the plans have errors; nothing written (see above)");
        }
        return new Compiled(
                compilations.stream().map(Compilation::plan).toList(),
                compilations.stream().flatMap(c -> c.files().stream()).toList(),
                selectedPlans().isEmpty(),
                loaded);
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

    private List<LoadedPlan> select(List<LoadedPlan> all) throws MojoFailureException {
        List<String> plans = selectedPlans();
        if (plans.isEmpty()) {
            return all;
        }
        Set<String> known = new TreeSet<>();
        all.forEach(p -> known.add(p.name()));
        Set<String> unknown = new TreeSet<>(plans);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new MojoFailureException("scaleplan: no such plan: " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", known) + ")");
        }
        return all.stream()
                .filter(p ->
                        plans.contains(p.name()) || p.problems().stream().anyMatch(d -> d.rule() == RuleId.DUPLICATE))
                .toList();
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
