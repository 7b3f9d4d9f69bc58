package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Renderer;
import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 10-settings.sql} is all-or-nothing against a real PostgreSQL 17 (zonky's binaries, built
 * without lz4): the script either completes (every ALTER SYSTEM value of the chart's settings
 * removed) or stops in its preflight, before the first ALTER SYSTEM, naming each value of the
 * chart's configuration the server rejects, with {@code postgresql.auto.conf} byte-identical.
 * Run by the real {@code psql} client ({@code /usr/bin/psql}, with {@code ON_ERROR_STOP}) and by
 * {@link MiniPsql} over JDBC.
 */
class SettingsAllOrNothingTest {
    private static EmbeddedPostgres server;
    private static Path autoConf;

    @BeforeAll
    static void start() throws IOException, SQLException {
        server = EmbeddedPostgres.builder().start();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            autoConf = Path.of(rs.getString(1), "postgresql.auto.conf");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void resetAlterSystem() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM RESET ALL");
        }
    }

    private static Connection connect() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    private static ScalingPlan plan(int major, Consumer<Postgres.Builder> extra) {
        return ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> {
                    pg.majorVersion(major).workload(Workload.OLTP).limits(cores(4), gib(16));
                    extra.accept(pg);
                })
                .build();
    }

    private static String script(int major, Consumer<Postgres.Builder> extra) {
        ScalingPlan plan = plan(major, extra);
        Postgres pg = plan.postgres().orElseThrow();
        return PostgresEmitter.settingsSql(plan, pg, Tuning.settings(pg));
    }

    private static MiniPsql.PsqlResult psql(Path dir, String sql) throws Exception {
        assumeTrue(MiniPsql.psqlAvailable(), "psql is not installed");
        return MiniPsql.psql(server.getPort(), MiniPsql.write(dir, "10-settings.sql", sql));
    }

    private static String setting(String name) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT setting FROM pg_file_settings WHERE name = '" + name + "'"
                        + " AND sourcefile LIKE '%postgresql.auto.conf'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void theChartCarriesPglzWherePgTunePrefersLz4AndTheServerAcceptsTheWholeScript(@TempDir Path dir) throws Exception {
        ScalingPlan plan = plan(17, pg -> {});
        List<Tuning.Tuned> settings = Tuning.settings(plan.postgres().orElseThrow());
        String overlay = new PostgresEmitter()
                .documents(ResolvedPlan.of(plan), new PlanFolder(plan.name())).stream()
                        .map(d -> Renderer.file(new PlanFolder(plan.name()), d))
                        .filter(f -> f.path().endsWith("-values.yaml"))
                        .findFirst()
                        .orElseThrow()
                        .content();
        String conf = ChartConfiguration.extendedConfiguration(overlay);
        // PgTune prefers lz4 (PgTuneTest); the chart's postgresql.conf carries what every build has
        assertThat(conf).contains("wal_compression = 'pglz'\n").doesNotContain("lz4");
        String sql = script(17, pg -> {});
        assertThat(sql)
                .contains("-- wal_compression = 'pglz' in the chart's configuration: derived from")
                .contains("PgTune prefers lz4, which a build without lz4 lacks")
                .contains("state wal_compression lz4 in the plan for a server built with it")
                .contains("ALTER SYSTEM RESET wal_compression;")
                .contains("\\set ON_ERROR_STOP on")
                .doesNotContain("\\if")
                .doesNotContain("ALTER SYSTEM SET");
        // version 1 through ALTER SYSTEM (an earlier script or by hand), pglz off included
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (Tuning.Tuned s : settings) {
                st.execute("ALTER SYSTEM SET " + s.name() + " = " + PgSql.literal(s.value()));
            }
            st.execute("ALTER SYSTEM SET wal_compression = 'off'");
        }
        assertThat(setting("wal_compression")).isEqualTo("off");
        MiniPsql.PsqlResult r = psql(dir, sql);
        assertThat(r.exitCode()).as(r.output()).isZero();
        for (Tuning.Tuned s : settings) {
            assertThat(setting(s.name())).as(s.name()).isNull();
        }
        // and over JDBC, statement by statement, the same
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET max_wal_size = '8GB'");
            assertThat(MiniPsql.run(c, sql)).isEmpty();
        }
        assertThat(setting("max_wal_size")).isNull();
        // the server accepts every line of the chart's configuration (pg_file_settings.error, a
        // postmaster setting aside: it waits for the restart), and would not accept lz4
        try (Connection c = connect()) {
            try {
                ChartConfiguration.apply(c, conf);
                assertThat(fileErrors(c)).isEmpty();
                ChartConfiguration.apply(c, "wal_compression = 'lz4'\n");
                assertThat(fileErrors(c)).containsExactly("wal_compression");
            } finally {
                ChartConfiguration.apply(c, "");
            }
        }
    }

    private static List<String> fileErrors(Connection c) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT f.name FROM pg_file_settings f WHERE f.sourcefile LIKE"
                        + " '%override.conf' AND f.error IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_settings s"
                        + " WHERE s.name = f.name AND s.pending_restart)")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aStatedLz4IsThePlansChoiceAndARejectedValueChangesNothing(@TempDir Path dir) throws Exception {
        // A first value already in postgresql.auto.conf, so "nothing changed" is checked against a real file.
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET work_mem = '4MB'");
        }
        byte[] before = Files.readAllBytes(autoConf);
        String sql = script(17, pg -> pg.set(PgSetting.WAL_COMPRESSION, "lz4")
                .setting("vacuum_cost_limit", "20000")
                .setting("log_min_duration_statement", "-5s")
                .setting("no_such_parameter", "1")
                .setting("bgwriter_delay", "1kB")
                .setting("pg_stat_statements.max", "5000"));
        assertThat(sql)
                .contains("-- wal_compression = 'lz4' in the chart's configuration: stated at")
                .contains("ALTER SYSTEM RESET wal_compression;");
        MiniPsql.PsqlResult r = psql(dir, sql);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output())
                .contains("scaleplan: this server would reject these settings; nothing was changed:")
                .contains("wal_compression = 'lz4': not one of this server's values:")
                .contains("vacuum_cost_limit = '20000': above this server's maximum 10000")
                .contains("log_min_duration_statement = '-5s': below this server's minimum -1ms")
                .contains("no_such_parameter = '1': PostgreSQL 17")
                .contains("bgwriter_delay = '1kB': not a number of ms")
                .doesNotContain("pg_stat_statements.max")
                .doesNotContain("ALTER SYSTEM");
        assertThat(Files.readAllBytes(autoConf)).isEqualTo(before);
        try (Connection c = connect()) {
            assertThatThrownBy(() -> MiniPsql.run(c, sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("nothing was changed");
        }
        assertThat(Files.readAllBytes(autoConf)).isEqualTo(before);
    }

    @Test
    void aScriptForAnotherMajorStopsBeforeChangingAnything(@TempDir Path dir) throws Exception {
        byte[] before = Files.readAllBytes(autoConf);
        MiniPsql.PsqlResult r = psql(dir, script(16, pg -> {}));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("scaleplan: this script is for PostgreSQL 16, the server runs 17");
        assertThat(Files.readAllBytes(autoConf)).isEqualTo(before);
    }

    @Test
    void aRoleThatMayNotAlterSystemStopsBeforeChangingAnything(@TempDir Path dir) throws Exception {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS tuner");
            st.execute("CREATE ROLE tuner LOGIN");
            st.execute("GRANT ALTER SYSTEM ON PARAMETER work_mem TO tuner");
        }
        byte[] before = Files.readAllBytes(autoConf);
        String sql = script(17, pg -> {});
        assumeTrue(MiniPsql.psqlAvailable(), "psql is not installed");
        MiniPsql.PsqlResult r =
                MiniPsql.psql(server.getPort(), MiniPsql.write(dir, "10-settings.sql", sql), "tuner", false);
        String out = r.output();
        assertThat(r.exitCode()).as(out).isEqualTo(3); // ON_ERROR_STOP comes from the script itself
        assertThat(out)
                .contains("max_connections = '300': tuner may not ALTER SYSTEM it")
                .doesNotContain("\n  work_mem =");
        assertThat(Files.readAllBytes(autoConf)).isEqualTo(before);
    }
}
