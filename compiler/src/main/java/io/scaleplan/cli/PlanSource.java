package io.scaleplan.cli;

import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.load.PlanSources;
import io.scaleplan.compiler.usecase.UpToDate;
import io.scaleplan.dsl.PlanDefinition;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Where the command line finds its plans: their sources, the class path, or (in tests) given definitions. */
@FunctionalInterface
public interface PlanSource {

    /**
     * The plans, run, sorted by name.
     *
     * @throws io.scaleplan.compiler.load.PlanBuildException when the plans' sources do not compile
     */
    List<LoadedPlan> load();

    /**
     * A digest of the plans' code (sources or classes) taken before they are loaded, for the
     * up-to-date check ({@link io.scaleplan.compiler.usecase.UpToDate}); empty when the plans'
     * origin is not known as files, and then every command compiles.
     */
    default Optional<String> digest() {
        return Optional.empty();
    }

    /**
     * The build folder (outside Git) where the up-to-date check keeps its stamps, next to the
     * plans' compile cache; empty when the plans come with none (then the project's {@code
     * target/scaleplan} is used).
     */
    default Optional<Path> state() {
        return Optional.empty();
    }

    /** Where the plans were looked for, for a message that found none. */
    default String describe() {
        return "the given plans";
    }

    /** Every {@link PlanDefinition} registered on the context class path, as they are (never recompiled). */
    static PlanSource classPath() {
        return new Memo(
                () -> PlanLoader.load(Thread.currentThread().getContextClassLoader()),
                "the class path (SCALEPLAN_CLASS_PATH)");
    }

    /**
     * Every {@link PlanDefinition} registered on the context class path or in {@code classPath}
     * (entries separated by {@link File#pathSeparator}; none when null or empty), as they are.
     */
    static PlanSource classPath(String classPath) {
        if (classPath == null || classPath.isBlank()) {
            return classPath();
        }
        List<Path> given = entries(classPath);
        List<URL> urls = new ArrayList<>();
        for (Path entry : given) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("SCALEPLAN_CLASS_PATH: " + entry, e);
            }
        }
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        // the JVM's own class path (the launcher's CLI jar) may hold plans too
        List<Path> code = new ArrayList<>(entries(System.getProperty("java.class.path", "")));
        code.addAll(given);
        return new Memo(
                () -> PlanLoader.load(new URLClassLoader(urls.toArray(URL[]::new), parent)),
                "the class path (SCALEPLAN_CLASS_PATH)",
                () -> UpToDate.digestOf(code));
    }

    private static List<Path> entries(String classPath) {
        List<Path> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath());
            }
        }
        return out;
    }

    /**
     * The plans of the module at {@code module}, compiled from its sources when they changed (see
     * {@link PlanSources}), so that every command answers for the sources as they are now.
     */
    static PlanSource sources(Path module) {
        PlanSources sources = PlanSources.of(module);
        return new Memo(
                () -> PlanLoader.load(sources.classLoader(PlanSource.class.getClassLoader())),
                sources.sourceRoot().toString(),
                () -> UpToDate.digestOf(List.of(sources.module().resolve("src/main"))),
                Optional.of(sources.cache()));
    }

    /** Exactly these definitions. */
    static PlanSource of(List<? extends PlanDefinition> definitions) {
        List<? extends PlanDefinition> copy = List.copyOf(definitions);
        return () -> PlanLoader.of(copy);
    }

    /** Loads (and runs the plan code) once per command. */
    final class Memo implements PlanSource {
        private final PlanSource source;
        private final String where;
        private final Supplier<Optional<String>> digest;
        private final Optional<Path> state;
        private List<LoadedPlan> loaded;

        Memo(PlanSource source, String where) {
            this(source, where, Optional::empty);
        }

        Memo(PlanSource source, String where, Supplier<Optional<String>> digest) {
            this(source, where, digest, Optional.empty());
        }

        Memo(PlanSource source, String where, Supplier<Optional<String>> digest, Optional<Path> state) {
            this.source = source;
            this.where = where;
            this.digest = digest;
            this.state = state;
        }

        @Override
        public Optional<Path> state() {
            return state;
        }

        @Override
        public Optional<String> digest() {
            return digest.get();
        }

        @Override
        public synchronized List<LoadedPlan> load() {
            if (loaded == null) {
                loaded = source.load();
            }
            return loaded;
        }

        @Override
        public String describe() {
            return where;
        }
    }
}
