package io.scaleplan.compiler.emit.postgres;

import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.render.DataTierFiles;
import io.scaleplan.compiler.resolve.PgSettingsTable;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter values of a managed PostgreSQL ({@code parameters.conf}): {@code name =
 * value} lines, each after a comment with its unit, when it takes effect and where the value came
 * from, to set in the provider's parameter group, flags or server parameters. A managed service
 * refuses {@code ALTER SYSTEM} (no superuser) and has no Helm release.
 *
 * <p>PostgreSQL values are plain numbers in the parameter's own unit ({@code pg_settings.unit}:
 * {@code shared_buffers} in 8kB pages, {@code work_mem} in kB, {@code max_wal_size} in MB): the
 * form an RDS or Aurora parameter group, Cloud SQL's flags and Azure's server parameters take, and
 * the one PostgreSQL itself reads for a value without a unit.
 */
public final class ManagedParameters {
    /** The file's name in the instance's folder. */
    public static final String FILE = DataTierFiles.PARAMETERS;

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)");

    private ManagedParameters() {}

    /** {@code parameters.conf} of a managed PostgreSQL. */
    static String postgres(ScalingPlan plan, Postgres pg, Hosting.Managed m, List<Tuning.Tuned> settings) {
        String title = "PostgreSQL " + pg.majorVersion()
                + pg.name().map(n -> " (instance " + n + ")").orElse("");
        StringBuilder out = DataTierFiles.managedHeader(plan, title, m);
        out.append("\n# Never ALTER SYSTEM: a managed server refuses it (no superuser), and no Helm release runs it.\n")
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
                + ", then reboot it if a pending-reboot value changed. " + DataTierFiles.where(m));
        return out;
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
}
