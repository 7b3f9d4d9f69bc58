package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 10-settings.sql} is all-or-nothing against a real PostgreSQL 17 (zonky's binaries, built
 * without lz4): the script either applies every setting or stops in its preflight, before the
 * first ALTER SYSTEM, naming each rejected value, with {@code postgresql.auto.conf} byte-identical.
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

    private static String script(int major, Consumer<Postgres.Builder> extra) {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> {
                    pg.majorVersion(major).workload(Workload.OLTP).limits(cores(4), gib(16));
                    extra.accept(pg);
                })
                .build();
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
    void pgTunesLz4FallsBackToPglzOnAServerWithoutItAndTheWholeScriptApplies(@TempDir Path dir) throws Exception {
        String sql = script(17, pg -> {});
        assertThat(sql)
                .contains("-- wal_compression: PgTune prefers lz4, which a server built without lz4 lacks")
                .contains("ALTER SYSTEM SET wal_compression = :'scaleplan_wal_compression';")
                .contains("\\set ON_ERROR_STOP on");
        MiniPsql.PsqlResult r = psql(dir, sql);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("wal_compression: this server lacks lz4, using pglz");
        assertThat(setting("wal_compression")).isEqualTo("pglz");
        for (Tuning.Tuned s : Tuning.settings(ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", x -> x.replicas(1))
                .postgres(pg -> pg.majorVersion(17).workload(Workload.OLTP).limits(cores(4), gib(16)))
                .build()
                .postgres()
                .orElseThrow())) {
            if (!s.name().equals("wal_compression")) {
                assertThat(setting(s.name())).as(s.name()).isEqualTo(s.value());
            }
        }
        // and over JDBC, statement by statement, the same
        resetAlterSystem();
        try (Connection c = connect()) {
            assertThat(MiniPsql.run(c, sql)).contains("wal_compression: this server lacks lz4, using pglz");
        }
        assertThat(setting("wal_compression")).isEqualTo("pglz");
        assertThat(setting("max_wal_size")).isEqualTo("8GB");
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
        assertThat(sql).contains("ALTER SYSTEM SET wal_compression = 'lz4';").doesNotContain("scaleplan_has_lz4");
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
