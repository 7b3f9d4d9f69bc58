package io.scaleplan.compiler.emit.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.DataTierFiles;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.PgTune;
import io.scaleplan.compiler.resolve.PostgresSettings;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Index;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code postgres} target: the Bitnami {@code postgresql} values overlay and the SQL a DBA runs
 * with {@code psql -v ON_ERROR_STOP=1 -f FILE}, each script safe to run twice.
 *
 * <ul>
 *   <li>{@code helm/<release>-values.yaml}: {@code architecture}, {@code primary.extendedConfiguration},
 *       {@code primary.resources} and the same for {@code readReplicas} (a standby needs settings
 *       such as max_connections at least as large as its primary's, and ALTER SYSTEM on the primary
 *       never reaches it); with read replicas, both StatefulSets update {@code OnDelete}, so that
 *       APPLY.md restarts them in the order replication needs.
 *   <li>{@code sql/10-settings.sql}: per setting, its value and where it came from, and {@code ALTER
 *       SYSTEM RESET}: the chart's configuration owns every setting, and an older {@code ALTER
 *       SYSTEM} value would win over it; then {@code SELECT pg_reload_conf();}; the header lists
 *       what needs a restart.
 *   <li>{@code sql/20-indexes.sql}: per index, drops a leftover of that name that an earlier failed
 *       concurrent build left INVALID, then {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}.
 *   <li>{@code sql/30-maintenance.sql}: {@code VACUUM (ANALYZE)} of the named tables.
 *   <li>{@code sql/checks.sql}: the runbook's connection count and slow-query report, the latter
 *       only where pg_stat_statements is installed and loaded.
 * </ul>
 */
public final class PostgresEmitter implements Target {
    private static final String RUN = "Run with: psql -v ON_ERROR_STOP=1 -f ";

    /** The target's name. */
    public static final String NAME = "postgres";

    /** The scripts' folder below the plan's. */
    public static final String SQL = "sql/";

    /** The runbook's checks, which APPLY.md's watch section runs rather than its steps. */
    public static final String CHECKS = SQL + "checks.sql";

    @Override
    public String name() {
        return NAME;
    }

    /** The folder of {@code pg}'s scripts below the plan's: {@code sql/}, or {@code sql/<name>/} for a named instance. */
    public static String folder(Postgres pg) {
        return DataTierFiles.sqlFolder(pg);
    }

    /** The path of {@code pg}'s runbook checks. */
    public static String checks(Postgres pg) {
        return folder(pg) + "checks.sql";
    }

    /** The path of a managed {@code pg}'s parameter values. */
    public static String parameters(Postgres pg) {
        return folder(pg) + ManagedParameters.FILE;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        List<Document> out = new ArrayList<>();
        for (PostgresSettings tuned : resolved.databases()) {
            Postgres pg = tuned.postgres();
            List<Tuning.Tuned> settings = tuned.all();
            String dir = folder(pg);
            if (pg.hosting() instanceof Hosting.InChart c) {
                out.add(Document.text(NAME, "Sql", dir + "10-settings.sql", alterSystemSql(plan, pg, c, settings)));
            } else if (pg.hosting() instanceof Hosting.Managed m) {
                out.add(Document.text(
                        NAME, "Parameters", parameters(pg), ManagedParameters.postgres(plan, pg, m, settings)));
            } else {
                out.add(Document.tree(
                        NAME,
                        "HelmValues",
                        pg.release(),
                        HelmCommands.valuesPath(pg.release()),
                        Headers.comment("#", plan),
                        values(pg, settings)));
                out.add(Document.text(NAME, "Sql", dir + "10-settings.sql", settingsSql(plan, pg, settings)));
            }
            out.add(Document.text(NAME, "Sql", dir + "20-indexes.sql", indexesSql(plan, pg)));
            out.add(Document.text(NAME, "Sql", dir + "30-maintenance.sql", maintenanceSql(plan, pg)));
            out.add(Document.text(NAME, "Sql", checks(pg), checksSql(plan, pg)));
        }
        return out;
    }

