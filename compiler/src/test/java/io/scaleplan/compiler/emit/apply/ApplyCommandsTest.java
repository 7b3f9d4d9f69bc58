package io.scaleplan.compiler.emit.apply;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.ExternalTools;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.postgres.ChartConfiguration;
import io.scaleplan.compiler.emit.redis.RedisProcess;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.ScalingPlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The psql and redis-cli steps of a plan's APPLY.md, run as written by bash from the folder that
 * holds generated/, against a real PostgreSQL 17 and a real redis-server.
 */
class ApplyCommandsTest {
    @TempDir
    Path dir;

    @Test
    void theDataTierStepsRunAsWrittenAndDoWhatThePlanSays() throws Exception {
        assumeTrue(ExternalTools.runs("psql", "--version"), "psql is not installed");
        assumeTrue(ExternalTools.runs("redis-cli", "--version"), "redis-cli is not installed");
        ScalingPlan plan = ScalingPlan.builder("data")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.limits(cores(2), gib(8))
                        .maxConnections(200)
                        .set(PgSetting.WAL_COMPRESSION, "pglz")
                        .index("idx_events_tenant", "events", "tenant_id")
                        .vacuumAnalyze("events"))
                .redis(r -> r.maxmemory(gib(1)).evictionPolicy(EvictionPolicy.ALLKEYS_LRU))
                .build();
        String apply = null;
        for (GeneratedFile f : new PlanCompiler().compile(plan).files()) {
            Path p = dir.resolve(ApplyInstructions.OUTPUT).resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content());
            if (f.path().equals("data/APPLY.md")) {
                apply = f.content();
            }
        }
        String steps = apply.substring(apply.indexOf("## Steps"), apply.indexOf("## Restarts"));
        List<String> commands = steps.lines()
                .filter(l -> l.startsWith("psql ") || l.startsWith("redis-cli "))
                .toList();
        assertThat(commands)
                .containsExactly(
                        "psql -v ON_ERROR_STOP=1 -f generated/data/sql/10-settings.sql",
                        "psql -v ON_ERROR_STOP=1 -f generated/data/sql/20-indexes.sql",
                        "psql -v ON_ERROR_STOP=1 -f generated/data/sql/30-maintenance.sql",
                        "redis-cli -h \"$REDIS_HOST\" -p \"${REDIS_PORT:-6379}\" < generated/data/redis/apply.redis");

        Files.writeString(dir.resolve("redis.conf"), "appendonly no\n");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                RedisProcess redis = RedisProcess.start(dir.resolve("redis.conf"), dir)) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE events (id bigserial PRIMARY KEY, tenant_id int)");
            }
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                // the chart's path: the Bitnami overlay's configuration, which owns the settings
                ChartConfiguration.apply(
                        c,
                        ChartConfiguration.extendedConfiguration(
                                Files.readString(dir.resolve("generated/data/helm/postgresql-values.yaml"))));
            }
            for (String command : commands) {
                ProcessBuilder b = new ProcessBuilder("bash", "-c", command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true);
                b.environment().put("PGHOST", "localhost");
                b.environment().put("PGPORT", Integer.toString(pg.getPort()));
                b.environment().put("PGUSER", "postgres");
                b.environment().put("PGDATABASE", "postgres");
                b.environment().put("REDIS_HOST", "127.0.0.1");
                b.environment().put("REDIS_PORT", Integer.toString(redis.port()));
                Process p = b.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(command + "\n" + out).isZero();
            }
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT setting, pending_restart FROM pg_settings" + " WHERE name = 'max_connections'")) {
                rs.next();
                // the chart's configuration says 200; the running server keeps its value until the restart
                assertThat(rs.getBoolean("pending_restart")).isTrue();
            }
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_events_tenant'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "1073741824");
                assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            }
        }
        assertThat(apply).contains("PostgreSQL has no read replicas: `helm upgrade` rolls its pod");
    }
}
