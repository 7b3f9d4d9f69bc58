package io.scaleplan.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanProcessorTest {

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new PlanProcessor()).compile(sources);
    }

    private static JavaFileObject plan(String className, String annotation) {
        return JavaFileObjects.forSourceLines(
                "test." + className,
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "import io.scaleplan.dsl.ScalingPlan;",
                "",
                annotation,
                "public final class " + className + " implements PlanDefinition {",
                "    @Override",
                "    public ScalingPlan define() {",
                "        return null;",
                "    }",
                "}");
    }

    @Test
    void indexesEveryPlanSortedInTheServiceFile() {
        Compilation compilation =
                compile(plan("Staging", "@Plan(\"staging\")"), plan("Production", "@Plan"), plan("Canary", "@Plan"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "", PlanProcessor.INDEX)
                .contentsAsUtf8String()
                .isEqualTo("test.Canary\ntest.Production\ntest.Staging\n");
    }

    @Test
    void anIncrementalBuildKeepsEarlierPlansThatStillExistAndDropsOthers(@TempDir Path out) throws IOException {
        assertThat(javacInto(out, plan("Canary", "@Plan"))).isTrue();
        Path index = out.resolve(PlanProcessor.INDEX);
        Files.writeString(index, "test.Canary\ntest.Deleted\n", StandardCharsets.UTF_8);

        assertThat(javacInto(out, plan("Production", "@Plan"))).isTrue();

        assertThat(index).hasContent("test.Canary\ntest.Production");
    }

    /** Real javac into a real folder, which is also on the class path: an incremental build. */
    private static boolean javacInto(Path out, JavaFileObject source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = out + File.pathSeparator + System.getProperty("java.class.path");
        JavaCompiler.CompilationTask task =
                javac.getTask(null, null, null, List.of("-d", out.toString(), "-cp", classpath), null, List.of(source));
        task.setProcessors(List.of(new PlanProcessor()));
        return task.call();
    }

    @Test
    void indexesNestedPlansByBinaryName() {
        JavaFileObject outer = JavaFileObjects.forSourceLines(
                "test.Plans",
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "import io.scaleplan.dsl.ScalingPlan;",
                "",
                "public final class Plans {",
                "    @Plan",
                "    public static final class Nested implements PlanDefinition {",
                "        @Override",
                "        public ScalingPlan define() {",
                "            return null;",
                "        }",
                "    }",
                "}");

        Compilation compilation = compile(outer);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "", PlanProcessor.INDEX)
                .contentsAsUtf8String()
                .isEqualTo("test.Plans$Nested\n");
    }

    @Test
    void reportsEveryProblemOfAPlanClassOnTheClass() {
        JavaFileObject hidden = JavaFileObjects.forSourceLines(
                "test.Hidden",
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "",
                "@Plan",
                "final class Hidden {",
                "    private Hidden() {}",
                "}");

        Compilation compilation = compile(hidden);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("[SP301] @Plan class Hidden must be public (and, if nested, static inside a"
                        + " public class): the compiler instantiates it through ServiceLoader")
                .inFile(hidden)
                .onLineContaining("final class Hidden");
        assertThat(compilation)
                .hadErrorContaining("[SP302] @Plan class Hidden must have a public no-argument constructor: the"
                        + " compiler instantiates it through ServiceLoader")
                .inFile(hidden)
                .onLineContaining("final class Hidden");
        assertThat(compilation)
                .hadErrorContaining("[SP303] @Plan class Hidden must implement io.scaleplan.dsl.PlanDefinition")
                .inFile(hidden)
                .onLineContaining("final class Hidden");
    }

    @Test
    void rejectsAConstructorWithArguments() {
        JavaFileObject withArgs = JavaFileObjects.forSourceLines(
                "test.WithArgs",
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "import io.scaleplan.dsl.ScalingPlan;",
                "",
                "@Plan",
                "public final class WithArgs implements PlanDefinition {",
                "    public WithArgs(String name) {}",
                "",
                "    @Override",
                "    public ScalingPlan define() {",
                "        return null;",
                "    }",
                "}");

        Compilation compilation = compile(withArgs);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP302] @Plan class WithArgs must have a public no-argument constructor")
                .inFile(withArgs)
                .onLineContaining("public final class WithArgs");
    }

    @Test
    void rejectsANonStaticNestedPlan() {
        JavaFileObject outer = JavaFileObjects.forSourceLines(
                "test.Outer",
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "import io.scaleplan.dsl.ScalingPlan;",
                "",
                "public final class Outer {",
                "    @Plan",
                "    public final class Inner implements PlanDefinition {",
                "        @Override",
                "        public ScalingPlan define() {",
                "            return null;",
                "        }",
                "    }",
                "}");

        Compilation compilation = compile(outer);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP301] @Plan class Inner must be public (and, if nested, static")
                .inFile(outer)
                .onLineContaining("public final class Inner");
    }

    @Test
    void rejectsAnInterface() {
        JavaFileObject shape = JavaFileObjects.forSourceLines(
                "test.Shape",
                "package test;",
                "",
                "import io.scaleplan.dsl.Plan;",
                "import io.scaleplan.dsl.PlanDefinition;",
                "",
                "@Plan",
                "public interface Shape extends PlanDefinition {}");

        Compilation compilation = compile(shape);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP300] @Plan Shape must be a concrete class: the compiler instantiates it")
                .inFile(shape)
                .onLineContaining("public interface Shape");
    }

    @Test
    void rejectsAPlanNameGivenTwiceOnTheSecondAnnotation() {
        JavaFileObject first = plan("Production", "@Plan(\"production\")");
        JavaFileObject second = plan("ProductionCopy", "@Plan(\"production\")");

        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP304] plan name \"production\" is already used by test.Production; each plan"
                        + " writes generated/production/, so names must be unique")
                .inFile(second)
                .onLineContaining("@Plan(\"production\")");
    }

    @Test
    void rejectsAPlanNameThatIsNotADnsLabel() {
        JavaFileObject source = plan("Production", "@Plan(\"Prod_1\")");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[SP305] plan name \"Prod_1\" is not a valid DNS-1123 label")
                .inFile(source)
                .onLineContaining("@Plan(\"Prod_1\")");
    }

    @Test
    void indexIsNotWrittenForAProgramWithoutPlans() {
        Compilation compilation =
                compile(JavaFileObjects.forSourceLines("test.Empty", "package test;", "class Empty {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedFiles()).noneMatch(f -> f.getName().contains("META-INF"));
    }
}