    @Override
    public List<ApplyStep> applySteps(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        ScalingPlan plan = resolved.plan();
        List<ApplyStep> out = new ArrayList<>();
        for (Postgres pg : plan.databases()) {
            if (pg.isBitnami()) {
                out.add(new ApplyStep(
                        ApplyStep.Stage.DATA_RELEASES,
                        List.of(
                                "# " + pg.title() + " (Bitnami chart): resources, read replicas, configuration",
                                HelmCommands.upgrade(
                                        pg.release(), HelmCommands.bitnami("postgresql"), plan.namespace(), folder))));
            } else if (pg.hosting() instanceof Hosting.Managed m) {
                out.add(new ApplyStep(ApplyStep.Stage.DATA_RELEASES, ManagedParameters.postgresStep(pg, m, folder)));
            }
        }
        for (Postgres pg : plan.databases()) {
            String dir = folder(pg);
            List<String> sql = documents.stream()
                    .map(Document::path)
                    .filter(p -> p.startsWith(dir)
                            && p.indexOf('/', dir.length()) < 0
                            && p.endsWith(".sql")
                            && !p.equals(checks(pg)))
                    .sorted()
                    .toList();
            if (sql.isEmpty()) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            if (pg.hosting() instanceof Hosting.InChart c) {
                commands.add("# " + pg.title() + " (in the team's chart, workload " + c.workload()
                        + "), with PGHOST, PGUSER and PGDATABASE set for it: 10-settings.sql sets each setting with"
                        + " ALTER SYSTEM and reloads (its header lists those that wait for a restart of "
                        + c.workload() + "'s pods), then indexes and maintenance");
            } else if (pg.hosting() instanceof Hosting.Managed m) {
                commands.add("# " + pg.title() + " (" + m.describe()
                        + "), with PGHOST, PGUSER and PGDATABASE set for it: indexes and maintenance (its settings are"
                        + " the " + m.service().parameters() + " above, never ALTER SYSTEM)");
            } else {
                commands.add("# " + pg.title()
                        + ", with PGHOST, PGUSER and PGDATABASE set for the primary: 10-settings.sql removes"
                        + " ALTER SYSTEM values (the chart's configuration, on the primary and every read replica, owns"
                        + " the settings), then indexes and maintenance");
            }
            sql.forEach(p -> commands.add("psql -v ON_ERROR_STOP=1 -f " + Shell.word(folder.command(p))));
            out.add(new ApplyStep(ApplyStep.Stage.DATA_SCRIPTS, commands));
        }
        return out;
    }

    @Override
    public List<String> watchCommands(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        List<String> out = new ArrayList<>();
        for (Postgres pg : resolved.plan().databases()) {
            String checks = checks(pg);
            documents.stream()
                    .filter(d -> d.path().equals(checks))
                    .forEach(d -> out.add("psql -v ON_ERROR_STOP=1 -f " + Shell.word(folder.command(checks))));
        }
        return out;
    }

    private static ObjectNode values(Postgres pg, List<Tuning.Tuned> settings) {
        StringBuilder conf = new StringBuilder();
        for (Tuning.Tuned s : settings) {
            conf.append(s.name()).append(" = ").append(PgSql.literal(s.value())).append('\n');
        }
        ObjectNode values = Yaml.object();
        values.put("architecture", pg.readReplicas() > 0 ? "replication" : "standalone");
        for (String role : List.of("primary", "readReplicas")) {
            if (role.equals("readReplicas") && pg.readReplicas() == 0) {
                continue;
            }
            ObjectNode node = values.putObject(role);
            if (role.equals("readReplicas")) {
                node.put("replicaCount", pg.readReplicas());
            }
            node.put("extendedConfiguration", conf.toString());
            if (!pg.resources().isEmpty()) {
                node.set("resources", KubeValues.resources(pg.resources()));
            }
            if (pg.readReplicas() > 0) {
                // APPLY.md restarts the pods in the order replication needs (replicas first on a
                // raise of a hot-standby setting, the primary first on a lowering), not the chart's
                // concurrent rolls of both StatefulSets on a configuration change.
                node.putObject("updateStrategy").put("type", "OnDelete");
            }
        }
        return values;
    }

    private static String header(ScalingPlan plan, Postgres pg, String file) {
        String where = pg.hosting() instanceof Hosting.InChart c
                ? ", in the team's chart (workload " + c.workload() + ")"
                : pg.hosting() instanceof Hosting.Managed m ? ", " + m.describe() : ", Helm release " + pg.release();
        return Headers.comment("--", plan) + "--\n-- PostgreSQL " + pg.majorVersion()
                + pg.name().map(n -> " (instance " + n + ")").orElse("") + where + ". " + RUN + file + "\n";
    }

