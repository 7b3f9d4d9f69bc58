package io.scaleplan.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ChartProcessorTest {
    private static final Path TEST_ROOT = Paths.get("src/test/resources").toAbsolutePath();
    /** The module holding the real arka-engine chart. */
    private static final Path PLANS = Paths.get(System.getProperty("scaleplan.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("plans");

    private static Compilation compile(Path root, JavaFileObject... sources) {
        return javac().withProcessors(new ChartProcessor(), new PlanProcessor())
                .withOptions("-A" + ChartProcessor.CHART_ROOT + "=" + root)
                .compile(sources);
    }

    private static JavaFileObject binding(String chart) {
        return JavaFileObjects.forSourceLines(
                "test.Charts",
                "package test;",
                "",
                "import io.scaleplan.dsl.HelmChart;",
                "",
                "@HelmChart(\"" + chart + "\")",
                "final class Charts {}");
    }

    @Test
    void generatesTheTypedBindingOfAChart() throws IOException {
        Compilation compilation = compile(TEST_ROOT, binding("charts/mini"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.MiniShop")
                .contentsAsUtf8String()
                .isEqualTo(Files.readString(TEST_ROOT.resolve("expected/MiniShop.java"), StandardCharsets.UTF_8));
    }

    @Test
    void generatesTheArkaEngineBindingFromTheRealChart() throws IOException {
        JavaFileObject pkg = JavaFileObjects.forSourceLines(
                "io.scaleplan.arka.package-info",
                "@HelmChart(\"src/main/helm/arka-engine\")",
                "package io.scaleplan.arka;",
                "",
                "import io.scaleplan.dsl.HelmChart;");

        Compilation compilation = compile(PLANS, pkg);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("io.scaleplan.arka.ArkaEngine")
                .contentsAsUtf8String()
                .isEqualTo(Files.readString(TEST_ROOT.resolve("expected/ArkaEngine.java"), StandardCharsets.UTF_8));
    }

    @Test
    void aPlanUsingTheHandlesAndSettersCompiles() {
        Compilation compilation = compile(PLANS, arkaBinding(), arkaPlan("ArkaEngine.USAGE_METERING", "imageTag"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aMisspelledServiceFailsJavac() {
        JavaFileObject plan = arkaPlan("ArkaEngine.USAGE_METERNG", "imageTag");

        Compilation compilation = compile(PLANS, arkaBinding(), plan);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(plan)
                .onLineContaining("ArkaEngine.USAGE_METERNG");
    }

    @Test
    void aMisspelledValuesKeyFailsJavac() {
        JavaFileObject plan = arkaPlan("ArkaEngine.USAGE_METERING", "imageTagg");

        Compilation compilation = compile(PLANS, arkaBinding(), plan);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(plan)
                .onLineContaining(".imageTagg(");
    }

    @Test
    void aValueOutsideTheSchemasEnumFailsJavac() {
        JavaFileObject plan = JavaFileObjects.forSourceLines(
                "io.scaleplan.arka.Levels",
                "package io.scaleplan.arka;",
                "",
                "import io.scaleplan.dsl.ChartValues;",
                "",
                "final class Levels {",
                "    static final ChartValues OK = ArkaEngine.POLICY_ENGINE.values().logLevel(ArkaEngine.LogLevel.WARN).build();",
                "    static final ChartValues TYPO = ArkaEngine.POLICY_ENGINE.values().logLevel(ArkaEngine.LogLevel.WARNING).build();",
                "    static final ChartValues TEXT = ArkaEngine.POLICY_ENGINE.values().logLevel(\"warn\").build();",
                "}");

        Compilation compilation = compile(PLANS, arkaBinding(), plan);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(plan)
                .onLineContaining("LogLevel.WARNING");
        assertThat(compilation)
                .hadErrorContaining(
                        "incompatible types: java.lang.String cannot be converted to io.scaleplan.arka.ArkaEngine.LogLevel")
                .inFile(plan)
                .onLineContaining("logLevel(\"warn\")");
    }

    @Test
    void aServiceKeyThatNamesNoDeploymentIsOneError() throws IOException {
        Path root = Files.createTempDirectory("chart");
        Path chart = Files.createDirectories(root.resolve("bad-key"));
        Files.writeString(chart.resolve("Chart.yaml"), "name: bad-key\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("values.yaml"), "{}\n");
        Files.writeString(
                chart.resolve("values.schema.json"),
                "{\"properties\": {\"Order_api\": {\"properties\": {\"autoscaling\": {}}}}}\n");
        JavaFileObject source = binding("bad-key");

        Compilation compilation = compile(root, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP312] " + chart.resolve("values.schema.json") + ": service key \"Order_api\" is"
                        + " not lower camel case (usageMetering), so it names no Deployment")
                .inFile(source)
                .onLineContaining("@HelmChart(\"bad-key\")");
    }

    @Test
    void oneEnumNameWithTwoSetsOfValuesIsOneError() throws IOException {
        Path root = Files.createTempDirectory("chart");
        Path chart = Files.createDirectories(root.resolve("enums"));
        Files.writeString(chart.resolve("Chart.yaml"), "name: enums\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("values.yaml"), "");
        Files.writeString(
                chart.resolve("values.schema.json"),
                "{\"properties\": {"
                        + "\"api\": {\"properties\": {\"autoscaling\": {},"
                        + " \"logLevel\": {\"type\": \"string\", \"enum\": [\"debug\", \"info\"]}}},"
                        + "\"worker\": {\"properties\": {\"autoscaling\": {},"
                        + " \"logLevel\": {\"type\": \"string\", \"enum\": [\"info\", \"trace\"]}}}}}\n");
        JavaFileObject source = binding("enums");

        Compilation compilation = compile(root, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP312] " + chart.resolve("values.schema.json") + ": the enum of worker.logLevel"
                        + " would be named LogLevel, which another key or service uses")
                .inFile(source)
                .onLineContaining("@HelmChart(\"enums\")");
    }

    @Test
    void aMissingChartIsOneErrorOnTheAnnotation() {
        JavaFileObject source = binding("charts/nowhere");

        Compilation compilation = compile(TEST_ROOT, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP310] chart folder " + TEST_ROOT.resolve("charts/nowhere") + " does not exist")
                .inFile(source)
                .onLineContaining("@HelmChart(\"charts/nowhere\")");
    }

    @Test
    void malformedJsonIsOneErrorNamingTheFileAndLine() {
        JavaFileObject source = binding("charts/broken-json");

        Compilation compilation = compile(TEST_ROOT, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP311] chart file " + TEST_ROOT.resolve("charts/broken-json/values.schema.json")
                        + " is not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to"
                        + " start field name (line 4, column 37)")
                .inFile(source)
                .onLineContaining("@HelmChart(\"charts/broken-json\")");
    }

    @Test
    void malformedYamlIsOneErrorNamingTheFile() {
        JavaFileObject source = binding("charts/broken-yaml");

        Compilation compilation = compile(TEST_ROOT, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP311] chart file " + TEST_ROOT.resolve("charts/broken-yaml/values.yaml")
                        + " is not valid YAML: ")
                .inFile(source)
                .onLineContaining("@HelmChart(\"charts/broken-yaml\")");
    }

    @Test
    void aSchemaWithoutServicesIsOneError() {
        JavaFileObject source = binding("charts/no-services");

        Compilation compilation = compile(TEST_ROOT, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP312] " + TEST_ROOT.resolve("charts/no-services/values.schema.json")
                        + " declares no services: no top-level property declares \"autoscaling\"; and "
                        + TEST_ROOT.resolve("charts/no-services/values.yaml")
                        + " holds no workload: neither replicaCount, autoscaling, resources nor pdb at the top level"
                        + " or under a top-level key")
                .inFile(source)
                .onLineContaining("@HelmChart(\"charts/no-services\")");
    }

    @Test
    void keepsReportingAfterTheFirstBrokenChart() {
        JavaFileObject first = JavaFileObjects.forSourceLines(
                "test.First",
                "package test;",
                "",
                "import io.scaleplan.dsl.HelmChart;",
                "",
                "@HelmChart(\"charts/nowhere\")",
                "final class First {}");
        JavaFileObject second = JavaFileObjects.forSourceLines(
                "test.Second",
                "package test;",
                "",
                "import io.scaleplan.dsl.HelmChart;",
                "",
                "@HelmChart(value = \"charts/no-services\", className = \"Shop\")",
                "final class Second {}");

        Compilation compilation = compile(TEST_ROOT, first, second);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[SP310]").inFile(first).onLineContaining("@HelmChart");
        assertThat(compilation).hadErrorContaining("[SP312]").inFile(second).onLineContaining("@HelmChart");
    }

    @Test
    void rejectsAClassNameThatIsNotAnIdentifier() {
        JavaFileObject source = JavaFileObjects.forSourceLines(
                "test.Charts",
                "package test;",
                "",
                "import io.scaleplan.dsl.HelmChart;",
                "",
                "@HelmChart(value = \"charts/mini\", className = \"class\")",
                "final class Charts {}");

        Compilation compilation = compile(TEST_ROOT, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP313] \"class\" is not a valid class name for chart mini-shop; set"
                        + " @HelmChart(className = ...)")
                .inFile(source)
                .onLineContaining("@HelmChart(");
    }

    private static JavaFileObject arkaBinding() {
        return JavaFileObjects.forSourceLines(
                "io.scaleplan.arka.package-info",
                "@HelmChart(\"src/main/helm/arka-engine\")",
                "package io.scaleplan.arka;",
                "",
                "import io.scaleplan.dsl.HelmChart;");
    }

    private static JavaFileObject arkaPlan(String service, String setter) {
        return JavaFileObjects.forSourceLines(
                "io.scaleplan.arka.Typo",
                "package io.scaleplan.arka;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "import io.scaleplan.dsl.ScalingPlan;",
                "",
                "@Plan",
                "public final class Typo implements PlanDefinition {",
                "    @Override",
                "    public ScalingPlan define() {",
                "        return ScalingPlan.builder(\"typo\")",
                "                .helmRelease(\"arka\", \"./arka-engine\")",
                "                .service(" + service + ", s -> s.replicas(2)",
                "                        .values(ArkaEngine.USAGE_METERING.values()",
                "                                ." + setter + "(\"1.4.2\")",
                "                                .build()))",
                "                .build();",
                "    }",
                "}");
    }
}
