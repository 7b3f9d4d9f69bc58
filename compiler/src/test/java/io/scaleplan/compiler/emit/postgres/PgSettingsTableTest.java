package io.scaleplan.compiler.emit.postgres;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.resolve.PgSettingsTable;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import org.junit.jupiter.api.Test;

/**
 * The committed restart table ({@code pg-settings.tsv}, from real servers) against the DSL's typed
 * keys for every supported major, and custom settings getting their real context. The table itself
 * is checked against live 17 and 18 servers in {@code PostgresServerTest} and {@code Postgres18Test}.
 */
class PgSettingsTableTest {

    @Test
    void everyTypedKeysRestartFlagIsTheContextRealServersReportForEveryMajor() {
        int checked = 0;
        for (int major = Postgres.OLDEST_MAJOR; major <= Postgres.NEWEST_MAJOR; major++) {
            for (PgSetting<?> key : PgSetting.all()) {
                if (!key.existsIn(major)) {
                    assertThat(PgSettingsTable.row(major, key.name()))
                            .as(key + " in " + major)
                            .isEmpty();
                    continue;
                }
                assertThat(PgSettingsTable.requiresRestart(major, key.name()))
                        .as(key + " in PostgreSQL " + major)
                        .contains(key.requiresRestart(major));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * PgSetting.all().size() - 5 * 2); // io_method, io_workers: 18 only
    }

    @Test
    void theTableCoversEveryMajorAndKnowsContextsThatChangedBetweenThem() {
        for (int major = Postgres.OLDEST_MAJOR; major <= Postgres.NEWEST_MAJOR; major++) {
            assertThat(PgSettingsTable.requiresRestart(major, "shared_preload_libraries"))
                    .as("" + major)
                    .contains(true);
            assertThat(PgSettingsTable.requiresRestart(major, "log_min_duration_statement"))
                    .as("" + major)
                    .contains(false);
        }
        assertThat(PgSettingsTable.requiresRestart(17, "autovacuum_max_workers"))
                .contains(true);
        assertThat(PgSettingsTable.requiresRestart(18, "autovacuum_max_workers"))
                .contains(false);
        assertThat(PgSettingsTable.row(14, "wal_compression").orElseThrow().vartype())
                .isEqualTo("bool");
        assertThat(PgSettingsTable.row(15, "wal_compression").orElseThrow().vartype())
                .isEqualTo("enum");
        assertThat(PgSettingsTable.row(17, "pg_stat_statements.max")).isEmpty();
    }

    private static String settingsSql(int major) {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg -> pg.majorVersion(major)
                        .workload(Workload.OLTP)
                        .limits(cores(4), gib(16))
                        .setting("shared_preload_libraries", "pg_stat_statements")
                        .setting("log_min_duration_statement", "500ms")
                        .setting("pg_stat_statements.max", "5000"))
                .build();
        Postgres pg = plan.postgres().orElseThrow();
        return PostgresEmitter.settingsSql(plan, pg, Tuning.settings(pg));
    }

    @Test
    void customSettingsGetTheirRealContext() {
        // shared_preload_libraries is postmaster: it needs a restart and is listed with the others;
        // only an extension's parameter stays unknown.
        assertThat(settingsSql(17))
                .contains("-- Take effect only after a restart (pg_settings.context = 'postmaster'):\n"
                        + "--   max_connections, shared_buffers, wal_buffers, huge_pages, max_worker_processes,"
                        + " shared_preload_libraries\n"
                        + "-- Not built into PostgreSQL (an extension's), context unknown to scaleplan (see"
                        + " pg_settings.context):\n"
                        + "--   pg_stat_statements.max\n");
        assertThat(settingsSql(13)).contains(" shared_preload_libraries\n");
    }
}
