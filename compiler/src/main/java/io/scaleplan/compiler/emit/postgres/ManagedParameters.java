package io.scaleplan.compiler.emit.postgres;

import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.resolve.PgSettingsTable;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter values of a managed PostgreSQL or Redis ({@code parameters.conf}): {@code name =
 * value} lines, each after a comment with its unit, when it takes effect and where the value came
 * from, to set in the provider's parameter group, flags or server parameters. A managed service
 * refuses {@code ALTER SYSTEM} (no superuser) and {@code CONFIG SET}, and has no Helm release.
 *
 * <p>PostgreSQL values are plain numbers in the parameter's own unit ({@code pg_settings.unit}:
 * {@code shared_buffers} in 8kB pages, {@code work_mem} in kB, {@code max_wal_size} in MB): the
 * form an RDS or Aurora parameter group, Cloud SQL's flags and Azure's server parameters take, and
 * the one PostgreSQL itself reads for a value without a unit.
 */
public final class ManagedParameters {
    /** The file's name in the instance's folder. */
    public static final String FILE = "parameters.conf";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)");

    private ManagedParameters() {}

    /** {@code parameters.conf} of a managed PostgreSQL. */
    static String postgres(ScalingPlan plan, Postgres pg, Hosting.Managed m, List<Tuning.Tuned> settings) {
        StringBuilder out = new StringBuilder(Headers.comment("#", plan));
        out.append("#\n# PostgreSQL ")
                .append(pg.majorVersion())
                .append(pg.name().map(n -> " (instance " + n + ")").orElse(""))
                .append(", ")
                .append(m.describe())
                .append(": set each value below in its ")
                .append(m.service().parameters())
                .append(".\n# ")
                .append(where(m))
                .append(
                        "\n# Never ALTER SYSTEM: a managed server refuses it (no superuser), and no Helm release runs it.\n")
                .append("# Values are plain numbers in the parameter's own unit (pg_settings.unit), as the ")
                .append(m.service().parameters())
                .append(" takes them.\n")
                .append("# Derived settings: PgTune for ")
                .append(PostgresEmitter.instanceText(pg))
                .append(" (the instance class).\n");
        for (Tuning.Tuned s : settings) {
            Optional<PgSettingsTable.Row> row = PgSettingsTable.row(pg.majorVersion(), s.name());
            String unit = row.map(PgSettingsTable.Row::unit).orElse("");
            String value = inUnit(s.value(), unit);
            boolean restart = s.requiresRestart(pg.majorVersion()).orElse(false);
            out.append("\n# ")
                    .append(s.name())
                    .append(
                            unit.isEmpty()
                                    ? ""
                                    : " in " + unit + (value.equals(s.value()) ? "" : " (" + s.value() + ")"))
                    .append("; ")
                    .append(
                            restart
                                    ? "takes effect after a reboot (pending-reboot)"
                                    : "takes effect at once (immediate)")
                    .append("; ")
                    .append(s.origin())
                    .append('\n');
            out.append(s.name()).append(" = ").append(value).append('\n');
        }
        return out.toString();
    }

    /** APPLY.md's step for a managed PostgreSQL: where its parameters are set. */
    static List<String> postgresStep(Postgres pg, Hosting.Managed m, PlanFolder folder) {
        List<String> out = new ArrayList<>();
        out.add("# " + pg.title() + " (" + m.describe() + "): set the values of "
                + folder.command(PostgresEmitter.parameters(pg)) + " in its "
                + m.service().parameters()
                + ", then reboot it if a pending-reboot value changed. " + where(m));
        return out;
    }

    /** {@code parameters.conf} of a managed Redis: what its configuration can take of the plan's directives. */
    public static String redis(ScalingPlan plan, Redis redis, Hosting.Managed m) {
        StringBuilder out = new StringBuilder(Headers.comment("#", plan));
        out.append("#\n# ")
                .append(redis.title())
                .append(", ")
                .append(m.describe())
                .append(": set each value below in its ")
                .append(m.service().parameters())
                .append(".\n# ")
                .append(where(m))
                .append("\n# No CONFIG SET and no CONFIG REWRITE: the service refuses the CONFIG command.\n");
        redis.evictionPolicy().ifPresent(p -> out.append("\n# the plan's evictionPolicy\nmaxmemory-policy = ")
                .append(p.redisName())
                .append('\n'));
        redis.maxmemory().ifPresent(mem -> {
            if (m.service() == io.scaleplan.dsl.ManagedService.GOOGLE_MEMORYSTORE) {
                out.append("\n# the plan's maxmemory ")
                        .append(KubeValues.redisMemory(mem))
                        .append(", in GiB (Memorystore's maxmemory-gb); at most the instance's capacity\n")
                        .append("maxmemory-gb = ")
                        .append(gib(mem.bytes()))
                        .append('\n');
            } else {
                out.append("\n# maxmemory ")
                        .append(KubeValues.redisMemory(mem))
                        .append(" is not a parameter of ")
                        .append(m.service().title())
                        .append(": the node type (cache size) fixes it.\n")
                        .append("# Choose one whose memory for data is at least ")
                        .append(KubeValues.redisMemory(mem))
                        .append(".\n");
            }
        });
        if (redis.maxmemory().isEmpty() && redis.evictionPolicy().isEmpty()) {
            out.append("\n# The plan sets no directive.\n");
        }
        return out.toString();
    }

    /** APPLY.md's step for a managed Redis. */
    public static List<String> redisStep(Redis redis, Hosting.Managed m, String parameters) {
        return List.of("# " + redis.title() + " (" + m.describe() + "): set the values of " + parameters + " in its "
                + m.service().parameters() + ". " + where(m));
    }

    /** Where the provider's parameters are set: console, CLI and infrastructure code. */
    static String where(Hosting.Managed m) {
        String id = Shell.word(m.identifier());
        return switch (m.service()) {
            case AWS_RDS ->
                "Console: RDS > Parameter groups (the custom group of " + id + "); CLI: aws rds"
                        + " modify-db-parameter-group; Terraform: aws_db_parameter_group.";
            case AWS_AURORA ->
                "Console: RDS > Parameter groups (the cluster parameter group of " + id
                        + "); CLI: aws rds modify-db-cluster-parameter-group; Terraform: aws_rds_cluster_parameter_group.";
            case GOOGLE_CLOUD_SQL ->
                "Console: Cloud SQL > " + id + " > Edit > Flags; CLI: gcloud sql instances patch "
                        + id + " --database-flags (replaces every flag: list them all); Terraform:"
                        + " google_sql_database_instance settings.database_flags.";
            case AZURE_POSTGRES ->
                "Portal: " + id + " > Server parameters; CLI: az postgres flexible-server parameter"
                        + " set --server-name " + id + "; Terraform: azurerm_postgresql_flexible_server_configuration.";
            case AWS_ELASTICACHE ->
                "Console: ElastiCache > Parameter groups (the custom group of " + id
                        + "); CLI: aws elasticache modify-cache-parameter-group; Terraform: aws_elasticache_parameter_group.";
            case GOOGLE_MEMORYSTORE ->
                "Console: Memorystore > " + id + " > Edit > Configurations; CLI: gcloud redis"
                        + " instances update " + id + " --update-redis-config; Terraform: google_redis_instance"
                        + " redis_configs.";
            case AZURE_CACHE ->
                "Portal: " + id + " > Advanced settings; CLI: az redis update --name " + id
                        + " --set redisConfiguration.<name>=<value>; Terraform: azurerm_redis_cache redis_configuration.";
        };
    }

    /**
     * {@code value} as a plain number in {@code unit} ({@code 8kB}, {@code kB}, {@code MB}, {@code
     * ms}, {@code s}, {@code min}): {@code 4GB} in 8kB is {@code 524288}. A value without a unit, or
     * one that is not a whole number of the unit, stays as it is.
     */
    static String inUnit(String value, String unit) {
        Matcher v = WITH_UNIT.matcher(value);
        if (unit.isEmpty() || !v.matches()) {
            return value;
        }
        long amount = Long.parseLong(v.group(1));
        Optional<Long> from = scale(v.group(2));
        Matcher u = Pattern.compile("(\\d*)(B|kB|MB|GB|TB|us|ms|s|min|h|d)").matcher(unit);
        if (from.isEmpty() || !u.matches()) {
            return value;
        }
        long per = (u.group(1).isEmpty() ? 1 : Long.parseLong(u.group(1)))
                * scale(u.group(2)).orElseThrow();
        boolean memory = isMemory(v.group(2));
        if (memory != isMemory(u.group(2))) {
            return value;
        }
        long base = amount * from.get();
        return base % per == 0 ? Long.toString(base / per) : value;
    }

    private static boolean isMemory(String unit) {
        return unit.endsWith("B");
    }

    private static Optional<Long> scale(String unit) {
        return Optional.ofNullable(
                switch (unit) {
                    case "B" -> 1L;
                    case "kB" -> 1024L;
                    case "MB" -> 1024L * 1024;
                    case "GB" -> 1024L * 1024 * 1024;
                    case "TB" -> 1024L * 1024 * 1024 * 1024;
                    case "us" -> 1L;
                    case "ms" -> 1000L;
                    case "s" -> 1000L * 1000;
                    case "min" -> 60L * 1000 * 1000;
                    case "h" -> 3600L * 1000 * 1000;
                    case "d" -> 86400L * 1000 * 1000;
                    default -> null;
                });
    }

    private static String gib(long bytes) {
        java.math.BigDecimal g = java.math.BigDecimal.valueOf(bytes)
                .divide(java.math.BigDecimal.valueOf(1L << 30), 3, java.math.RoundingMode.DOWN)
                .stripTrailingZeros();
        return g.toPlainString().toLowerCase(Locale.ROOT);
    }
}
