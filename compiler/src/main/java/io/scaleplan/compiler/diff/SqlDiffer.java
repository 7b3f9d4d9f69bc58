package io.scaleplan.compiler.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL files, statement by statement. A setting ({@code ALTER SYSTEM SET name = value}, {@code
 * ALTER DATABASE db SET ...}, {@code ALTER ROLE r SET ...}, {@code SET ...}) is keyed by what it
 * sets, so a new value reads {@code ALTER SYSTEM SET shared_buffers: '2GB' → '4GB'}; any other
 * statement is keyed by its whole text. Comments and layout are ignored.
 */
final class SqlDiffer implements FileDiffer {
    private static final Pattern SETTING = Pattern.compile(
            "(?i)^((?:ALTER\\s+SYSTEM|ALTER\\s+(?:DATABASE|ROLE|USER)\\s+\\S+(?:\\s+IN\\s+DATABASE\\s+\\S+)?)?"
                    + "\\s*SET\\s+[^\\s=]+)\\s*(?:=|\\s+TO\\s+)\\s*(.+)$");

    @Override
    public List<SemanticChange> describe(String path, String before, String after) {
        return KeyedEntries.compare(path, entries(before), entries(after));
    }

    private static List<KeyedEntries.Entry> entries(String sql) {
        List<KeyedEntries.Entry> entries = new ArrayList<>();
        for (String statement : statements(sql)) {
            Matcher m = SETTING.matcher(statement);
            if (m.matches()) {
                entries.add(new KeyedEntries.Entry(m.group(1).trim(), m.group(2), statement));
            } else {
                entries.add(new KeyedEntries.Entry(statement, "", statement));
            }
        }
        return entries;
    }

    /**
     * The statements of {@code sql}, comments removed, runs of white space outside quotes made one
     * space, without the closing semicolon. Knows single- and double-quoted text, dollar quotes and
     * both comment styles, so a semicolon inside them does not split.
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space(current);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space(current);
            } else if (c == '\'' || c == '"') {
                int end = closing(sql, i + 1, c);
                current.append(sql, i, end);
                i = end;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                current.append(sql, i, end);
                i = end;
            } else if (c == ';') {
                add(out, current);
                i++;
            } else if (Character.isWhitespace(c)) {
                space(current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(out, current);
        return out;
    }

    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static String dollarTag(String sql, int at) {
        int i = at + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(at, i + 1) : null;
    }

    private static void space(StringBuilder current) {
        if (current.length() > 0 && current.charAt(current.length() - 1) != ' ') {
            current.append(' ');
        }
    }

    private static void add(List<String> out, StringBuilder current) {
        String statement = current.toString().trim();
        if (!statement.isEmpty()) {
            out.add(statement);
        }
        current.setLength(0);
    }
}
