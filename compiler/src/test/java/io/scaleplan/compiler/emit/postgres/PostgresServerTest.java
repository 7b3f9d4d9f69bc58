package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated SQL against a real PostgreSQL 17 (zonky's binaries, started once for the class):
 * each script runs as psql runs it, does what it says, and a second run changes nothing and fails
 * nothing. The catalogue's restart table, ranges and reserved words are checked against the
 * server's own {@code pg_settings} and {@code pg_get_keywords()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresServerTest {
    private static final int MAJOR = 17;
    private static EmbeddedPostgres server;
    private static Map<String, String> files;
    private static ScalingPlan plan;

    @BeforeAll
    static void start() throws IOException, SQLException {
        server = EmbeddedPostgres.builder().start();
        plan = ScalingPlan.builder("db-test")
                .helmRelease("arka", "./arka-engine")
                .suppress("SP132", "quoted names on purpose: the server must accept how they are written")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.majorVersion(MAJOR)
                        .workload(Workload.OLTP)
                        .limits(cores(4), gib(16))
                        .readReplicas(2)
                        .maxConnections(500)
                        .workMem(mib(64))
                        .set(PgSetting.DEFAULT_STATISTICS_TARGET, 250)
                        // zonky's binaries are built without lz4, PgTune's choice for 15+: state pglz
                        .set(PgSetting.WAL_COMPRESSION, "pglz")
                        .setting("log_min_duration_statement", "500ms")
                        .index("idx_usage_events_tenant_date", "usage_events", "tenant_id", "created_at")
                        .index("Idx Billing Order", "billing.Invoices", "order", "Total Cents")
                        .vacuumAnalyze("usage_events", "billing.Invoices"))
                .build();
        files = new LinkedHashMap<>();
        for (GeneratedFile f : new PlanCompiler().compile(plan).files()) {
            files.put(f.path().substring("db-test/".length()), f.content());
        }
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE usage_events (id bigserial PRIMARY KEY, tenant_id int, created_at timestamptz)");
            st.execute("INSERT INTO usage_events (tenant_id, created_at)"
                    + " SELECT 1, '2026-01-01' FROM generate_series(1, 3)");
            st.execute("CREATE SCHEMA billing");
            st.execute("CREATE TABLE billing.\"Invoices\" (\"order\" int, \"Total Cents\" bigint)");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    private static Postgres pg() {
        return plan.postgres().orElseThrow();
    }

    @Test
    @Order(1)
    void restartTableMatchesTheServersContextForEveryKey() throws SQLException {
        try (Connection c = connect()) {
            assertThat(PgCatalogue.restartTable(c, MAJOR))
                    .hasSize(PgSetting.all().size() - 2);
        }
    }

    @Test
    @Order(1)
    void theCommittedSettingsTableIsThisServersPgSettings() throws Exception {
        try (Connection c = connect()) {
            assertThat(PgSettingsTableTool.committed(MAJOR)).isEqualTo(PgSettingsTableTool.rows(c));
        }
    }

    @Test
    @Order(2)
    void rangesAndValuesMatchTheServer() throws SQLException {
        try (Connection c = connect()) {
            PgCatalogue.ranges(c, MAJOR);
        }
    }

    @Test
    @Order(3)
    void reservedWordsAreTheServers() throws SQLException {
        Set<String> server = new HashSet<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')")) {
            while (rs.next()) {
                server.add(rs.getString(1));
            }
        }
        assertThat(PgSql.RESERVED).isEqualTo(server);
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("SELECT quote_ident(?)")) {
            for (String name :
                    List.of("usage_events", "order", "Total Cents", "user", "tenant_id", "café", "a$b", "_x")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(PgSql.ident(name)).as(name).isEqualTo(rs.getString(1));
                }
            }
        }
    }

    @Test
    @Order(10)
    void settingsApplyAndASecondRunChangesNothing(@TempDir Path dir) throws Exception {
        String sql = files.get("sql/10-settings.sql");
        List<Tuning.Tuned> expected = Tuning.settings(pg());
        java.sql.Timestamp reloadedAfter;
        try (Connection c = connect()) {
            reloadedAfter = ConfigReload.loadTime(c);
            // the chart's configuration owns the settings; the script resets ALTER SYSTEM's
            ChartConfiguration.apply(
                    c, ChartConfiguration.extendedConfiguration(files.get("helm/postgresql-values.yaml")));
            MiniPsql.run(c, sql);
        }
        Map<String, String[]> fileSettings = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting, error FROM pg_file_settings"
                        + " WHERE sourcefile LIKE '%override.conf' ORDER BY seqno")) {
            while (rs.next()) {
                fileSettings.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_file_settings" + " WHERE sourcefile LIKE '%postgresql.auto.conf'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("ALTER SYSTEM values left").isZero();
        }
        for (Tuning.Tuned s : expected) {
            assertThat(fileSettings)
                    .as("the chart's override.conf has %s", s.name())
                    .containsKey(s.name());
            assertThat(fileSettings.get(s.name())[0]).as(s.name()).isEqualTo(s.value());
            // a changed postmaster setting waits for the restart: "setting could not be applied"
            String error = fileSettings.get(s.name())[1];
            if (error != null) {
                assertThat(s.requiresRestart(MAJOR)).as(s.name() + ": " + error).contains(true);
                assertThat(error).isEqualTo("setting could not be applied");
            }
        }
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT current_setting(name), pending_restart, context FROM pg_settings WHERE name = ?")) {
            ConfigReload.await(c, reloadedAfter);
            for (Tuning.Tuned s : expected) {
                st.setString(1, s.name());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).as(s.name()).isTrue();
                    boolean restart = s.requiresRestart(MAJOR).orElse(false);
                    if (!restart) {
                        assertThat(normalized(rs.getString(1))).as(s.name()).isEqualTo(normalized(s.value()));
                        assertThat(rs.getBoolean(2))
                                .as(s.name() + " pending_restart")
                                .isFalse();
                    } else if (!normalized(rs.getString(1)).equals(normalized(s.value()))) {
                        assertThat(rs.getBoolean(2))
                                .as(s.name() + " pending_restart")
                                .isTrue();
                    }
                }
            }
        }
        assertThat(sql)
                .contains("-- Take effect only after a restart (pg_settings.context = 'postmaster'):\n"
                        + "--   max_connections, shared_buffers, wal_buffers, huge_pages, max_worker_processes\n"
                        + "-- The others take effect");

        againChangesNothing(dir, "10-settings.sql", sql, PostgresServerTest::snapshot);
    }

    /** What a script may change, read from the server. */
    private interface State {
        List<String> read() throws SQLException;
    }

    /** Runs {@code sql} again over JDBC, then with psql where installed: {@code state} stays as it is. */
    private static void againChangesNothing(Path dir, String name, String sql, State state) throws Exception {
        List<String> before = state.read();
        try (Connection c = connect()) {
            MiniPsql.run(c, sql);
        }
        assertThat(state.read()).isEqualTo(before);
        if (MiniPsql.psqlAvailable()) {
            MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), MiniPsql.write(dir, name, sql));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(state.read()).isEqualTo(before);
        }
    }

    /** PostgreSQL shows 64MB as "64MB" and 4GB as "4GB"; compare case-blind, without quotes. */
    private static String normalized(String value) {
        return value.replace("'", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Every setting's value and pending_restart, and every line of the configuration files. */
    private static List<String> snapshot() throws SQLException {
        List<String> out =
                new ArrayList<>(rows("SELECT name, setting, pending_restart FROM pg_settings ORDER BY name"));
        out.addAll(rows("SELECT sourcefile, seqno, name, setting FROM pg_file_settings ORDER BY sourcefile, seqno"));
        return out;
    }

    @Test
    @Order(20)
    void indexesReplaceAnInvalidLeftoverAndASecondRunChangesNothing(@TempDir Path dir) throws Exception {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            // A failed concurrent build: the duplicates break UNIQUE and leave the index INVALID.
            assertThatThrownBy(() -> st.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_usage_events_tenant_date"
                            + " ON usage_events (tenant_id, created_at)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not create unique index");
        }
        assertThat(indexes()).containsExactly("idx_usage_events_tenant_date valid=false unique=true");

        String sql = files.get("sql/20-indexes.sql");
        try (Connection c = connect()) {
            MiniPsql.run(c, sql);
        }
        assertThat(indexes())
                .containsExactly(
                        "Idx Billing Order valid=true unique=false",
                        "idx_usage_events_tenant_date valid=true unique=false");
        assertThat(definitions())
                .contains(
                        "CREATE INDEX idx_usage_events_tenant_date ON public.usage_events USING btree (tenant_id,"
                                + " created_at)",
                        "CREATE INDEX \"Idx Billing Order\" ON billing.\"Invoices\" USING btree (\"order\", \"Total"
                                + " Cents\")");
        againChangesNothing(dir, "20-indexes.sql", sql, PostgresServerTest::oids);
        if (MiniPsql.psqlAvailable()) {
            // and psql itself takes the \if branch: break the index again, psql replaces it
            try (Connection c = connect();
                    Statement st = c.createStatement()) {
                st.execute("DROP INDEX idx_usage_events_tenant_date");
                assertThatThrownBy(() -> st.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_usage_events_tenant_date"
                                + " ON usage_events (tenant_id, created_at)"))
                        .isInstanceOf(SQLException.class);
            }
            MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), dir.resolve("20-indexes.sql"));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("DROP INDEX");
            assertThat(indexes()).contains("idx_usage_events_tenant_date valid=true unique=false");
        }
    }

    /** Each row of {@code sql} as its columns joined by blanks. */
    private static List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static List<String> indexes() throws SQLException {
        return rows("SELECT c.relname, 'valid=' || i.indisvalid, 'unique=' || i.indisunique FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE '%dx%' ORDER BY 1");
    }

    private static List<String> definitions() throws SQLException {
        return rows("SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%dx%'");
    }

    private static List<String> oids() throws SQLException {
        return rows("SELECT relname, oid FROM pg_class WHERE relkind = 'i' AND relname LIKE '%dx%' ORDER BY 1");
    }

    @Test
    @Order(30)
    void maintenanceVacuumsAndAnalyzesTwice(@TempDir Path dir) throws Exception {
        String sql = files.get("sql/30-maintenance.sql");
        assertThat(sql).contains("VACUUM (ANALYZE) usage_events;\n", "VACUUM (ANALYZE) billing.\"Invoices\";\n");
        for (int run = 0; run < 2; run++) {
            try (Connection c = connect()) {
                MiniPsql.run(c, sql);
            }
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN"
                        + " ('usage_events', 'Invoices') AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        if (MiniPsql.psqlAvailable()) {
            MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), MiniPsql.write(dir, "30-maintenance.sql", sql));
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
    }

    @Test
    @Order(40)
    void checksRunWithoutPgStatStatements(@TempDir Path dir) throws Exception {
        String sql = files.get("sql/checks.sql");
        assertThat(sql).contains("mean_exec_time, total_exec_time").doesNotContain("mean_time,");
        try (Connection c = connect()) {
            assertThat(MiniPsql.run(c, sql))
                    .containsExactly(
                            "pg_stat_statements is not installed or not in shared_preload_libraries: no slow-query report");
        }
        assumeTrue(MiniPsql.psqlAvailable(), "psql is not installed: checked over JDBC only");
        MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), MiniPsql.write(dir, "checks.sql", sql));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("max_connections", "no slow-query report");
    }
}
