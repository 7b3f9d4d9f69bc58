package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.cli.Main;
import io.scaleplan.compiler.drift.Drift;
import io.scaleplan.compiler.drift.DriftReport;
import io.scaleplan.compiler.drift.LiveState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scaleplan drift} against what a cluster running production says: {@code kubectl get
 * hpa,pdb,deploy -o yaml} (status, managedFields and the API server's defaulted behavior included),
 * psql's pg_settings with pending_restart, redis-cli CONFIG GET. In sync, nothing is reported; after
 * a hand patch of maxReplicas and an ALTER SYSTEM of max_connections waiting for a restart, both are.
 */
class DriftTest {
    private static final Path FIXTURES = Path.of("src/test/resources/drift");

    private static List<Path> live(String state) {
        Path dir = FIXTURES.resolve(state);
        return List.of(
                dir.resolve("kubectl-get.yaml"), dir.resolve("pg_settings.txt"), dir.resolve("redis-config-get.txt"));
    }

    @Test
    void aClusterAsThePlanSaysHasNoDrift() {
        DriftReport report = Drift.compare(new Production().define(), LiveState.read(live("in-sync")));

        assertThat(report.changes()).isEmpty();
        assertThat(report.render())
                .isEqualTo("production: no drift between the plan (left) and the live estate (right)\n");
    }

    @Test
    void aHandPatchedClusterShowsMaxReplicasAndThePendingRestart() {
        DriftReport report = Drift.compare(new Production().define(), LiveState.read(live("hand-patched")));

        assertThat(report.render())
                .isEqualTo(
                        """
                production: 2 differences between the plan (left) and the live estate (right)
                  production · usage-metering HPA · spec.maxReplicas: 20 → 50
                  production · sql/10-settings.sql · ALTER SYSTEM SET max_connections: pending restart (the server runs '300'; a changed value waits for a restart)
                """);
    }

    @Test
    void theCommandExitsLikeCheck() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = live("hand-patched").stream()
                .flatMap(p -> java.util.stream.Stream.of("--live", p.toString()))
                .toArray(String[]::new);
        String[] command = new String[args.length + 2];
        command[0] = "drift";
        command[1] = "production";
        System.arraycopy(args, 0, command, 2, args.length);

        int drifted = Main.run(new PrintWriter(out), new PrintWriter(err), command);
        command[3] = live("in-sync").get(0).toString();
        command[5] = live("in-sync").get(1).toString();
        int inSync = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), command);

        assertThat(drifted).isEqualTo(1);
        assertThat(out.toString()).contains("production · usage-metering HPA · spec.maxReplicas: 20 → 50");
        assertThat(inSync).isZero();
    }

    @Test
    void anInstanceThePlanDoesNotHaveIsAUsageError() {
        StringWriter err = new StringWriter();
        Path pg = live("in-sync").get(1);
        int code = Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "drift",
                "production",
                "--live",
                live("in-sync").get(0).toString(),
                "--postgres",
                "orders=" + pg);

        assertThat(code).isEqualTo(64);
        assertThat(err.toString())
                .contains("error: --postgres orders: plan production has no PostgreSQL instance orders (it has no"
                        + " named ones)");
    }
}
