package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.resolve.PgTune;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code psql -c "SELECT name, setting, unit[, pending_restart] FROM pg_settings"} prints,
 * aligned (the default) or unaligned ({@code -A}), with or without the header ({@code -t} needs
 * the columns in that order).
 */
public final class PgSettingsTable {
    private static final Pattern SEPARATOR = Pattern.compile("\\s*-+(\\+-+)*\\s*");
    private static final Pattern FOOTER = Pattern.compile("\\s*\\(\\d+ rows?\\)\\s*");

    /**
     * One row.
     *
     * @param name the parameter
     * @param setting its current value, in its base unit
     * @param unit the base unit, empty when none
     * @param pendingRestart whether a changed value waits for a restart; empty without that column
     * @param sourcefile the file that sets it ({@code postgresql.auto.conf} for ALTER SYSTEM); empty
     *     without that column or when no file sets it
     * @param line the row's line in the file
     */
    public record Row(
            String name,
            String setting,
            String unit,
            Optional<Boolean> pendingRestart,
            Optional<String> sourcefile,
            int line) {

        /** The value as postgresql.conf would state it: {@code 524288} of {@code 8kB} is {@code 4GB}. */
        public String valueWithUnit() {
            try {
                return switch (unit) {
                    case "" -> setting;
                    case "B" ->
                        Long.parseLong(setting) % 1024 == 0
                                ? PgTune.memory(Long.parseLong(setting) / 1024)
                                : setting + "B";
                    case "kB" -> PgTune.memory(Long.parseLong(setting));
                    case "8kB" -> PgTune.memory(Long.parseLong(setting) * 8);
                    case "MB" -> PgTune.memory(Long.parseLong(setting) * 1024);
                    default -> setting + unit;
                };
            } catch (NumberFormatException e) {
                return setting;
            }
        }
    }

    private PgSettingsTable() {}

    /** Whether two values of setting {@code name} mean the same to PostgreSQL ({@code 4GB} and {@code 4096MB}). */
    public static boolean sameValue(String name, String a, String b) {
        return PostgresBlock.same(name, a, b);
    }

    /** Whether {@code text} looks like such output: a header naming {@code name} and {@code setting}. */
    public static boolean looksLike(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = cells(line);
            return cells.size() >= 2
                    && cells.get(0).equals("name")
                    && cells.get(1).equals("setting");
        }
        return false;
    }

    /**
     * The rows of {@code text}.
     *
     * @throws ImportException with the line when a row does not fit the header
     */
    public static List<Row> parse(String text, String file) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()
                    || SEPARATOR.matcher(line).matches()
                    || FOOTER.matcher(line).matches()) {
                continue;
            }
            List<String> cells = cells(line);
            if (header == null && cells.size() >= 2 && cells.get(0).equals("name")) {
                header = cells;
                continue;
            }
            List<String> columns = header == null ? List.of("name", "setting", "unit", "pending_restart") : header;
            if (cells.size() < 2 || cells.size() > columns.size()) {
                throw new ImportException(
                        file,
                        i + 1,
                        1,
                        "not a row of name | setting" + (columns.size() > 2 ? " | unit" : "") + ": " + line.strip());
            }
            int unit = columns.indexOf("unit");
            int pending = columns.indexOf("pending_restart");
            int sourcefile = columns.indexOf("sourcefile");
            rows.add(new Row(
                    cells.get(0),
                    cells.get(1),
                    unit >= 0 && unit < cells.size() ? cells.get(unit) : "",
                    pending >= 0
                                    && pending < cells.size()
                                    && !cells.get(pending).isEmpty()
                            ? Optional.of(isTrue(cells.get(pending)))
                            : Optional.empty(),
                    sourcefile >= 0
                                    && sourcefile < cells.size()
                                    && !cells.get(sourcefile).isEmpty()
                            ? Optional.of(cells.get(sourcefile))
                            : Optional.empty(),
                    i + 1));
        }
        return rows;
    }

    private static boolean isTrue(String cell) {
        String c = cell.toLowerCase(Locale.ROOT);
        return c.equals("t") || c.equals("true") || c.equals("on");
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
