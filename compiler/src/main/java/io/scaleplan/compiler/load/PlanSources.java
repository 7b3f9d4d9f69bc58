package io.scaleplan.compiler.load;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.processor.ChartProcessor;
import io.scaleplan.processor.PlanProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A plans module's sources ({@code src/main/java}, with the chart and resources under {@code
 * src/main}), compiled in process with javac and scaleplan's annotation processors into a cache
 * under the module's {@code target/scaleplan-plans/}. The cache is keyed by a SHA-256 of every
 * file under {@code src/main} and of the DSL and processor the command runs with: any change to a
 * plan, the chart or scaleplan itself recompiles; otherwise the cached classes are loaded. So a
 * command always answers for the sources as they are on disk, with no build step in between.
 */
public final class PlanSources {
    private static final String CACHE = "target/scaleplan-plans";

    private final Path module;

    private PlanSources(Path module) {
        this.module = module.toAbsolutePath().normalize();
    }

    /** The plans module at {@code module} (the folder holding {@code src/main/java}). */
    public static PlanSources of(Path module) {
        return new PlanSources(module);
    }

    /** The module's folder. */
    public Path module() {
        return module;
    }

    /** The plans' compile cache, {@code target/scaleplan-plans} (a build folder, outside Git). */
    public Path cache() {
        return module.resolve(CACHE);
    }

    /** The plans' source folder, {@code src/main/java}. */
    public Path sourceRoot() {
        return module.resolve("src/main/java");
    }

    /**
     * Compiles the sources when they changed since the cache was written, then returns a class
     * loader over the compiled plans (and {@code src/main/resources}) whose parent is {@code parent}.
     *
     * @throws PlanBuildException with javac's diagnostics when the sources do not compile
     * @throws UncheckedIOException when the sources or the cache cannot be read or written
     */
    public URLClassLoader classLoader(ClassLoader parent) {
        Path cache = module.resolve(CACHE);
        Path classes = cache.resolve("classes");
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(
                            cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                String key = inputsHash();
                Path stamp = cache.resolve("inputs.sha256");
                if (!Files.isRegularFile(stamp)
                        || !Files.readString(stamp).equals(key)
                        || !Files.isDirectory(classes)) {
                    Files.deleteIfExists(stamp);
                    compile(classes, cache.resolve("generated-sources"));
                    Files.writeString(stamp, key);
                }
            }
            List<URL> urls = new ArrayList<>();
            urls.add(classes.toUri().toURL());
            Path resources = module.resolve("src/main/resources");
            if (Files.isDirectory(resources)) {
                urls.add(resources.toUri().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), parent);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the plans of " + module + ": " + e.getMessage(), e);
        }
    }

    private void compile(Path classes, Path generated) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("this Java runtime has no compiler (javax.tools): run scaleplan with a JDK");
        }
        clean(classes);
        clean(generated);
        Files.createDirectories(classes);
        Files.createDirectories(generated);
        List<Path> sources = files(sourceRoot()).stream()
                .filter(p -> p.toString().endsWith(".java"))
                .toList();
        if (sources.isEmpty()) {
            return;
        }
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of(
                    "-d",
                    classes.toString(),
                    "-s",
                    generated.toString(),
                    "-classpath",
                    location(PlanDefinition.class).toString(),
                    "-encoding",
                    "UTF-8",
                    "-implicit:class",
                    "-Xlint:none",
                    "-Ascaleplan.chartRoot=" + module);
            JavaCompiler.CompilationTask task = javac.getTask(out, files, null, options, null, units);
            task.setProcessors(List.of(new PlanProcessor(), new ChartProcessor()));
            task.setLocale(Locale.ROOT);
            if (!task.call()) {
                throw new PlanBuildException(out.toString());
            }
        }
    }

    /** The SHA-256 over every file under {@code src/main} (path and bytes) and scaleplan's own build. */
    private String inputsHash() throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path main = module.resolve("src/main");
        for (Path p : files(main)) {
            sha.update(main.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.wrap(Files.readAllBytes(p)));
            sha.update((byte) 0);
        }
        for (Class<?> c : List.of(PlanDefinition.class, PlanProcessor.class)) {
            Path code = location(c);
            sha.update((code + "@" + Files.getLastModifiedTime(code).toMillis() + ":" + sizeOf(code))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long sizeOf(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.size(p) : 0;
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
