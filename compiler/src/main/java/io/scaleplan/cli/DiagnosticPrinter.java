package io.scaleplan.cli;

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

    String format(Diagnostic d) {
        String where = d.location().toString();
        if (sourceRoot != null && d.location().isKnown()) {
            where = sourceRoot.resolve(d.location().path()).toString().replace('\\', '/') + ":"
                    + d.location().line();
        }
        return where + ": " + d.severity().label() + ": [" + d.ruleId() + "] " + d.element() + ": " + d.message();
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
