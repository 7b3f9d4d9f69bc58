package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.dsl.ScalingPlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checks.sql} where pg_stat_statements is loaded and installed: the slow-query report runs
 * with PostgreSQL 13+'s column names against a real server (PostgresServerTest covers the server
 * without it).
 */
class PgStatStatementsTest {
    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION pg_stat_statements");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String checks() {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.instance(2, gib(4)))
                .build();
        return PostgresEmitter.checksSql(plan, plan.postgres().orElseThrow());
    }

    @Test
    void slowQueryReportRunsOverJdbc() throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            assertThat(MiniPsql.run(c, checks())).isEmpty();
        }
    }

    @Test
    void slowQueryReportRunsInPsql(@TempDir Path dir) throws Exception {
        assumeTrue(MiniPsql.psqlAvailable(), "psql is not installed: checked over JDBC only");
        MiniPsql.PsqlResult r = MiniPsql.psql(server.getPort(), MiniPsql.write(dir, "checks.sql", checks()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("mean_exec_time", "total_exec_time").doesNotContain("no slow-query report");
    }
}
