package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.IndexFact;
import io.scaleplan.compiler.importer.Estate.Origin;
import io.scaleplan.compiler.importer.Estate.PostgresFacts;
import io.scaleplan.compiler.importer.Estate.Setting;
import io.scaleplan.dsl.PgSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's configuration in every form a team keeps it: {@code postgresql.conf} and {@code
 * postgresql.auto.conf} ({@code name = value}), a SQL file of {@code ALTER SYSTEM SET} statements
 * (with the runbook's {@code CREATE INDEX CONCURRENTLY} and {@code VACUUM ANALYZE}), and the output
 * of {@code psql -c "SELECT name, setting[, unit] FROM pg_settings"}.
 */
final class PostgresReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern ALTER_SYSTEM =
            Pattern.compile("(?is)ALTER\\s+SYSTEM\\s+SET\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.+)");
    private static final Pattern DO_BLOCK = Pattern.compile("(?i)DO\\s+(\\$[A-Za-z0-9_]*\\$)\\s*");
    private static final Pattern ALTER_RESET = Pattern.compile("(?is)ALTER\\s+SYSTEM\\s+RESET\\s+(.+)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)CREATE\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s+ON\\s+"
                    + "(?:ONLY\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:USING\\s+btree\\s*)?\\(([^()]*)\\)");
    private static final Pattern VACUUM =
            Pattern.compile("(?is)VACUUM\\s+(?:\\(\\s*ANALY[SZ]E\\s*\\)|ANALY[SZ]E)\\s+([A-Za-z_][A-Za-z0-9_.]*)");
    // "-- work_mem: derived from ..." (scripts that set values) and, since the chart owns every setting,
    // "-- work_mem = '8322kB' in the chart's configuration: derived from ..." (scripts that reset them)
    private static final Pattern ORIGIN =
            Pattern.compile("--\\s+([a-z_][a-z0-9_.]*)(?: = .*? in the chart's configuration)?: (stated|derived) .*");
    private static final Pattern HEADER_MAJOR =
            Pattern.compile("--\\s+PostgreSQL (\\d+), Helm release ([a-z0-9-]+)\\..*");
    private static final Pattern HEADER_INPUTS = Pattern.compile(
            "(?:--|#)\\s+Derived settings: .* storage ([a-z]+), workload ([a-z]+), database size ([a-z_]+)"
                    + "(?: \\(the instance class\\))?\\.");
    /** The machine in that header, when the plan stated it ({@code from 2 vCPUs, memory 1GB}), not the limits. */
    private static final Pattern HEADER_INSTANCE = Pattern.compile(
            "(?:--|#)\\s+Derived settings: .*(?:from|for) (\\d+) vCPUs, memory (\\d+(?:kB|MB|GB|TB)),.*");
    /** A {@code parameters.conf} comment: {@code # work_mem in kB (20560kB); ...; stated at ...}. */
    private static final Pattern CONF_ORIGIN =
            Pattern.compile("#\\s+([a-z_][a-z0-9_.]*)(?: in [^;]*)?;.*; (stated|derived) .*");
    /** The unit PostgreSQL reads a plain number in, for the memory settings scaleplan types. */
    private static final Map<String, Long> MEMORY_UNIT_KB = Map.of(
            "shared_buffers", 8L,
            "effective_cache_size", 8L,
            "wal_buffers", 8L,
            "min_wal_size", 1024L,
            "max_wal_size", 1024L);

    private final Estate estate;

    PostgresReader(Estate estate) {
        this.estate = estate;
    }

    /**
     * A configuration file's text, {@code name = value} per line; {@code firstLine} is the file
     * line of the text's first line (for a chart value's block scalar).
     */
    void conf(String text, String file, int firstLine) {
        PostgresFacts pg = estate.postgres();
        String[] lines = text.split("\n", -1);
        Map<String, Origin> origins = new java.util.HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int line = firstLine + i;
            Matcher origin = CONF_ORIGIN.matcher(lines[i].strip());
            if (origin.matches()) {
                origins.put(origin.group(1), origin.group(2).equals("stated") ? Origin.STATED : Origin.DERIVED);
            }
            header(lines[i].strip(), file, line, pg);
            String raw = stripComment(lines[i]).strip();
            if (raw.isEmpty()) {
                continue;
            }
            Matcher name = NAME.matcher(raw);
            if (!name.lookingAt()) {
                throw new ImportException(file, line, column(lines[i], raw), "not a setting: " + raw);
            }
            String key = name.group().toLowerCase(Locale.ROOT);
            String rest = raw.substring(name.end()).strip();
            if (rest.startsWith("=")) {
                rest = rest.substring(1).strip();
            }
            if (rest.isEmpty()) {
                throw new ImportException(
                        file, line, column(lines[i], raw) + name.end(), "setting " + key + " has no value");
            }
            if (key.equals("include") || key.equals("include_if_exists") || key.equals("include_dir")) {
                estate.warn(file, line, 1, key + " " + rest + " is not followed: import that file as well");
                pg.comments.add(key + " " + rest + " (" + file + ":" + line + ") not followed");
                continue;
            }
            put(key, unquote(rest, file, line, lines[i]), file + ":" + line, origins.getOrDefault(key, Origin.UNKNOWN));
        }
    }

    private void put(String name, String value, String where, Origin origin) {
        estate.postgres().settings.remove(name);
        estate.postgres().settings.put(name, new Setting(name, normalise(name, value), where, origin));
    }

    /** A plain number of a memory setting in its unit, written with the unit ({@code 16384} → {@code 131072kB}). */
    static String normalise(String name, String value) {
        var key = PgSetting.byName(name);
        if (key.isPresent() && key.get().kind() == PgSetting.Kind.MEMORY && value.matches("\\d+")) {
            long kb = Long.parseLong(value) * MEMORY_UNIT_KB.getOrDefault(name, 1L);
            return io.scaleplan.compiler.resolve.PgTune.memory(kb);
        }
        return value;
    }

    private static int column(String line, String stripped) {
        return Math.max(1, line.indexOf(stripped.charAt(0)) + 1);
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value, String file, int line, String raw) {
        if (!value.startsWith("'")) {
            return value.split("\\s+")[0];
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i++;
                    continue;
                }
                return out.toString();
            }
            out.append(c);
        }
        throw new ImportException(file, line, raw.indexOf('\'') + 1, "unterminated quoted value: " + value);
    }

    /** A SQL script: ALTER SYSTEM SET/RESET, CREATE INDEX, VACUUM ANALYZE; psql meta-commands skipped. */
    void sql(String text, String file) {
        PostgresFacts pg = estate.postgres();
        Map<String, Origin> origins = new java.util.HashMap<>();
        StringBuilder statement = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            Matcher origin = ORIGIN.matcher(trimmed);
            if (origin.matches()) {
                origins.put(origin.group(1), origin.group(2).equals("stated") ? Origin.STATED : Origin.DERIVED);
            }
            header(trimmed, file, i + 1, pg);
            if (trimmed.startsWith("--") || trimmed.startsWith("\\") || trimmed.isEmpty() && statement.isEmpty()) {
                continue;
            }
            if (statement.isEmpty()) {
                start = i + 1;
            }
            Matcher block = DO_BLOCK.matcher(trimmed);
            if (statement.isEmpty() && block.matches()) {
                // a DO block's body holds semicolons of its own: it ends at its closing tag
                String tag = block.group(1);
                int end = i;
                while (end < lines.length && !lines[end].strip().matches(".*" + Pattern.quote(tag) + "\\s*;\\s*")) {
                    end++;
                }
                if (end == lines.length) {
                    throw new ImportException(file, i + 1, 1, "DO block without its closing " + tag + ";");
                }
                if (tag.equals("$scaleplan_preflight$")) {
                    estate.note(file, i + 1, "skipped: scaleplan's preflight, which checks the settings below");
                } else {
                    estate.warn(
                            file,
                            i + 1,
                            1,
                            "DO block not imported (a plan states settings, indexes and VACUUM" + " ANALYZE)");
                    estate.postgres().comments.add("not imported from " + file + ":" + (i + 1) + ": a DO block");
                }
                i = end;
                continue;
            }
            int semicolon = semicolon(line);
            if (semicolon < 0) {
                statement.append(line).append('\n');
                continue;
            }
            statement.append(line, 0, semicolon);
            statement(statement.toString().strip(), file, start, origins);
            statement.setLength(0);
        }
        if (!statement.toString().isBlank()) {
            throw new ImportException(
                    file,
                    start,
                    1,
                    "statement without a closing semicolon: "
                            + statement.toString().strip());
        }
    }

    private void header(String line, String file, int number, PostgresFacts pg) {
        Matcher major = HEADER_MAJOR.matcher(line);
        if (major.matches()) {
            pg.majorVersion = estate.merge(
                    pg.majorVersion,
                    Integer.parseInt(major.group(1)),
                    file + ":" + number,
                    "the PostgreSQL major version");
            pg.release = estate.merge(pg.release, major.group(2), file + ":" + number, "the PostgreSQL release");
        }
        Matcher inputs = HEADER_INPUTS.matcher(line);
        if (inputs.matches()) {
            pg.storage = inputs.group(1);
            pg.workload = inputs.group(2);
            pg.databaseSize = inputs.group(3);
        }
        Matcher instance = HEADER_INSTANCE.matcher(line);
        if (instance.matches()) {
            pg.vcpus = Integer.parseInt(instance.group(1));
            pg.memory = instance.group(2);
        }
    }

    /** The index of the first semicolon outside quotes, or -1. */
    private static int semicolon(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            } else if (c == '-' && !quoted && line.startsWith("--", i)) {
                return -1;
            }
        }
        return -1;
    }

    private void statement(String sql, String file, int line, Map<String, Origin> origins) {
        PostgresFacts pg = estate.postgres();
        Matcher set = ALTER_SYSTEM.matcher(sql);
        if (set.matches()) {
            String name = set.group(1).toLowerCase(Locale.ROOT);
            String value = unquote(set.group(2).strip(), file, line, sql);
            if (value.equalsIgnoreCase("DEFAULT")) {
                pg.settings.remove(name);
                return;
            }
            put(name, value, file + ":" + line, origins.getOrDefault(name, Origin.UNKNOWN));
            return;
        }
        Matcher reset = ALTER_RESET.matcher(sql);
        if (reset.matches()) {
            String name = reset.group(1).strip().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                pg.settings.clear();
                return;
            }
            // RESET drops an ALTER SYSTEM value (postgresql.auto.conf); a value from postgresql.conf (the
            // chart's configuration, which scaleplan's own scripts reset towards) stays in force, and the
            // script's comment says whether the plan stated it or scaleplan derived it.
            Setting current = pg.settings.get(name);
            if (current == null) {
                return;
            }
            if (current.where().contains(".sql:")) {
                pg.settings.remove(name);
            } else if (origins.containsKey(name) && current.origin() == Origin.UNKNOWN) {
                pg.settings.put(name, new Setting(name, current.value(), current.where(), origins.get(name)));
            }
            return;
        }
        Matcher index = CREATE_INDEX.matcher(sql);
        if (index.lookingAt() && index.end() == sql.length()) {
            List<String> columns = new ArrayList<>();
            for (String c : index.group(3).split(",")) {
                columns.add(c.strip());
            }
            String name = index.group(1);
            pg.indexes.removeIf(i -> i.name().equals(name));
            pg.indexes.add(new IndexFact(name, index.group(2), columns, file + ":" + line));
            return;
        }
        Matcher vacuum = VACUUM.matcher(sql);
        if (vacuum.matches()) {
            if (!pg.vacuumAnalyze.contains(vacuum.group(1))) {
                pg.vacuumAnalyze.add(vacuum.group(1));
            }
            return;
        }
        String upper = sql.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SELECT ") && !upper.contains("SET_CONFIG")) {
            estate.note(file, line, "skipped a query: it reads, it configures nothing");
            return;
        }
        if (upper.startsWith("SELECT PG_RELOAD_CONF()")
                || upper.startsWith("DROP INDEX CONCURRENTLY IF EXISTS")
                || upper.startsWith("SELECT EXISTS (SELECT 1 FROM PG_INDEX")) {
            return; // what scaleplan's own scripts run around the statements above
        }
        estate.warn(
                file,
                line,
                1,
                "statement not imported (a plan states settings, indexes and VACUUM ANALYZE): " + abbreviate(sql));
        pg.comments.add("not imported from " + file + ":" + line + ": " + abbreviate(sql));
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }

    /** Whether text looks like psql's output of a query on pg_settings. */
    static boolean isSettingsTable(String text) {
        return PgSettingsTable.looksLike(text);
    }

    /** psql's output of {@code SELECT name, setting[, unit] FROM pg_settings}: the settings scaleplan types. */
    void settingsTable(String text, String file) {
        int others = 0;
        for (PgSettingsTable.Row row : PgSettingsTable.parse(text, file)) {
            if (PgSetting.byName(row.name()).isEmpty()) {
                others++;
                continue;
            }
            put(row.name(), row.valueWithUnit(), file + ":" + row.line(), Origin.UNKNOWN);
        }
        if (others > 0) {
            estate.note(
                    file,
                    0,
                    others + " settings scaleplan does not tune were not imported (add them with"
                            + " setting(name, value) if the plan should own them)");
        }
    }
}