    /**
     * {@code 10-settings.sql} of a server in the team's chart: no chart configuration of scaleplan's
     * owns its settings, so {@code ALTER SYSTEM SET} does ({@code postgresql.auto.conf}, in the data
     * directory, wins over the chart's {@code postgresql.conf}), then {@code pg_reload_conf()}.
     */
    static String alterSystemSql(ScalingPlan plan, Postgres pg, Hosting.InChart chart, List<Tuning.Tuned> settings) {
        int major = pg.majorVersion();
        StringBuilder sql = settingsHeader(plan, pg);
        sql.append("-- Stated settings win over derived ones.\n")
                .append("-- One owner per setting: ALTER SYSTEM. The server runs in the team's chart (workload ")
                .append(chart.workload())
                .append("), not a\n")
                .append(
                        "-- release scaleplan writes values for: each setting below goes to postgresql.auto.conf in the\n")
                .append(
                        "-- data directory, which wins over the chart's postgresql.conf and lasts across restarts while the\n")
                .append("-- data directory is on a persistent volume. Running this again changes nothing.\n--\n");
        restartHeader(
                sql,
                major,
                settings,
                "-- A restart is one of workload " + chart.workload()
                        + "'s pods (kubectl rollout restart); pg_settings.pending_restart shows what waits for it.\n");
        sql.append("-- The others take effect at pg_reload_conf() below, except in sessions that SET them.\n");
        // the preflight's comment speaks of a chart's configuration; here the script itself sets the values
        sql.append(SettingsPreflight.script(major, settings)
                .replace("every value the chart's configuration\n-- carries (", "every value this script sets\n-- (")
                .replace(
                        "-- fix the plan before the chart's configuration rolls out.\n",
                        "-- fix the plan before it is set.\n"));
        for (Tuning.Tuned s : settings) {
            sql.append("\n-- ").append(s.name()).append(": ").append(s.origin()).append('\n');
            sql.append("ALTER SYSTEM SET ")
                    .append(s.name())
                    .append(" = ")
                    .append(PgSql.literal(s.value()))
                    .append(";\n");
        }
        sql.append("\nSELECT pg_reload_conf();\n");
        return sql.toString();
    }

