package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.load.PlanLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The ARKA plans with an edit to their source text, compiled by javac with the scaleplan processor
 * (as the build compiles them) and loaded apart from the plans on the class path: what a plan
 * author's change really produces.
 */
final class EditedPlans {
    private static final String PACKAGE = "io/scaleplan/arka/";

    private EditedPlans() {}

    /** The plans' sources: file name → text. */
    static Map<String, String> sources() {
        Path dir = ArkaPlans.root().resolve("plans/src/main/java/" + PACKAGE);
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * {@code sources} with {@code from} replaced by {@code to} in {@code file}; it must occur exactly
     * once. An ellipsis ({@code …}) in {@code from} stands for any text, line ends included.
     */
    static Map<String, String> edit(Map<String, String> sources, String file, String from, String to) {
        String text = sources.get(file);
        assertThat(text).as(file).isNotNull();
        StringBuilder regex = new StringBuilder();
        String[] parts = from.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? "(?s:.*?)" : "").append(java.util.regex.Pattern.quote(parts[i]));
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(regex.toString()).matcher(text);
        assertThat(m.find()).as("%s contains %s", file, from).isTrue();
        int start = m.start();
        int end = m.end();
        assertThat(m.find()).as("%s contains %s once", file, from).isFalse();
        Map<String, String> out = new LinkedHashMap<>(sources);
        out.put(file, text.substring(0, start) + to + text.substring(end));
        return out;
    }

    /** Compiles {@code sources} into {@code work} and compiles the plans they define. */
    static List<Compilation> compile(Map<String, String> sources, Path work) throws IOException {
        Path src = work.resolve("src/" + PACKAGE);
        Path classes = work.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-proc:full",
                "-Ascaleplan.chartRoot=" + ArkaPlans.root().resolve("plans"),
                "-encoding",
                "UTF-8",
                "-nowarn"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int exit = javac.run(null, log, log, args.toArray(String[]::new));
        assertThat(exit)
                .as("javac of the edited plans: %s", log.toString(StandardCharsets.UTF_8))
                .isZero();
        try (ChildFirst loader = new ChildFirst(classes, EditedPlans.class.getClassLoader())) {
            return new PlanCompiler().compileAll(PlanLoader.load(loader));
        }
    }

    /**
     * Loads the plans' package and the plan index from {@code classes} first, so the edited plans
     * replace (rather than join) those the test runs with.
     */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(Path classes, ClassLoader parent) throws IOException {
            super(new URL[] {classes.toUri().toURL()}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.scaleplan.arka.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith("META-INF/services/")) {
                return findResources(name);
            }
            return super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
