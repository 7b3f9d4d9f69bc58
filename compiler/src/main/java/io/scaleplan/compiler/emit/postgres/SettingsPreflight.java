package io.scaleplan.compiler.emit.postgres;

import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.resolve.Tuning;
import java.util.List;

/**
 * The all-or-nothing part of {@code 10-settings.sql}: before the first {@code ALTER SYSTEM RESET},
 * one preflight checks every value the chart's configuration carries against the connected server
 * ({@code pg_settings}: the parameter exists, an enum value is one of its {@code enumvals}, a number
 * with its unit is within {@code min_val}..{@code max_val}; the server's major version; that this
 * role may {@code ALTER SYSTEM}) and stops naming each value the server would reject, having
 * changed nothing. The values are fixed in the chart's configuration, so nothing is chosen on the
 * server: where PgTune prefers a value a build may lack ({@code lz4}, {@code io_uring}), {@link
 * Tuning} derives the one every build has, and a plan that states {@code lz4} is checked like any
 * other stated value.
 */
final class SettingsPreflight {
    /** The dollar-quote tag of the preflight's DO block; no emitted value may contain it. */
    static final String TAG = "$scaleplan_preflight$";

    private SettingsPreflight() {}

    /** The preflight text: psql settings, then the DO block that checks everything. */
    static String script(int major, List<Tuning.Tuned> settings) {
        StringBuilder sql = new StringBuilder();
        sql.append("\n-- Stop at the first error, however psql was started.\n\\set ON_ERROR_STOP on\n");
        for (Tuning.Tuned s : settings) {
            if (s.value().contains(TAG)) {
                throw new IllegalArgumentException("unchecked value for " + s.name() + ": " + s.value());
            }
        }
        sql.append("\n-- Preflight: nothing changes unless this server accepts every value the chart's configuration\n")
                .append(
                        "-- carries (pg_settings: the parameter exists, an enum value is one of its enumvals, a number\n")
                .append("-- with its unit is within min_val..max_val), it runs PostgreSQL ")
                .append(major)
                .append(
                        "\n-- and this role may ALTER SYSTEM each setting. Otherwise it stops here, naming each value the\n")
                .append("-- server would reject: a server cannot start with such a value in its postgresql.conf, so\n")
                .append("-- fix the plan before the chart's configuration rolls out.\n");
        sql.append("DO ").append(TAG).append('\n');
        sql.append("DECLARE\n    rejected text;\nBEGIN\n");
        sql.append("    IF current_setting('server_version_num')::int / 10000 <> ")
                .append(major)
                .append(" THEN\n");
        sql.append("        RAISE EXCEPTION 'scaleplan: this script is for PostgreSQL ")
                .append(major)
                .append(", the server runs %; nothing was changed',\n")
                .append("            current_setting('server_version');\n");
        sql.append("    END IF;\n");
        if (major < 15) {
            sql.append("    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN\n")
                    .append("        RAISE EXCEPTION 'scaleplan: ALTER SYSTEM needs a superuser, % is not one;")
                    .append(" nothing was changed', current_user;\n")
                    .append("    END IF;\n");
        }
        sql.append("    WITH wanted(n, name, value) AS (VALUES\n");
        for (int i = 0; i < settings.size(); i++) {
            Tuning.Tuned s = settings.get(i);
            sql.append("        (")
                    .append(i + 1)
                    .append(", ")
                    .append(PgSql.literal(s.name()))
                    .append(", ")
                    .append(PgSql.literal(s.value()))
                    .append(i + 1 < settings.size() ? "),\n" : ")\n");
        }
        sql.append("    ), units(unit, kind, factor) AS (VALUES\n")
                .append("        ('B', 'memory', 1::numeric), ('kB', 'memory', 1024), ('8kB', 'memory', 8192),\n")
                .append(
                        "        ('MB', 'memory', 1048576), ('GB', 'memory', 1073741824), ('TB', 'memory', 1099511627776),\n")
                .append(
                        "        ('us', 'time', 0.001), ('ms', 'time', 1), ('s', 'time', 1000), ('min', 'time', 60000),\n")
                .append("        ('h', 'time', 3600000), ('d', 'time', 86400000)\n")
                .append("    ), parsed AS (\n")
                .append(
                        "        SELECT w.n, w.name, w.value, s.name IS NOT NULL AS known, s.vartype, s.unit, s.min_val,\n")
                .append(
                        "               s.max_val, s.enumvals, m[1]::numeric AS number, nullif(m[2], '') AS given_unit\n")
                .append("          FROM wanted w\n")
                .append("          LEFT JOIN pg_settings s ON s.name = w.name\n")
                .append("          LEFT JOIN LATERAL regexp_match(w.value,\n")
                .append(
                        "                   '^\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z]*)\\s*$') AS m ON true\n")
                .append("    ), scaled AS (\n")
                .append("        SELECT p.*, CASE WHEN p.given_unit IS NULL THEN p.number\n")
                .append(
                        "                         WHEN gu.kind = su.kind THEN p.number * gu.factor / su.factor END AS in_unit\n")
                .append("          FROM parsed p\n")
                .append("          LEFT JOIN units gu ON gu.unit = p.given_unit\n")
                .append("          LEFT JOIN units su ON su.unit = p.unit\n")
                .append("    ), checked AS (\n")
                .append("        SELECT n, name, value, CASE\n")
                .append(
                        "            WHEN NOT known AND name LIKE '%.%' THEN NULL -- an extension's parameter: a placeholder\n")
                .append("            WHEN NOT known THEN 'PostgreSQL ' || current_setting('server_version')\n")
                .append("                || ' has no such parameter'\n")
                .append("            WHEN vartype = 'enum' AND lower(value) <> ALL (enumvals)\n")
                .append(
                        "                THEN 'not one of this server''s values: ' || array_to_string(enumvals, ', ')\n")
                .append("            WHEN vartype = 'bool'\n")
                .append(
                        "                AND lower(value) NOT IN ('on', 'off', 'true', 'false', 'yes', 'no', '1', '0')\n")
                .append("                THEN 'not a boolean'\n")
                .append("            WHEN vartype IN ('integer', 'real') AND in_unit IS NULL\n")
                .append("                THEN 'not a number' || coalesce(' of ' || nullif(unit, ''), '')\n")
                .append("            WHEN vartype IN ('integer', 'real')\n")
                .append(
                        "                AND CASE WHEN vartype = 'integer' THEN round(in_unit) ELSE in_unit END < min_val::numeric\n")
                .append("                THEN 'below this server''s minimum ' || min_val || coalesce(unit, '')\n")
                .append("            WHEN vartype IN ('integer', 'real')\n")
                .append(
                        "                AND CASE WHEN vartype = 'integer' THEN round(in_unit) ELSE in_unit END > max_val::numeric\n")
                .append("                THEN 'above this server''s maximum ' || max_val || coalesce(unit, '')\n");
        if (major >= 15) {
            sql.append("            WHEN known AND NOT has_parameter_privilege(name, 'ALTER SYSTEM')\n")
                    .append("                THEN current_user || ' may not ALTER SYSTEM it'\n");
        }
        sql.append("        END AS problem\n")
                .append("          FROM scaled\n")
                .append("    )\n")
                .append("    SELECT string_agg(format('  %s = %L: %s', name, value, problem), E'\\n' ORDER BY n)\n")
                .append("      INTO rejected\n")
                .append("      FROM checked\n")
                .append("     WHERE problem IS NOT NULL;\n")
                .append("    IF rejected IS NOT NULL THEN\n")
                .append("        RAISE EXCEPTION E'scaleplan: this server would reject these settings; nothing was")
                .append(" changed:\\n%', rejected;\n")
                .append("    END IF;\n")
                .append("END\n")
                .append(TAG)
                .append(";\n");
        return sql.toString();
    }
}
