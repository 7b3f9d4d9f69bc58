package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The version-dependent parts against a real PostgreSQL 18 (zonky's linux-amd64 binaries, which the
 * build copies to {@code target/postgres-binaries}): the restart table (autovacuum_max_workers is a
 * reload from 18; io_method needs a restart, io_workers does not), the ranges, and an 18 plan's
 * settings script.
 */
class Postgres18Test {
    private static final Path BINARIES = Path.of("target/postgres-binaries/postgres-18-linux-amd64.jar");
    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws IOException {
        boolean linuxAmd64 =
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        assumeTrue(
                linuxAmd64 && Files.isRegularFile(BINARIES),
                "PostgreSQL 18 binaries are copied for linux-amd64 only: run ./mvnw test on such a machine");
        server = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, machine) -> binaries())
                .start();
    }

    private static InputStream binaries() throws IOException {
        try (ZipFile jar = new ZipFile(BINARIES.toFile())) {
            try (InputStream in = jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"))) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private static String settingsSql(ScalingPlan plan) {
        return PostgresEmitter.settingsSql(
                plan,
                plan.postgres().orElseThrow(),
                Tuning.settings(plan.postgres().orElseThrow()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void isPostgres18() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(18);
        }
    }

    @Test
    void restartTableAndRangesMatchTheServer() throws SQLException {
        assertThat(PgSetting.AUTOVACUUM_MAX_WORKERS.requiresRestart(18)).isFalse();
        assertThat(PgSetting.AUTOVACUUM_MAX_WORKERS.requiresRestart(17)).isTrue();
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            assertThat(PgCatalogue.restartTable(c, 18)).hasSize(PgSetting.all().size());
            PgCatalogue.ranges(c, 18);
        }
    }

    @Test
    void theChartCarriesPglzAndWorkerWherePgTunePrefersLz4AndIoUringAndTheWholeScriptApplies() throws Exception {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.majorVersion(18).workload(Workload.WEB).limits(cores(8), gib(32)))
                .build();
        String sql = settingsSql(plan);
        assertThat(sql)
                .contains("-- wal_compression = 'pglz' in the chart's configuration: derived from")
                .contains("-- io_method = 'worker' in the chart's configuration: derived from")
                .contains("PgTune prefers io_uring, which a build without liburing lacks")
                .contains("ALTER SYSTEM RESET io_method;")
                .doesNotContain("\\if");
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            try (var st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET wal_compression = 'off'");
                st.execute("ALTER SYSTEM SET io_method = 'sync'");
            }
            // zonky's binaries lack lz4 and liburing: the preflight accepts the chart's values
            assertThat(MiniPsql.run(c, sql)).isEmpty();
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM pg_file_settings"
                            + " WHERE sourcefile LIKE '%postgresql.auto.conf'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void theCommittedSettingsTableIsThisServersPgSettings() throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            assertThat(PgSettingsTableTool.committed(18)).isEqualTo(PgSettingsTableTool.rows(c));
        }
    }

    @Test
    void settingsOfAnEighteenPlanApply() throws Exception {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.majorVersion(18)
                        .workload(Workload.DATA_WAREHOUSE)
                        .limits(cores(32), gib(64))
                        // zonky's binaries are built without lz4 and liburing, PgTune's picks for 18 on Linux
                        .set(PgSetting.WAL_COMPRESSION, "pglz")
                        .set(PgSetting.IO_METHOD, "worker")
                        .set(PgSetting.IO_WORKERS, 8))
                .build();
        String sql = settingsSql(plan);
        assertThat(sql)
                .contains(
                        "--   max_connections, shared_buffers, wal_buffers, huge_pages, io_method, max_worker_processes\n")
                .contains("-- autovacuum_max_workers = '5' in the chart's configuration");
        StringBuilder conf = new StringBuilder();
        Tuning.settings(plan.postgres().orElseThrow()).forEach(t -> conf.append(t.name())
                .append(" = ")
                .append(PgSql.literal(t.value()))
                .append('\n'));
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            java.sql.Timestamp before = ConfigReload.loadTime(c);
            ChartConfiguration.apply(c, conf.toString());
            MiniPsql.run(c, sql);
            MiniPsql.run(c, sql);
            ConfigReload.await(c, before);
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT current_setting('autovacuum_max_workers'),"
                            + " current_setting('io_workers'), (SELECT pending_restart FROM pg_settings"
                            + " WHERE name = 'io_method')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("5");
                assertThat(rs.getString(2)).isEqualTo("8");
                assertThat(rs.getBoolean(3)).isFalse(); // worker is 18's default: nothing pending
            }
        }
    }
}
