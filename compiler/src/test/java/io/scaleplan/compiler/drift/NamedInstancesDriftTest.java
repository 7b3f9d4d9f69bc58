package io.scaleplan.compiler.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.ExternalTools;
import io.scaleplan.compiler.diff.SemanticChange;
import io.scaleplan.compiler.emit.redis.RedisProcess;
import io.scaleplan.compiler.importer.ImportException;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Drift of the named instances of {@link Fixtures#dataTier()}, each against the output of its own
 * server ({@code --postgres orders=FILE}, {@code --redis cart=FILE}): a real PostgreSQL 17 started
 * with the "orders" instance's settings, a real redis-server with the "cart" instance's. Each
 * difference is named by the instance's own file; an instance with no output given is a note.
 */
class NamedInstancesDriftTest {
    private static final String QUERY = "SELECT name, setting, unit, pending_restart, sourcefile FROM pg_settings";
    private static final ScalingPlan PLAN = Fixtures.dataTier();

    @TempDir
    Path temp;

    @Test
    void theOrdersInstanceIsComparedWithItsOwnServerAndNamedByItsOwnScript() throws Exception {
        assumeTrue(ExternalTools.runs("psql", "--version"), "psql is not installed");
        Postgres orders = PLAN.namedPostgres().stream()
                .filter(p -> p.name().orElseThrow().equals("orders"))
                .findFirst()
                .orElseThrow();
        List<Tuning.Tuned> tuned = Tuning.settings(orders);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        tuned.stream()
                .filter(t -> !t.name().equals("work_mem"))
                .forEach(t -> builder.setServerConfig(t.name(), t.value()));
        try (EmbeddedPostgres server = builder.start()) {
            // in postgresql.auto.conf as well, as the in-chart script's ALTER SYSTEM leaves them
            alterSystem(
                    server,
                    tuned.stream().map(t -> t.name() + " = '" + t.value() + "'").toList());
            Path inSync = Files.writeString(temp.resolve("orders.txt"), waitFor(server, "work_mem|8192|kB"));

            DriftReport clean =
                    Drift.compare(PLAN, LiveState.read(List.of()).withInstances(Map.of("orders", inSync), Map.of()));
            assertThat(clean.changes()).isEmpty();
            assertThat(clean.notes())
                    .contains("PostgreSQL not compared: give psql's output of SELECT name, setting, unit,"
                            + " pending_restart, sourcefile FROM pg_settings")
                    .anyMatch(n -> n.startsWith("PostgreSQL billing not compared: give --postgres billing=FILE"))
                    .noneMatch(n -> n.startsWith("PostgreSQL orders"));

            alterSystem(server, List.of("work_mem = '64MB'"));
            Path edited = Files.writeString(temp.resolve("edited.txt"), waitFor(server, "work_mem|65536|kB"));
            DriftReport drifted =
                    Drift.compare(PLAN, LiveState.read(List.of()).withInstances(Map.of("orders", edited), Map.of()));
            assertThat(drifted.changes())
                    .containsExactly(new SemanticChange(
                            "sql/orders/10-settings.sql", "ALTER SYSTEM SET work_mem: '8MB' → '64MB'"));

            // the same server given as the managed billing instance: named by its parameters.conf, no ALTER SYSTEM
            DriftReport billing =
                    Drift.compare(PLAN, LiveState.read(List.of()).withInstances(Map.of("billing", inSync), Map.of()));
            assertThat(billing.changes())
                    .contains(new SemanticChange("sql/billing/parameters.conf", "max_connections: '200' → '208'"))
                    .allMatch(c -> c.subject().equals("sql/billing/parameters.conf"))
                    .noneMatch(c -> c.detail().contains("ALTER SYSTEM"));
        }
    }

    @Test
    void theCartCacheIsComparedWithItsOwnServerAndNamedByItsOwnScript() throws Exception {
        assumeTrue(ExternalTools.runs("redis-cli", "--version"), "redis-cli is not installed");
        // as redis-cart runs: no config file, the settings as the container's args
        try (RedisProcess redis = RedisProcess.startWithoutConfigFile(
                List.of("--maxmemory", "128mb", "--maxmemory-policy", "allkeys-lru"), temp)) {
            Path inSync = Files.writeString(temp.resolve("cart.txt"), configGet(redis.port()));
            DriftReport clean =
                    Drift.compare(PLAN, LiveState.read(List.of()).withInstances(Map.of(), Map.of("cart", inSync)));
            assertThat(clean.changes()).isEmpty();
            assertThat(clean.notes())
                    .anyMatch(n -> n.startsWith("Redis sessions not compared: give --redis sessions=FILE"))
                    .noneMatch(n -> n.startsWith("Redis cart"));

            try (Jedis jedis = new Jedis("localhost", redis.port())) {
                jedis.configSet("maxmemory-policy", "noeviction");
            }
            Path edited = Files.writeString(temp.resolve("edited.txt"), configGet(redis.port()));
            assertThat(Drift.compare(PLAN, LiveState.read(List.of()).withInstances(Map.of(), Map.of("cart", edited)))
                            .changes())
                    .containsExactly(
                            new SemanticChange("redis/cart/apply.redis", "maxmemory-policy: allkeys-lru → noeviction"));
            // the managed sessions cache: its policy is compared, its maxmemory is the node type's
            assertThat(Drift.compare(
                                    PLAN, LiveState.read(List.of()).withInstances(Map.of(), Map.of("sessions", inSync)))
                            .changes())
                    .containsExactly(new SemanticChange(
                            "redis/sessions/parameters.conf", "maxmemory-policy: volatile-lru → allkeys-lru"));
        }
    }

    @Test
    void aFileThatIsNotTheOutputItIsGivenAsIsAnError() throws Exception {
        Path hpa = Files.writeString(temp.resolve("hpa.yaml"), "kind: HorizontalPodAutoscaler\n");
        assertThatThrownBy(() -> LiveState.read(List.of()).withInstances(Map.of("orders", hpa), Map.of()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("--postgres orders: not psql's output");
        assertThatThrownBy(() -> LiveState.read(List.of()).withInstances(Map.of(), Map.of("cart", hpa)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("--redis cart: not the output of redis-cli CONFIG GET");
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
        String out = psql(server.getPort());
        for (int i = 0; i < 100 && !out.contains(row); i++) {
            Thread.sleep(100);
            out = psql(server.getPort());
        }
        assertThat(out).contains(row);
        return out;
    }

    private static String psql(int port) throws Exception {
        return run(
                "psql",
                "-X",
                "-h",
                "localhost",
                "-p",
                "" + port,
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-A",
                "-c",
                QUERY);
    }

    private static String configGet(int port) throws Exception {
        return run("redis-cli", "-p", Integer.toString(port), "CONFIG", "GET", "*");
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
