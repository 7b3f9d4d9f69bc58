package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.ImportRoundTrip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import reads a plan's default PostgreSQL and Redis only: the files of named instances, and what
 * plan.yaml says of them and of the pools that connect to them, are reported as not imported,
 * never merged into the default instance.
 */
class NamedInstancesImportTest {

    @Test
    void namedInstancesAreReportedNotMergedIntoTheDefault(@TempDir Path temp) throws Exception {
        Map<String, String> original = ImportRoundTrip.files(new PlanCompiler().compile(Fixtures.dataTier()));
        Path outputs = ImportRoundTrip.write(original, temp.resolve("generated/data-tier"));

        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("io.scaleplan.testing")
                        .build());

        List<String> warnings = imported.problems().stream()
                .filter(p -> p.level() == ImportProblem.Level.WARNING)
                .map(ImportProblem::toString)
                .toList();
        assertThat(warnings)
                .anyMatch(w -> w.contains("not imported: a file of the named instance sql/orders"))
                .anyMatch(w -> w.contains("not imported: a file of the named instance redis/cart"))
                .anyMatch(w -> w.contains("not imported: postgres orders"))
                .anyMatch(w -> w.contains("not imported: orders's database(\"orders\")"));
        String source = Files.readString(imported.written().orElseThrow());
        // the in-chart instance's ALTER SYSTEM values did not become the default's settings
        assertThat(source).doesNotContain("orders-db").doesNotContain("maxConnections(208)");
    }
}
