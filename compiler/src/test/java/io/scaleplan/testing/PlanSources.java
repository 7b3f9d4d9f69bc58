package io.scaleplan.testing;

import io.scaleplan.dsl.PlanDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles plan sources for real, with the JDK's javac (javax.tools) on the test class path and
 * the given annotation processors, and instantiates a plan: what a build does with a plan written
 * by {@code scaleplan import}.
 */
public final class PlanSources {
    private PlanSources() {}

    /**
     * Compiles {@code sources} into {@code classes} and returns a loader for them.
     *
     * @throws AssertionError with javac's diagnostics when they do not compile, or warn
     */
    public static ClassLoader compile(
            List<Path> sources, Path classes, List<Processor> processors, List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "--release",
                    "17",
                    "-Xlint:all,-processing,-options",
                    "-Werror"));
            args.addAll(options);
            StringWriter out = new StringWriter();
            JavaCompiler.CompilationTask task =
                    javac.getTask(out, files, diagnostics, args, null, files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(processors);
            boolean ok = task.call();
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                StringBuilder report = new StringBuilder("javac rejected " + sources + ":\n").append(out);
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    report.append(d.getKind())
                            .append(' ')
                            .append(d.getSource() == null ? "" : d.getSource().getName())
                            .append(':')
                            .append(d.getLineNumber())
                            .append(": ")
                            .append(d.getMessage(Locale.ROOT))
                            .append('\n');
                }
                throw new AssertionError(report.toString());
            }
            return new ChildFirst(new URL[] {classes.toUri().toURL()}, PlanSources.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the compiled classes before the test class path's, so that a compiled {@code
     * io.scaleplan.arka.Production} is that one, not the plan of the same name the test runs beside.
     */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** An instance of the plan class {@code name} from {@code loader}. */
    public static PlanDefinition instantiate(ClassLoader loader, String name) {
        try {
            return (PlanDefinition) loader.loadClass(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + name, e);
        }
    }
}
