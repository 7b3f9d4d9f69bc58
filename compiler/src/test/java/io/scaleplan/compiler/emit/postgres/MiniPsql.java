package io.scaleplan.compiler.emit.postgres;

import io.scaleplan.compiler.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated script over JDBC statement by statement, as {@code psql -v ON_ERROR_STOP=1 -f}
 * does: autocommit (so nothing runs in a transaction block), stopping at the first error, with the
 * psql meta-commands the scripts use ({@code \gset}, {@code \if :var}, {@code \else}, {@code
 * \endif}, {@code \echo}, {@code \set NAME VALUE}) and {@code :'var'} interpolation outside
 * quotes; a dollar-quoted body runs as one statement. Anything else starting with a backslash fails
 * the test. Also runs the
 * real {@code psql} client, when the machine has one.
 */
final class MiniPsql {
    private MiniPsql() {}

    /** Runs {@code script}; returns the {@code \echo} lines. Throws at the first failing statement. */
    static List<String> run(Connection connection, String script) throws SQLException {
        connection.setAutoCommit(true);
        Map<String, String> vars = new HashMap<>();
        Deque<Boolean> active = new ArrayDeque<>();
        List<String> echoed = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        String dollarTag = null; // inside a dollar-quoted body: its tag
        for (String line : script.split("\n", -1)) {
            boolean on = !active.contains(false);
            String trimmed = line.strip();
            if (dollarTag != null || (statement.length() > 0 || !trimmed.startsWith("\\"))) {
                java.util.regex.Matcher tags =
                        java.util.regex.Pattern.compile("\\$[A-Za-z_]*\\$").matcher(line);
                while (tags.find()) {
                    if (dollarTag == null) {
                        dollarTag = tags.group();
                    } else if (dollarTag.equals(tags.group())) {
                        dollarTag = null;
                    }
                }
                if (dollarTag != null) {
                    statement.append(line).append('\n');
                    continue;
                }
            }
            if (statement.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            if (statement.length() == 0 && trimmed.startsWith("\\")) {
                String[] words = trimmed.split("\\s+", 2);
                switch (words[0]) {
                    case "\\if" -> active.push(on && bool(vars, words[1]));
                    case "\\else" -> {
                        boolean was = active.pop();
                        active.push(!was && !active.contains(false));
                    }
                    case "\\endif" -> active.pop();
                    case "\\set" -> {
                        if (on) {
                            String[] nv = words[1].split("\\s+", 2);
                            vars.put(nv[0], nv.length > 1 ? nv[1].replaceAll("^'|'$", "") : "");
                        }
                    }
                    case "\\echo" -> {
                        if (on) {
                            echoed.add(words[1].replaceAll("^'|'$", ""));
                        }
                    }
                    default -> throw new IllegalStateException("meta-command not supported: " + trimmed);
                }
                continue;
            }
            if (trimmed.endsWith("\\gset")) {
                statement.append(trimmed, 0, trimmed.length() - "\\gset".length());
                if (on) {
                    gset(connection, interpolate(statement.toString(), vars), vars);
                }
                statement.setLength(0);
            } else {
                statement.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    if (on) {
                        try (Statement st = connection.createStatement()) {
                            st.execute(interpolate(statement.toString(), vars));
                        }
                    }
                    statement.setLength(0);
                }
            }
        }
        if (!statement.toString().isBlank() || !active.isEmpty()) {
            throw new IllegalStateException("script ends inside a statement or \\if: " + statement);
        }
        return echoed;
    }

    /** psql's {@code :'name'}: the variable as a quoted literal (the scripts' values need no escapes). */
    private static String interpolate(String sql, Map<String, String> vars) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(":'([A-Za-z_][A-Za-z0-9_]*)'").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("unset variable :" + m.group(1));
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("'" + value + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void gset(Connection connection, String sql, Map<String, String> vars) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("\\gset query returned no rows: " + sql);
            }
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                vars.put(md.getColumnLabel(i), rs.getString(i));
            }
            if (rs.next()) {
                throw new IllegalStateException("\\gset query returned more than one row: " + sql);
            }
        }
    }

    private static boolean bool(Map<String, String> vars, String expression) {
        if (!expression.startsWith(":")) {
            throw new IllegalStateException("\\if takes :variable here: " + expression);
        }
        String value = vars.get(expression.substring(1));
        if (value == null) {
            throw new IllegalStateException("unset variable " + expression);
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "t", "true", "on", "1" -> true;
            case "f", "false", "off", "0" -> false;
            default -> throw new IllegalStateException("not a boolean for \\if: " + value);
        };
    }

    /** Whether a {@code psql} client is on the PATH. */
    static boolean psqlAvailable() {
        return ExternalTools.runs("psql", "--version");
    }

    /**
     * Result of the real client.
     *
     * @param exitCode psql's exit code
     * @param output its stdout and stderr
     */
    record PsqlResult(int exitCode, String output) {}

    /** Runs {@code psql -X -v ON_ERROR_STOP=1 -f file} against the server on {@code port}. */
    static PsqlResult psql(int port, Path file) throws IOException, InterruptedException {
        return psql(port, file, "postgres", true);
    }

    /**
     * Runs {@code psql -X -f file} as {@code user} against the server on {@code port}, with {@code
     * -v ON_ERROR_STOP=1} when {@code onErrorStop} (else only what the script sets itself).
     */
    static PsqlResult psql(int port, Path file, String user, boolean onErrorStop)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-X"));
        if (onErrorStop) {
            command.addAll(List.of("-v", "ON_ERROR_STOP=1"));
        }
        command.addAll(List.of(
                "-h", "localhost", "-p", Integer.toString(port), "-U", user, "-d", "postgres", "-f", file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException("psql did not finish: " + out);
        }
        return new PsqlResult(p.exitValue(), out);
    }

    /** Writes {@code text} to a file in {@code dir} named {@code name}. */
    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
