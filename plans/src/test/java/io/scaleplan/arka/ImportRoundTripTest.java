package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.importer.ImportRequest;
import io.scaleplan.compiler.importer.ImportResult;
import io.scaleplan.compiler.importer.Importer;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.processor.ChartProcessor;
import io.scaleplan.processor.PlanProcessor;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round trip of {@code scaleplan import}: every plan (and every phase of an event) is compiled,
 * its outputs imported into a plan source, that source compiled for real (javac with scaleplan's
 * annotation processors, the chart binding included) and compiled again by scaleplan: the outputs
 * that import reads (helm/, k8s/, sql/, redis/) come back byte for byte. The only difference
 * allowed is the source line a SQL comment names ({@code stated at Production.java:107}), which
 * necessarily points into the imported source.
 */
class ImportRoundTripTest {
    private static final Pattern READ_BY_IMPORT = Pattern.compile("(helm|k8s|sql|redis)/.*");
    private static final Pattern SOURCE_LINE = Pattern.compile("(stated|declared) at \\S+\\.java:\\d+");

    static Stream<String> folders() {
        return ArkaPlans.files().keySet().stream()
                .map(ImportRoundTripTest::folder)
                .distinct();
    }

    /** {@code production} for {@code production/k8s/x.yaml}, {@code black-friday/01-pre-scale} for a phase's. */
    private static String folder(String path) {
        String[] parts = path.split("/");
        StringBuilder folder = new StringBuilder(parts[0]);
        if (parts.length > 2 && parts[1].matches("\\d\\d-.*")) {
            folder.append('/').append(parts[1]);
        }
        return folder.toString();
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
        Path outputs = temp.resolve("generated").resolve(folder);
        for (Map.Entry<String, String> f : original.entrySet()) {
            Path file = outputs.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
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
                List.of(pkg.resolve("package-info.java"), imported.written().orElseThrow()),
                temp.resolve("classes"),
                List.of(new PlanProcessor(), new ChartProcessor()),
                List.of("-Ascaleplan.chartRoot=" + module));
        PlanDefinition plan =
                PlanSources.instantiate(loader, imported.qualifiedName().orElseThrow());
        assertThat(plan.getClass().getClassLoader())
                .as("the imported class, not the plan beside the test")
                .isSameAs(loader);
        Compilation again = new PlanCompiler().compile(plan.define());

        assertThat(again.hasErrors()).as("%s", again.diagnostics()).isFalse();
        Map<String, String> roundTrip = new TreeMap<>();
        for (GeneratedFile f : again.files()) {
            roundTrip.put(f.path().substring(f.path().indexOf('/') + 1), f.content());
        }
        Map<String, String> expected = readByImport(original);
        assertThat(readByImport(roundTrip).keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(withoutSourceLines(roundTrip.get(e.getKey())))
                    .as("%s/%s", folder, e.getKey())
                    .isEqualTo(withoutSourceLines(e.getValue()));
        }
    }

    private static Map<String, String> readByImport(Map<String, String> files) {
        return files.entrySet().stream()
                .filter(e -> READ_BY_IMPORT.matcher(e.getKey()).matches())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static String withoutSourceLines(String text) {
        return SOURCE_LINE.matcher(text).replaceAll("$1 at (the plan's source)");
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
