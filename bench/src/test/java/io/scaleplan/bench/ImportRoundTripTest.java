package io.scaleplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.importer.ImportRequest;
import io.scaleplan.compiler.importer.ImportResult;
import io.scaleplan.compiler.importer.Importer;
import io.scaleplan.testing.ImportRoundTrip;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The import round trip on benchmark estates (10 services, two seeds, one with the changed service;
 * 200 services; with PostgreSQL and Redis): compile,
 * import the outputs, compile the imported source with javac, compile again: every output (plan.yaml,
 * APPLY.md, CAPACITY.md, monitoring/ included) comes back byte for byte, but for the source line a
 * SQL comment names.
 */
class ImportRoundTripTest {

    @ParameterizedTest
    @CsvSource({"10, 42, false", "10, 7, true", "200, 42, false"})
    void aBenchmarkEstateComesBackByteForByte(int services, long seed, boolean changed, @TempDir Path temp)
            throws IOException {
        Map<String, String> original =
                ImportRoundTrip.files(new PlanCompiler().compile(Estate.plan(Estate.shape(services, seed), changed)));
        Path outputs = ImportRoundTrip.write(original, temp.resolve("generated/estate"));

        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("io.scaleplan.bench")
                        .build());

        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        assertThat(imported.problems()).allMatch(p -> p.level() == ImportProblem.Level.NOTE);
        ClassLoader loader = PlanSources.compile(
                List.of(imported.written().orElseThrow()), temp.resolve("classes"), List.of(), List.of("-proc:none"));
        Map<String, String> again = ImportRoundTrip.files(new PlanCompiler()
                .compile(
                        PlanSources.instantiate(loader, imported.qualifiedName().orElseThrow())
                                .define()));
        assertThat(ImportRoundTrip.comparable(again)).isEqualTo(ImportRoundTrip.comparable(original));
    }
}