    private static void restartHeader(StringBuilder sql, int major, List<Tuning.Tuned> settings, String how) {
        List<String> restart = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Tuning.Tuned s : settings) {
            s.requiresRestart(major)
                    .ifPresentOrElse(
                            r -> {
                                if (r) {
                                    restart.add(s.name());
                                }
                            },
                            () -> unknown.add(s.name()));
        }
        sql.append("-- Take effect only after a restart (pg_settings.context = 'postmaster'):\n--   ")
                .append(restart.isEmpty() ? "(none)" : String.join(", ", restart))
                .append('\n');
        if (!unknown.isEmpty()) {
            sql.append(
                            "-- Not built into PostgreSQL (an extension's), context unknown to scaleplan (see pg_settings.context):\n--   ")
                    .append(String.join(", ", unknown))
                    .append('\n');
        }
        sql.append(how);
    }

    static String settingsSql(ScalingPlan plan, Postgres pg, List<Tuning.Tuned> settings) {
        int major = pg.majorVersion();
        StringBuilder sql = settingsHeader(plan, pg);
        sql.append("-- Stated settings win over derived ones.\n")
                .append("-- One owner per setting: the chart's configuration (primary.extendedConfiguration and\n")
                .append("-- readReplicas.extendedConfiguration in helm/")
                .append(pg.release())
                .append("-values.yaml, postgresql.conf on the\n")
                .append("-- primary and every read replica) owns each setting below. postgresql.auto.conf (ALTER\n")
                .append(
                        "-- SYSTEM) wins over postgresql.conf, so this script removes any ALTER SYSTEM value of them,\n")
                .append("-- left by an earlier script or by hand, and the chart's value is the one in force, also\n")
                .append("-- after a later change that reaches the server through the chart alone (a GitOps sync).\n")
                .append("-- Running this again changes nothing.\n--\n");
        restartHeader(sql, major, settings, "");
        sql.append("-- The others take effect at pg_reload_conf() below, except in sessions that SET them.\n");
        sql.append(SettingsPreflight.script(major, settings));
        for (Tuning.Tuned s : settings) {
            sql.append("\n-- ")
                    .append(s.name())
                    .append(" = ")
                    .append(PgSql.literal(s.value()))
                    .append(" in the chart's configuration: ")
                    .append(s.origin())
                    .append('\n');
            sql.append("ALTER SYSTEM RESET ").append(s.name()).append(";\n");
        }
        sql.append("\nSELECT pg_reload_conf();\n");
        return sql.toString();
    }

    /** {@code 10-settings.sql}'s header and the line saying what the derived settings are derived from. */
    private static StringBuilder settingsHeader(ScalingPlan plan, Postgres pg) {
        return new StringBuilder(header(plan, pg, "10-settings.sql"))
                .append("-- Derived settings: ")
                .append(PgTune.GENERATION)
                .append(", for Linux, from ")
                .append(instanceText(pg))
                .append(".\n");
    }

    static String instanceText(Postgres pg) {
        var i = pg.instance();
        return i.vcpus().map(v -> v + " vCPUs").orElse("vCPUs not given") + ", memory "
                + PgTune.memory(i.memory().bytes() / 1024) + (i.fromLimits() ? " (the primary's limits)" : "")
                + ", storage " + i.storage() + ", workload " + pg.workload().pgtuneName() + ", database size "
                + pg.databaseSize();
    }

    static String indexesSql(ScalingPlan plan, Postgres pg) {
        StringBuilder sql = new StringBuilder(header(plan, pg, "20-indexes.sql"));
        sql.append("-- Each index is built with CREATE INDEX CONCURRENTLY, outside any transaction, so writes go on.\n")
                .append("-- A concurrent build that failed leaves an INVALID index of that name, which IF NOT EXISTS\n")
                .append("-- would keep: it is dropped first. Do not run this while another build of it is running.\n");
        int n = 0;
        for (Index index : pg.indexes()) {
            n++;
            String var = "scaleplan_invalid_" + n;
            String qualified =
                    index.table().schema().map(s -> PgSql.ident(s) + ".").orElse("") + PgSql.ident(index.name());
            String columns = index.columns().stream().map(PgSql::ident).collect(Collectors.joining(", "));
            sql.append("\n-- ")
                    .append(index.name())
                    .append(" on ")
                    .append(index.table())
                    .append(" (")
                    .append(String.join(", ", index.columns()))
                    .append("): declared at ")
                    .append(index.source())
                    .append('\n');
            sql.append("SELECT EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(")
                    .append(PgSql.literal(qualified))
                    .append(") AND NOT indisvalid) AS ")
                    .append(var)
                    .append(" \\gset\n");
            sql.append("\\if :").append(var).append('\n');
            sql.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(qualified).append(";\n");
            sql.append("\\endif\n");
            sql.append("CREATE INDEX CONCURRENTLY IF NOT EXISTS ")
                    .append(PgSql.ident(index.name()))
                    .append(" ON ")
                    .append(PgSql.table(index.table()))
                    .append(" (")
                    .append(columns)
                    .append(");\n");
        }
        if (n == 0) {
            sql.append("\n-- The plan declares no indexes.\n");
        }
        return sql.toString();
    }

    static String maintenanceSql(ScalingPlan plan, Postgres pg) {
        StringBuilder sql = new StringBuilder(header(plan, pg, "30-maintenance.sql"));
        sql.append("-- VACUUM cannot run inside a transaction block; psql -f runs each statement on its own.\n");
        if (pg.vacuumAnalyze().isEmpty()) {
            sql.append("\n-- The plan names no tables to vacuum.\n");
        }
        for (TableName t : pg.vacuumAnalyze()) {
            sql.append("\nVACUUM (ANALYZE) ").append(PgSql.table(t)).append(";\n");
        }
        return sql.toString();
    }

    static String checksSql(ScalingPlan plan, Postgres pg) {
        StringBuilder sql = new StringBuilder(header(plan, pg, "checks.sql"));
        sql.append("-- The runbook's checks, for PostgreSQL ")
                .append(pg.majorVersion())
                .append(" (pg_stat_statements has mean_exec_time/total_exec_time since 13).\n");
        sql.append("\n-- Connections in use against max_connections.\n")
                .append("SELECT count(*) AS connections, current_setting('max_connections')::int AS max_connections")
                .append(" FROM pg_stat_activity;\n");
        sql.append("\n-- Connections by state.\n")
                .append("SELECT coalesce(state, 'background') AS state, count(*) AS connections")
                .append(" FROM pg_stat_activity GROUP BY 1 ORDER BY 1;\n");
        sql.append("\n-- Slow queries, where pg_stat_statements is installed here and loaded at server start.\n")
                .append("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')")
                .append(" AND current_setting('shared_preload_libraries')")
                .append(" ~ '(^|[ ,])pg_stat_statements($|[ ,])' AS scaleplan_pgss \\gset\n")
                .append("\\if :scaleplan_pgss\n")
                .append("SELECT query, calls, mean_exec_time, total_exec_time FROM pg_stat_statements")
                .append(" ORDER BY total_exec_time DESC LIMIT 10;\n")
                .append("\\else\n")
                .append("\\echo 'pg_stat_statements is not installed or not in shared_preload_libraries: no slow-query")
                .append(" report'\n")
                .append("\\endif\n");
        return sql.toString();
    }
}
