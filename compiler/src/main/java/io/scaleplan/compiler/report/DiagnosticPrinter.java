package io.scaleplan.compiler.report;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints diagnostics the way javac does, so that consoles link them to the plan's line. Shared by the CLI and the Maven plugin. */
public final class DiagnosticPrinter {
    private final PrintWriter err;
    private final Path sourceRoot;

    public DiagnosticPrinter(PrintWriter err, Path sourceRoot) {
        this.err = err;
        this.sourceRoot = sourceRoot;
    }

    /** Prints every diagnostic, then a count line such as {@code 2 errors, 1 warning}; returns the error count. */
    public long print(List<Compilation> compilations) {
        long errors = 0;
        long warnings = 0;
        for (Compilation c : compilations) {
            for (Diagnostic d : c.diagnostics()) {
                err.println(format(d));
                d.fix().ifPresent(f -> err.println("    fix: " + f));
            }
            errors += c.count(Severity.ERROR);
            warnings += c.count(Severity.WARNING);
        }
        if (errors + warnings > 0) {
            err.println(plural(errors, "error") + ", " + plural(warnings, "warning"));
        }
        err.flush();
        return errors;
    }

    /** {@code d} in javac's form, {@code File.java:42: error: [SP003] element: message}. */
    public String format(Diagnostic d) {
        return format(d, sourceRoot);
    }

    /** {@code d} in javac's form, its file named below {@code sourceRoot} (when not null). */
    public static String format(Diagnostic d, Path sourceRoot) {
        String where = d.location().toString();
        if (sourceRoot != null && d.location().isKnown()) {
            where = sourceRoot.resolve(d.location().path()).toString().replace('\\', '/') + ":"
                    + d.location().line();
        } else if (sourceRoot != null && !d.location().fileName().isEmpty()) {
            // a failure outside any line of the plan (its class could not be initialised): the class's line
            Path file = sourceRoot.resolve(d.location().path());
            where = file.toString().replace('\\', '/') + ":"
                    + declarationLine(file, d.location().className());
        }
        return where + ": " + d.severity().label() + ": [" + d.ruleId() + "] " + d.element() + ": " + d.message();
    }

    /** The line that declares the class named {@code className} in {@code file}, or 1. */
    private static int declarationLine(Path file, String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (simple.contains("$")) {
            simple = simple.substring(simple.lastIndexOf('$') + 1);
        }
        java.util.regex.Pattern declaration =
                java.util.regex.Pattern.compile("\\b(class|record|enum|interface)\\s+" + simple + "\\b");
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (declaration.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // no source to look in: the file alone still opens in a console
        }
        return 1;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
