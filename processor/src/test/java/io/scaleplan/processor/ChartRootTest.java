package io.scaleplan.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chart path in {@code @HelmChart} is relative to the module, wherever the compiler was started
 * and whether or not the build passes {@code -Ascaleplan.chartRoot}: real files in a module folder
 * that is not the working directory, compiled by javac and by the Eclipse compiler (the IDE case).
 */
class ChartRootTest {
    private static final Path CHARTS = Paths.get("src/test/resources/charts").toAbsolutePath();

    @TempDir
    Path module;

    static Stream<String> compilers() {
        return Stream.of("javac", "ecj");
    }

    private record Result(boolean success, String messages) {}

    private Result compile(String compiler, String chartPath, List<String> extraOptions) throws IOException {
        Path sources = module.resolve("src/main/java");
        Path pkg = Files.createDirectories(sources.resolve("shop"));
        Files.writeString(
                pkg.resolve("package-info.java"),
                "@HelmChart(\"" + chartPath + "\")\npackage shop;\n\nimport io.scaleplan.dsl.HelmChart;\n");
        Files.writeString(
                pkg.resolve("Uses.java"),
                "package shop;\n\nfinal class Uses {\n    Object api = MiniShop.ORDER_API;\n}\n");
        Path classes = Files.createDirectories(module.resolve("target/classes"));
        Path generated = Files.createDirectories(module.resolve("target/generated-sources/annotations"));
        JavaCompiler javac = compiler.equals("ecj") ? new EclipseCompiler() : ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of(
                    "-d", classes.toString(),
                    "-s", generated.toString(),
                    "-classpath", System.getProperty("java.class.path"),
                    "--release", "17",
                    "-encoding", "UTF-8"));
            options.addAll(extraOptions);
            JavaCompiler.CompilationTask task = javac.getTask(
                    new StringWriter(),
                    files,
                    diagnostics,
                    options,
                    null,
                    files.getJavaFileObjects(pkg.resolve("package-info.java"), pkg.resolve("Uses.java")));
            task.setProcessors(List.of(new ChartProcessor()));
            boolean success = task.call();
            StringBuilder messages = new StringBuilder();
            diagnostics.getDiagnostics().forEach(d -> messages.append(d.getMessage(Locale.ROOT))
                    .append('\n'));
            return new Result(success, messages.toString());
        }
    }

    private void copyMiniChart() throws IOException {
        Path target = Files.createDirectories(module.resolve("src/main/helm/mini"));
        try (Stream<Path> chart = Files.list(CHARTS.resolve("mini"))) {
            for (Path file : chart.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void findsTheChartRelativeToTheModuleWithoutTheOption(String compiler) throws IOException {
        copyMiniChart();
        assertThat(Paths.get("").toAbsolutePath()).isNotEqualTo(module);

        Result result = compile(compiler, "src/main/helm/mini", List.of());

        assertThat(result.success()).as(result.messages()).isTrue();
        assertThat(module.resolve("target/classes/shop/MiniShop.class")).exists();
        assertThat(module.resolve("target/classes/META-INF/scaleplan/charts/shop.properties"))
                .content()
                .contains("chart=mini-shop", "service.order-api=orderApi");
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void theOptionWins(String compiler) throws IOException {
        copyMiniChart();
        Path elsewhere = Files.createDirectories(module.resolve("elsewhere"));

        Result result = compile(compiler, "src/main/helm/mini", List.of("-Ascaleplan.chartRoot=" + elsewhere));

        assertThat(result.success()).isFalse();
        assertThat(result.messages())
                .contains("[SP310] chart folder " + module.resolve("elsewhere/src/main/helm/mini") + " does not exist");
    }

    @ParameterizedTest
    @MethodSource("compilers")
    void aChartThatIsNowhereNamesTheAnnotatedElementAndTheOption(String compiler) throws IOException {
        Result result = compile(compiler, "src/main/helm/nowhere", List.of());

        assertThat(result.success()).isFalse();
        assertThat(result.messages())
                .contains("[SP310] chart folder ", "src/main/helm/nowhere does not exist")
                .contains("-Ascaleplan.chartRoot=${project.basedir}")
                .contains("[@HelmChart on package shop]");
    }
}
