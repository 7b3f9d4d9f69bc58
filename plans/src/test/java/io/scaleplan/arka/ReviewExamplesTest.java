package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.diff.MarkdownReport;
import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.dsl.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pull-request comment of ten typical edits to the ARKA plans' sources, each compiled by javac
 * as the build does and compared with the unedited plans, against golden Markdown in {@code
 * src/test/resources/review/} (rewrite with {@code -Dscaleplan.golden.update=true} and review the
 * change). The README's diff examples are the first edit's output.
 */
class ReviewExamplesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/review");
    private static final String SOURCE_ROOT = "plans/src/main/java";
    /** Lines a reviewer reads before the first collapsed block, for an edit of one field. */
    private static final int ONE_FIELD_BUDGET = 25;

    private static Map<String, String> base;

    @TempDir
    static Path work;

    @BeforeAll
    static void compileTheUneditedPlans() throws IOException {
        base = files(EditedPlans.compile(EditedPlans.sources(), work.resolve("base")));
    }

    /** name, file, from, to, whether the edit is of one field. */
    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("01-max-replicas", "Production.java", "a.replicas(3, 20)", "a.replicas(3, 24)", true),
                Arguments.of(
                        "02-cpu-target",
                        "Production.java",
                        "a.replicas(2, 10).cpuUtilization(percent(70)))",
                        "a.replicas(2, 10).cpuUtilization(percent(60)))",
                        true),
                Arguments.of(
                        "03-max-connections", "Production.java", ".maxConnections(300)", ".maxConnections(400)", true),
                Arguments.of(
                        "04-redis-maxmemory", "Production.java", ".maxmemory(gib(2))", ".maxmemory(mib(2_304))", true),
                Arguments.of(
                        "05-new-service",
                        "HighThroughput.java",
                        ".capacityPerPod(rps(1_000)))",
                        ".capacityPerPod(rps(1_000)))"
                                + ".service(ArkaEngine.POLICY_ENGINE, s -> s.replicas(2).requests(cores(1), gib(1))"
                                + ".limits(cores(1), gib(1)).maxUnavailable(pods(1)))",
                        false),
                Arguments.of(
                        "06-removed-service",
                        "Production.java",
                        ".service(ArkaEngine.ATTESTATION_SERVICE….connectionPoolSize(3))",
                        "",
                        false),
                Arguments.of(
                        "07-event-phase",
                        "BlackFriday.java",
                        "s.expectedLoad(rps(5_000))",
                        "s.expectedLoad(rps(6_000))",
                        true),
                Arguments.of(
                        "08-suppression",
                        "Production.java",
                        ".requestRate(\"http_requests_per_second\"))",
                        ".requestRate(\"http_requests_per_second\"))"
                                + ".suppress(\"SP105\", \"the capacity test of ARKA-812 is pending\")",
                        true),
                Arguments.of(
                        "09-resources",
                        "Production.java",
                        "s.requests(cores(1), gib(2))",
                        "s.requests(cores(1), mib(2_560))",
                        true),
                Arguments.of(
                        "10-chart-value",
                        "Production.java",
                        ".capacityPerPod(rps(1_000))",
                        ".capacityPerPod(rps(1_000))"
                                + ".values(ArkaEngine.USAGE_METERING.values().imageTag(\"1.4.2\").build())",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void theCommentOfATypicalEditMatchesItsGolden(String name, String file, String from, String to, boolean oneField)
            throws IOException {
        String markdown = review(name, file, from, to).markdown();

        assertGolden(name + ".md", markdown);
        assertThat(markdown).doesNotContain("```").doesNotContain("\\`");
        if (oneField) {
            assertThat(beforeFirstDetails(markdown).split("\n", -1).length - 1)
                    .as("lines before the first collapsed block")
                    .isLessThanOrEqualTo(ONE_FIELD_BUDGET);
        }
    }

    @Test
    void theReadmeShowsTheFirstEditsOutput() throws IOException {
        Review r = review("01-max-replicas", "Production.java", "a.replicas(3, 20)", "a.replicas(3, 24)");
        String text = r.text();
        assertGolden("01-max-replicas.txt", text);
        String readme = Files.readString(ArkaPlans.root().resolve("README.md"));

        String summary = beforeFirstDetails(r.markdown());
        assertThat(summary)
                .contains("- usage-metering · maxReplicas: 20 → 24\n")
                .contains("- connection budget: 229 → 249 of 300\n")
                .contains("[SP105]");
        assertThat(readme).contains("```markdown\n" + summary.stripTrailing() + "\n```\n");
        assertThat(readme).contains("```\n" + text.substring(0, text.indexOf("files\n")) + "files\n```\n");
    }

    private record Review(String markdown, String text) {}

    private Review review(String name, String file, String from, String to) throws IOException {
        Map<String, String> sources = EditedPlans.edit(EditedPlans.sources(), file, from, to);
        List<Compilation> edited = EditedPlans.compile(sources, work.resolve(name + "-" + System.nanoTime()));
        List<Diagnostic> diagnostics =
                edited.stream().flatMap(c -> c.diagnostics().stream()).toList();
        assertThat(edited)
                .as("%s compiles without errors: %s", name, diagnostics)
                .noneMatch(Compilation::hasErrors);
        OutputDiff diff = OutputDiff.compare(base, files(edited));
        return new Review(
                new MarkdownReport(false).withSourceRoot(SOURCE_ROOT).render(diff, diagnostics),
                new TextReport(false, false).withSourceRoot(SOURCE_ROOT).renderReview(diff, diagnostics));
    }

    private static Map<String, String> files(List<Compilation> compilations) {
        Map<String, String> out = new TreeMap<>();
        compilations.forEach(c -> c.files().forEach(f -> out.put(f.path(), f.content())));
        return out;
    }

    private static String beforeFirstDetails(String markdown) {
        int at = markdown.indexOf("<details>");
        return at < 0 ? markdown : markdown.substring(0, at);
    }

    private static void assertGolden(String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("scaleplan.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertThat(golden)
                .as("golden %s (run with -Dscaleplan.golden.update=true)", golden)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
