package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ScalingPlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * One mechanism per setting, on a real PostgreSQL 17: the chart's configuration owns every setting
 * and 10-settings.sql removes ALTER SYSTEM values of them. A setting applied as version 1 through
 * both paths (postgresql.conf from the chart and ALTER SYSTEM, as scripts before this did), then as
 * version 2 through the declared path, ends at version 2; and a later version 3 that reaches the
 * server through the chart alone (a GitOps sync) is in force too.
 */
class SettingsOwnershipTest {

    private static ScalingPlan plan(int workMemMib) {
        return ScalingPlan.builder("owner")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.limits(cores(2), gib(8)).workMem(mib(workMemMib)))
                .build();
    }

    private static String file(ScalingPlan plan, String path) {
        return new PlanCompiler()
                .compile(plan).files().stream()
                        .filter(f -> f.path().equals("owner/" + path))
                        .map(GeneratedFile::content)
                        .findFirst()
                        .orElseThrow();
    }

    private static String chartConf(ScalingPlan plan) throws Exception {
        return ChartConfiguration.extendedConfiguration(file(plan, "helm/postgresql-values.yaml"));
    }

    @Test
    void aSettingAppliedTwiceThroughBothPathsEndsAtTheNewerValue() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Connection c = server.getPostgresDatabase().getConnection()) {
            // version 1 through both paths: the chart's postgresql.conf and ALTER SYSTEM
            ChartConfiguration.apply(c, chartConf(plan(32)));
            run(c, "ALTER SYSTEM SET work_mem = '32MB'");
            reload(c);
            assertThat(workMem(c)).isEqualTo("32MB");

            // version 2 through the chart alone would leave version 1 in force: ALTER SYSTEM wins
            ChartConfiguration.apply(c, chartConf(plan(64)));
            reload(c);
            assertThat(workMem(c)).isEqualTo("32MB");

            // version 2 through the declared path: the chart, then 10-settings.sql
            Timestamp before = ConfigReload.loadTime(c);
            MiniPsql.run(c, file(plan(64), "sql/10-settings.sql"));
            ConfigReload.await(c, before);
            // the session applies the reloaded file at its next command: give it a moment, bounded
            for (int i = 0; i < 50 && !workMem(c).equals("64MB"); i++) {
                Thread.sleep(100);
            }
            assertThat(workMem(c)).isEqualTo("64MB");

            // version 3 through the chart alone (a GitOps sync): in force, nothing older wins
            ChartConfiguration.apply(c, chartConf(plan(48)));
            reload(c);
            assertThat(workMem(c)).isEqualTo("48MB");
        }
    }

    private static void reload(Connection c) throws Exception {
        Timestamp before = ConfigReload.loadTime(c);
        run(c, "SELECT pg_reload_conf()");
        ConfigReload.await(c, before);
    }

    private static void run(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String workMem(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('work_mem')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
