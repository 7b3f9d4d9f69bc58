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
 * Import reads every PostgreSQL and Redis instance: a named one's files (sql/orders/, a managed
 * instance's parameters.conf) into that instance, never into the default, where it lives from
 * plan.yaml, and which database each pool connects to. (The byte-for-byte round trip is in
 * {@link ShowcaseRoundTripTest}.)
 */
class NamedInstancesImportTest {

    private static ImportResult importDataTier(Path temp, Map<String, String> files) throws java.io.IOException {
        Path outputs = ImportRoundTrip.write(files, temp.resolve("generated/data-tier"));
        return new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("io.scaleplan.testing")
                        .build());
    }

    @Test
    void namedInstancesAreImportedEachIntoItsOwn(@TempDir Path temp) throws Exception {
        Map<String, String> original = ImportRoundTrip.files(new PlanCompiler().compile(Fixtures.dataTier()));

        ImportResult imported = importDataTier(temp, original);

        assertThat(imported.problems()).noneMatch(p -> p.level() != ImportProblem.Level.NOTE);
        String source = Files.readString(imported.written().orElseThrow());
        // the in-chart instance's ALTER SYSTEM values are its own, not the default's
        assertThat(source)
                .contains(".postgres(pg -> pg.release(\"postgresql\")")
                .contains(".postgres(\"orders\", pg -> pg.inChart(\"orders-db\")")
                .contains("maxConnections(208)")
                .contains("workMem(mib(8))")
                .contains("index(\"idx_orders_customer\", \"orders\", \"customer_id\")")
                .contains(".postgres(\"billing\", pg -> pg.managed(ManagedService.AWS_RDS, \"billing-prod\")")
                .contains("instance(4, gib(16))")
                .contains(".redis(\"cart\", r -> r.inChart(\"redis-cart\")")
                .contains(".redis(\"sessions\", r -> r.managed(ManagedService.AWS_ELASTICACHE, \"sessions-prod\")")
                .contains(".service(\"billing\", s -> s.replicas(2).connectionPoolSize(15).database(\"billing\"))");
        String defaultBlock =
                source.substring(source.indexOf(".postgres(pg ->"), source.indexOf(".postgres(\"orders\""));
        assertThat(defaultBlock)
                .contains("maxConnections(150)")
                .doesNotContain("208")
                .doesNotContain("orders");
    }

    @Test
    void theManagedInstancesStatedMaxConnectionsStaysStatedThoughPgTuneDerivesTheSame(@TempDir Path temp)
            throws Exception {
        // billing's max_connections 200 is PgTune's default for web: only parameters.conf's comment says it is stated
        Map<String, String> original = ImportRoundTrip.files(new PlanCompiler().compile(Fixtures.dataTier()));
        String source =
                Files.readString(importDataTier(temp, original).written().orElseThrow());
        String billing = source.substring(source.indexOf(".postgres(\"billing\""), source.indexOf(".redis("));
        assertThat(billing).contains("maxConnections(200)");

        Map<String, String> unstated = new java.util.TreeMap<>(original);
        unstated.computeIfPresent(
                "sql/billing/parameters.conf",
                (k, v) -> v.replace("(pending-reboot); stated at", "(pending-reboot); derived from"));
        String derived = Files.readString(
                importDataTier(temp.resolve("again"), unstated).written().orElseThrow());
        assertThat(derived.substring(derived.indexOf(".postgres(\"billing\""), derived.indexOf(".redis(")))
                .doesNotContain("maxConnections");
    }
}
