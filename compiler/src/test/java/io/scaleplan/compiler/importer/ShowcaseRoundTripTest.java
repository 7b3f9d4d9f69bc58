package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.ImportRoundTrip;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip on the plan that says everything the DSL can say about a service (behavior,
 * fractional Pods metrics, percentage budgets, a Helm key of its own, fixed and zero replicas):
 * compile, import the outputs, compile the imported source with javac, compile again: every output
 * comes back byte for byte.
 */
class ShowcaseRoundTripTest {

    @Test
    void theShowcasesOutputsComeBackByteForByte(@TempDir Path temp) throws IOException {
        roundTrip(Fixtures.showcase(), temp);
    }

    /** StatefulSets (OrderedReady and Parallel) next to a Deployment: the kinds come back from plan.yaml and the HPAs. */
    @Test
    void theStatefulSetsComeBackByteForByte(@TempDir Path temp) throws IOException {
        String source = roundTrip(Fixtures.stateful(), temp);
        assertThat(source)
                .contains(".service(\"ledger\", s -> s.statefulSet()")
                .contains(".service(\"search\", s -> s.statefulSet(PodManagement.PARALLEL)")
                .contains("import io.scaleplan.dsl.PodManagement;");
    }

    private static String roundTrip(io.scaleplan.dsl.ScalingPlan plan, Path temp) throws IOException {
        Map<String, String> original = ImportRoundTrip.files(new PlanCompiler().compile(plan));
        Path outputs = ImportRoundTrip.write(original, temp.resolve("generated/" + plan.name()));

        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("io.scaleplan.testing")
                        .build());

        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        assertThat(imported.qualifiedName()).contains("io.scaleplan.testing.Fixtures");
        assertThat(imported.problems()).allMatch(p -> p.level() == ImportProblem.Level.NOTE);
        ClassLoader loader = PlanSources.compile(
                List.of(imported.written().orElseThrow()), temp.resolve("classes"), List.of(), List.of("-proc:none"));
        Map<String, String> again = ImportRoundTrip.files(new PlanCompiler()
                .compile(PlanSources.instantiate(loader, "io.scaleplan.testing.Fixtures")
                        .define()));
        assertThat(ImportRoundTrip.comparable(again)).isEqualTo(ImportRoundTrip.comparable(original));
        return java.nio.file.Files.readString(imported.written().orElseThrow());
    }
}
