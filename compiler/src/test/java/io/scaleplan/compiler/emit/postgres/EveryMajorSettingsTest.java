package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings script of every supported major against that major's real server (13 to 18,
 * zonky's binaries, which the {@code pg-settings-table} profile copies): PgTune's script applies
 * completely (the chart carries pglz / worker, which these builds have, where PgTune prefers lz4 /
 * io_uring), and a stated value the server
 * rejects stops the script before anything changes. Run with the regeneration of the restart table
 * (see docs/data-tier.md), or alone with {@code -Dtest=EveryMajorSettingsTest}.
 */
@EnabledIfSystemProperty(named = "scaleplan.pgSettingsTable", matches = "regenerate|check")
class EveryMajorSettingsTest {

    private static String script(int major, boolean rejected) {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> {
                    pg.majorVersion(major).workload(Workload.OLTP).limits(cores(4), gib(16));
                    if (rejected) {
                        pg.setting("vacuum_cost_limit", "20000");
                    }
                })
                .build();
        Postgres pg = plan.postgres().orElseThrow();
        return PostgresEmitter.settingsSql(plan, pg, Tuning.settings(pg));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 14, 15, 16, 17, 18})
    void theScriptAppliesWholeOrNotAtAll(int major) throws Exception {
        Path jar = Path.of("target/postgres-binaries/postgres-" + major + "-linux-amd64.jar");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setPgBinaryResolver((system, machine) -> PgSettingsTableTool.binaries(jar))
                        .start();
                Connection c = server.getPostgresDatabase().getConnection()) {
            assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(major);
            // version 1 of two settings through ALTER SYSTEM, which the script removes
            try (Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET work_mem = '4MB'");
                st.execute("ALTER SYSTEM SET max_wal_size = '2GB'");
            }
            String rejected = script(major, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MiniPsql.run(c, rejected))
                    .hasMessageContaining("vacuum_cost_limit = '20000': above this server's maximum 10000");
            assertThat(autoConfLines(c)).isEqualTo(2);
            MiniPsql.run(c, script(major, false));
            assertThat(autoConfLines(c)).isZero();
        }
    }

    private static int autoConfLines(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
