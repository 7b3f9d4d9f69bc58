package io.scaleplan.compiler.importer;

import java.util.Objects;

/**
 * One finding of an import, placed in the file it was read from: {@code
 * k8s/hpa.yaml:23:7: warning: metric type External is not expressible; kept as a comment}.
 *
 * @param level how serious: an error stops the import, nothing is written
 * @param file the file as given on the command line
 * @param line 1-based; 0 when the problem concerns the whole file
 * @param column 1-based; 0 when not known
 * @param message what, and what happens to it
 */
public record ImportProblem(Level level, String file, int line, int column, String message) {

    /** How serious a finding is. */
    public enum Level {
        /** The import fails and writes nothing. */
        ERROR,
        /** Something the plan cannot say; kept as a comment in the plan. */
        WARNING,
        /** Information: a document skipped, a value derived. */
        NOTE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ImportProblem {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** Where, as {@code file:line:column}, {@code file:line} or {@code file}. */
    public String where() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }

    /** As javac prints a diagnostic: {@code file:line:column: warning: message}. */
    public String format() {
        return where() + ": " + level.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
