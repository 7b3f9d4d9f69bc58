package io.scaleplan.compiler.emit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.testing.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL instances of {@link Fixtures#dataTier()} on two real PostgreSQL 17 clusters: the
 * Bitnami release's scripts ({@code sql/}) on one, the in-chart instance's ({@code sql/orders/},
 * ALTER SYSTEM) on the other, each run as psql runs it (the real psql where installed) and twice;
 * the managed instance's {@code parameters.conf} values, in the unit each parameter takes, are
 * accepted by a real server and mean the plan's values.
 */
class PostgresInstancesIT {
    @TempDir
    static Path dir;

    private static EmbeddedPostgres bitnami;
    private static EmbeddedPostgres inChart;
    private static Map<String, String> files;

    @BeforeAll
    static void start() throws Exception {
        bitnami = EmbeddedPostgres.builder().start();
        inChart = EmbeddedPostgres.builder().start();
        files = new LinkedHashMap<>();
        for (GeneratedFile f : new PlanCompiler().compile(Fixtures.dataTier()).files()) {
            files.put(f.path().substring("data-tier/".length()), f.content());
        }
        try (Connection c = bitnami.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE carts (id bigserial PRIMARY KEY, customer_id int)");
        }
        try (Connection c = inChart.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (bitnami != null) {
            bitnami.close();
        }
        if (inChart != null) {
            inChart.close();
        }
    }

    @Test
    void eachInstanceGetsItsOwnScriptsInItsOwnFolder() {
        assertThat(files)
                .containsKeys("sql/10-settings.sql", "sql/orders/10-settings.sql", "sql/billing/parameters.conf")
                .doesNotContainKeys(
                        "sql/billing/10-settings.sql", "helm/orders-values.yaml", "helm/billing-values.yaml");
        assertThat(files.get("sql/10-settings.sql")).contains("ALTER SYSTEM RESET work_mem;");
        assertThat(files.get("sql/orders/10-settings.sql"))
                .contains("ALTER SYSTEM SET work_mem = '8MB';")
                .doesNotContain("ALTER SYSTEM RESET");
        assertThat(files.get("sql/billing/parameters.conf")).doesNotContain("ALTER SYSTEM SET");
    }

    @Test
    void theBitnamiScriptsRunOnTheFirstCluster() throws Exception {
        for (String name : List.of("10-settings.sql", "20-indexes.sql", "30-maintenance.sql")) {
            runTwice(bitnami, "sql/" + name);
        }
        try (Connection c = bitnami.getPostgresDatabase().getConnection()) {
            assertThat(one(c, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_carts_customer'"))
                    .isEqualTo("1");
            assertThat(autoConf(c)).doesNotContain("work_mem").doesNotContain("max_connections");
            assertThat(one(c, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_orders_customer'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void theInChartScriptsSetEachSettingWithAlterSystemOnTheSecondCluster() throws Exception {
        runTwice(inChart, "sql/orders/10-settings.sql");
        try (Connection c = inChart.getPostgresDatabase().getConnection()) {
            String first = autoConf(c);
            assertThat(first).contains("work_mem = '8MB'", "max_connections = '208'", "shared_buffers = '256MB'");
            assertThat(one(c, "SHOW work_mem")).isEqualTo("8MB");
            assertThat(one(c, "SELECT pending_restart FROM pg_settings WHERE name = 'shared_buffers'"))
                    .isEqualTo("t");
            assertThat(one(c, "SELECT pending_restart FROM pg_settings WHERE name = 'max_connections'"))
                    .isEqualTo("t");
            MiniPsql.run(c, files.get("sql/orders/10-settings.sql"));
            assertThat(autoConf(c)).isEqualTo(first);
        }
        runTwice(inChart, "sql/orders/20-indexes.sql");
        runTwice(inChart, "sql/orders/30-maintenance.sql");
        try (Connection c = inChart.getPostgresDatabase().getConnection()) {
            assertThat(one(c, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_orders_customer'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void theManagedParameterValuesAreAcceptedAndMeanThePlansValues() throws Exception {
        EmbeddedPostgres scratch = EmbeddedPostgres.builder().start();
        try (scratch;
                Connection c = scratch.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            Matcher comment = Pattern.compile("(?m)^# ([a-z_]+) in (\\S+) \\((\\S+)\\);.*\\n\\1 = (\\S+)$")
                    .matcher(files.get("sql/billing/parameters.conf"));
            List<String> converted = new ArrayList<>();
            while (comment.find()) {
                String name = comment.group(1);
                String original = comment.group(3);
                String plain = comment.group(4);
                assertThat(plain).matches("[0-9]+");
                st.execute("ALTER SYSTEM SET " + name + " = '" + plain + "'");
                // the plain number and the plan's value with its unit are one value to this server
                st.execute("ALTER SYSTEM SET " + name + " = '" + original + "'");
                String withUnit = fileSetting(c, name);
                st.execute("ALTER SYSTEM SET " + name + " = '" + plain + "'");
                String withoutUnit = fileSetting(c, name);
                assertThat(withoutUnit).as(name).isEqualTo(withUnit);
                converted.add(name);
            }
            assertThat(converted).contains("shared_buffers", "work_mem", "max_wal_size", "effective_cache_size");
            for (String line : files.get("sql/billing/parameters.conf").split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] kv = line.split(" = ", 2);
                    st.execute("ALTER SYSTEM SET " + kv[0] + " = '" + kv[1] + "'");
                }
            }
            st.execute("SELECT pg_reload_conf()");
            // ALTER SYSTEM has checked each value; the file has no other error than the postmaster
            // settings' wait for a restart
            assertThat(one(
                            c,
                            "SELECT count(*) FROM pg_file_settings WHERE error IS NOT NULL"
                                    + " AND error <> 'setting could not be applied'"))
                    .isEqualTo("0");
            assertThat(one(c, "SELECT count(*) FROM pg_file_settings WHERE error = 'setting could not be applied'"))
                    .isEqualTo("4"); // max_connections, shared_buffers, wal_buffers, max_worker_processes
            assertThat(one(c, "SHOW work_mem")).isEqualTo("20560kB");
        }
    }

    /** The value {@code name} takes from postgresql.auto.conf, as the server reads it, in its own unit. */
    private static String fileSetting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
        // a postmaster setting cannot be SET: read the file's text and let the server's own
        // pg_size_bytes turn a value with a memory unit into the parameter's unit
        return one(
                c,
                "SELECT CASE WHEN s.unit IS NULL THEN f.setting ELSE"
                        + " trim_scale(CASE WHEN f.setting ~ '^[0-9]+$' THEN f.setting::numeric"
                        + " ELSE pg_size_bytes(f.setting)::numeric / pg_size_bytes('1' || CASE s.unit WHEN '8kB' THEN"
                        + " 'kB' ELSE s.unit END) / CASE s.unit WHEN '8kB' THEN 8 ELSE 1 END END)::text END"
                        + " FROM pg_file_settings f JOIN pg_settings s USING (name)"
                        + " WHERE f.name = '" + name + "' AND f.sourcefile LIKE '%postgresql.auto.conf'"
                        + " ORDER BY f.seqno DESC LIMIT 1");
    }

    private static void runTwice(EmbeddedPostgres server, String path) throws Exception {
        String sql = files.get(path);
        if (MiniPsql.psqlAvailable()) {
            Path file = MiniPsql.write(dir, path.replace('/', '-'), sql);
            for (int i = 0; i < 2; i++) {
                MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), file);
                assertThat(r.exitCode()).as(r.output()).isZero();
                assertThat(r.output()).doesNotContain("ERROR");
            }
        } else {
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                MiniPsql.run(c, sql);
                MiniPsql.run(c, sql);
            }
        }
    }

    private static String autoConf(Connection c) throws Exception {
        return Files.readString(Path.of(one(c, "SHOW data_directory")).resolve("postgresql.auto.conf"));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
