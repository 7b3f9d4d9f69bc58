package io.scaleplan.cli;

import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.load.PlanSources;
import io.scaleplan.dsl.PlanDefinition;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the command line finds its plans: their sources, the class path, or (in tests) given definitions. */
@FunctionalInterface
public interface PlanSource {

    /**
     * The plans, run, sorted by name.
     *
     * @throws io.scaleplan.compiler.load.PlanBuildException when the plans' sources do not compile
     */
    List<LoadedPlan> load();

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
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("SCALEPLAN_CLASS_PATH: " + entry, e);
                }
            }
        }
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        return new Memo(
                () -> PlanLoader.load(new URLClassLoader(urls.toArray(URL[]::new), parent)),
                "the class path (SCALEPLAN_CLASS_PATH)");
    }

    /**
     * The plans of the module at {@code module}, compiled from its sources when they changed (see
     * {@link PlanSources}), so that every command answers for the sources as they are now.
     */
    static PlanSource sources(Path module) {
        PlanSources sources = PlanSources.of(module);
        return new Memo(
                () -> PlanLoader.load(sources.classLoader(PlanSource.class.getClassLoader())),
                sources.sourceRoot().toString());
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
        private List<LoadedPlan> loaded;

        Memo(PlanSource source, String where) {
            this.source = source;
            this.where = where;
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
