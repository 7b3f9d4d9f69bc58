package io.scaleplan.compiler.emit.apply;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.ScalingPlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart steps of every phase's APPLY.md, run in the order they are written against a real
 * PostgreSQL 17 primary and a real streaming hot standby (a copy of the stopped primary's data
 * directory with {@code standby.signal} and {@code primary_conninfo}; the embedded binaries have no
 * pg_basebackup). Each "pod restart" restarts that server with the phase's hot-standby settings,
 * as the pod recreated from the StatefulSet's new template would. After every phase the standby is
 * replaying ({@code pg_is_wal_replay_paused()} false, a row written on the primary arrives) with
 * the phase's values; the runbook's order (primary first on a raise) pauses it.
 */
class StandbyRestartOrderIT {
    @TempDir
    Path dir;

    private static ScalingPlan base(int maxConnections) {
        return ScalingPlan.builder("base")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.limits(cores(2), gib(4)).readReplicas(1).maxConnections(maxConnections))
                .build();
    }

    private static EventPlan event() {
        return EventPlan.builder("sale", base(100))
                .preScale(Duration.ofHours(1), p -> p.maxConnections(150))
                .postEvent(Duration.ofHours(1))
                .build();
    }

    @Test
    void everyPhaseLeavesTheStandbyReplayingWithThePhasesValues() throws Exception {
        EventPlan event = event();
        List<GeneratedFile> files = new PlanCompiler().compile(event).files();
        try (Cluster cluster = Cluster.start(dir, settings(event.base()))) {
            ScalingPlan before = event.base();
            for (var phase : event.phases()) {
                String apply = files.stream()
                        .filter(f -> f.path().equals("sale/" + phase.folder() + "/APPLY.md"))
                        .findFirst()
                        .orElseThrow()
                        .content();
                String steps = apply.substring(apply.indexOf("## Steps"), apply.indexOf("## Restarts"));
                Map<String, String> values = settings(phase.plan());
                List<String> order = restartOrder(steps);
                if (!settings(before).equals(values)) {
                    assertThat(order).as(phase.folder()).containsExactlyInAnyOrder("primary", "standby");
                }
                for (String server : order) {
                    cluster.restart(server, values);
                    String waitStep = "psql -v ON_ERROR_STOP=1 -c \"";
                    if (server.equals("primary") && steps.contains(waitStep)) {
                        // the step APPLY.md runs between the primary's restart and the replicas'
                        String line = steps.lines()
                                .filter(l -> l.startsWith(waitStep))
                                .findFirst()
                                .orElseThrow();
                        cluster.onPrimary(line.substring(waitStep.length(), line.length() - 1)
                                .replace("\\$", "$"));
                    }
                }
                cluster.assertReplaying(values.get("max_connections"));
                before = phase.plan();
            }
        }
    }

    @Test
    void thePrimaryFirstOnARaisePausesTheStandby() throws Exception {
        try (Cluster cluster = Cluster.start(dir, settings(base(100)))) {
            Map<String, String> raised = settings(base(150));
            cluster.restart("primary", raised);
            cluster.awaitPaused();
            cluster.restart("standby", raised);
            cluster.assertReplaying("150");
        }
    }

    /** The servers the APPLY.md steps restart, in order: each primary or read-replica pod. */
    private static List<String> restartOrder(String steps) {
        List<String> out = new ArrayList<>();
        for (String line : steps.lines().toList()) {
            if (line.contains(" delete pod ")) {
                String server = line.contains("-primary-") ? "primary" : "standby";
                if (!out.contains(server)) {
                    out.add(server);
                }
            }
        }
        return out;
    }

    /** The hot-standby settings the plan gives its PostgreSQL, as the chart's configuration has them. */
    private static Map<String, String> settings(ScalingPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tuning.Tuned t : Tuning.settings(plan.postgres().orElseThrow())) {
            if (Restarts.HOT_STANDBY.contains(t.name())) {
                out.put(t.name(), t.value());
            }
        }
        assertThat(out).containsKey(PgSetting.MAX_CONNECTIONS.name());
        return out;
    }

    /** A primary and one streaming standby, each restartable with other settings. */
    private static final class Cluster implements AutoCloseable {
        private final Path primaryData;
        private final Path standbyData;
        private final int primaryPort;
        private final int standbyPort;
        private EmbeddedPostgres primary;
        private EmbeddedPostgres standby;
        private int rows;

        private Cluster(Path root) throws IOException {
            this.primaryData = root.resolve("primary");
            this.standbyData = root.resolve("standby");
            this.primaryPort = freePort();
            this.standbyPort = freePort();
        }

        static Cluster start(Path root, Map<String, String> values) throws Exception {
            Cluster c = new Cluster(root);
            c.primary = c.server(c.primaryData, c.primaryPort, values, Map.of());
            try (Connection conn = c.connect(c.primaryPort);
                    Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE replayed (n int)");
            }
            c.primary.close();
            copy(c.primaryData, c.standbyData);
            Files.deleteIfExists(c.standbyData.resolve("postmaster.pid"));
            Files.createFile(c.standbyData.resolve("standby.signal"));
            // in the file: pg_ctl -o would split the value's spaces
            Files.writeString(
                    c.standbyData.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=127.0.0.1 port=" + c.primaryPort + " user=postgres'\n",
                    StandardOpenOption.APPEND);
            c.primary = c.server(c.primaryData, c.primaryPort, values, Map.of());
            c.standby = c.standby(values);
            c.assertReplaying(values.get("max_connections"));
            return c;
        }

        private EmbeddedPostgres standby(Map<String, String> values) throws IOException {
            return server(standbyData, standbyPort, values, Map.of());
        }

        private EmbeddedPostgres server(Path data, int port, Map<String, String> values, Map<String, String> extra)
                throws IOException {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            data.resolveSibling(data.getFileName() + ".log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            data.resolveSibling(data.getFileName() + ".log").toFile()))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("hot_standby", "on");
            values.forEach(b::setServerConfig);
            extra.forEach(b::setServerConfig);
            try {
                return b.start();
            } catch (IOException e) {
                Path log = data.resolveSibling(data.getFileName() + ".log");
                throw new IOException(e.getMessage() + "\n" + (Files.exists(log) ? Files.readString(log) : ""), e);
            }
        }

        void restart(String server, Map<String, String> values) throws IOException {
            if (server.equals("primary")) {
                primary.close();
                primary = server(primaryData, primaryPort, values, Map.of());
            } else {
                standby.close();
                standby = standby(values);
            }
        }

        /** The standby replays: not paused, a fresh row arrives, and it runs {@code maxConnections}. */
        void onPrimary(String sql) throws SQLException {
            try (Connection conn = connect(primaryPort);
                    Statement st = conn.createStatement()) {
                st.execute(sql);
            }
        }

        void assertReplaying(String maxConnections) throws Exception {
            rows++;
            try (Connection conn = connect(primaryPort);
                    Statement st = conn.createStatement()) {
                st.execute("INSERT INTO replayed VALUES (" + rows + ")");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (Connection conn = connect(standbyPort);
                    Statement st = conn.createStatement()) {
                while (true) {
                    try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(), pg_is_wal_replay_paused(),"
                            + " (SELECT count(*) FROM replayed), current_setting('max_connections')")) {
                        rs.next();
                        assertThat(rs.getBoolean(1))
                                .as("the standby is in recovery")
                                .isTrue();
                        assertThat(rs.getBoolean(2)).as("WAL replay is paused").isFalse();
                        assertThat(rs.getString(4)).isEqualTo(maxConnections);
                        if (rs.getInt(3) == rows) {
                            return;
                        }
                    }
                    assertThat(System.nanoTime())
                            .as("row %d replayed within 30 s", rows)
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }

        void awaitPaused() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (Connection conn = connect(standbyPort);
                    Statement st = conn.createStatement()) {
                while (true) {
                    try (ResultSet rs = st.executeQuery("SELECT pg_is_wal_replay_paused()")) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return;
                        }
                    }
                    assertThat(System.nanoTime())
                            .as("the standby pauses within 30 s")
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }

        private Connection connect(int port) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        }

        @Override
        public void close() throws IOException {
            if (standby != null) {
                standby.close();
            }
            if (primary != null) {
                primary.close();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }

        private static void copy(Path from, Path to) throws IOException {
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path p : paths.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    // directories too: PostgreSQL refuses a data directory readable by others
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
