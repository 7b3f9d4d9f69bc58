package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.importer.ImportRequest;
import io.scaleplan.compiler.importer.ImportResult;
import io.scaleplan.compiler.importer.Importer;
import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.processor.ChartProcessor;
import io.scaleplan.processor.PlanProcessor;
import io.scaleplan.testing.ImportRoundTrip;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round trip of {@code scaleplan import}: every plan (and every event, all its phases) is compiled,
 * its outputs imported into a plan source, that source compiled for real (javac with scaleplan's
 * annotation processors, the chart binding included) and compiled again by scaleplan: every output
 * (plan.yaml, APPLY.md, CAPACITY.md, monitoring/, sim/ included) comes back byte for byte. The only
 * difference allowed is the source line a SQL comment names ({@code stated at Production.java:107}),
 * which necessarily points into the imported source. An event's folder (its phases) imports as an
 * {@code EventDefinition} with its base plan, and every phase's outputs come back.
 */
class ImportRoundTripTest {
    static Stream<String> folders() {
        return ArkaPlans.files().keySet().stream()
                .map(ImportRoundTripTest::folder)
                .distinct();
    }

    /** {@code production} for {@code production/k8s/x.yaml}, {@code black-friday} for a phase's. */
    private static String folder(String path) {
        return path.substring(0, path.indexOf('/'));
    }

    @ParameterizedTest
    @MethodSource("folders")
    void importingThePlansOutputsGivesAPlanWithTheSameOutputs(String folder, @TempDir Path temp) throws IOException {
        Map<String, String> original = new TreeMap<>();
        ArkaPlans.files().forEach((path, content) -> {
            if (folder(path).equals(folder)) {
                original.put(path.substring(folder.length() + 1), content);
            }
        });
        Path outputs = ImportRoundTrip.write(original, temp.resolve("generated").resolve(folder));
        Path module = temp.resolve("plans");
        Path sources = module.resolve("src/main/java");
        Path pkg = sources.resolve("io/scaleplan/arka");
        Files.createDirectories(pkg);
        Path plansModule = ArkaPlans.root().resolve("plans");
        Files.copy(
                plansModule.resolve("src/main/java/io/scaleplan/arka/package-info.java"),
                pkg.resolve("package-info.java"));
        copyTree(plansModule.resolve("src/main/helm/arka-engine"), module.resolve("src/main/helm/arka-engine"));

        ImportResult imported = new Importer().run(ImportRequest.of(List.of(outputs), sources));

        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        assertThat(imported.problems()).noneMatch(p -> p.level() != ImportProblem.Level.NOTE);
        ClassLoader loader = PlanSources.compile(
                Stream.concat(
                                Stream.of(
                                        pkg.resolve("package-info.java"),
                                        imported.written().orElseThrow()),
                                imported.companions().stream()
                                        .map(c -> c.written().orElseThrow()))
                        .toList(),
                temp.resolve("classes"),
                List.of(new PlanProcessor(), new ChartProcessor()),
                List.of("-Ascaleplan.chartRoot=" + module));
        PlanDefinition plan =
                PlanSources.instantiate(loader, imported.qualifiedName().orElseThrow());
        assertThat(plan.getClass().getClassLoader())
                .as("the imported class, not the plan beside the test")
                .isSameAs(loader);
        Compilation again = plan instanceof EventDefinition event
                ? new PlanCompiler().compile(event.event())
                : new PlanCompiler().compile(plan.define());

        Map<String, String> expected = ImportRoundTrip.comparable(original);
        Map<String, String> roundTrip = ImportRoundTrip.comparable(ImportRoundTrip.files(again));
        assertThat(roundTrip.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, content) ->
                assertThat(roundTrip.get(path)).as("%s/%s", folder, path).isEqualTo(content));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
