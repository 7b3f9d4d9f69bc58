package io.scaleplan.compiler;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What compiling one plan produced: its diagnostics and, when there is no error, its files.
 *
 * @param plan the plan's name (or, when the plan could not be built, its class name)
 * @param diagnostics every finding, errors first in source order
 * @param files the outputs, sorted by path; empty when there is an error
 */
public record Compilation(String plan, List<Diagnostic> diagnostics, List<GeneratedFile> files) {

    public Compilation {
        Objects.requireNonNull(plan, "plan");
        diagnostics = List.copyOf(diagnostics);
        files = files.stream().sorted().toList();
        if (hasErrors(diagnostics) && !files.isEmpty()) {
            throw new IllegalArgumentException("a plan with errors produces no files: " + plan);
        }
    }

    private static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
        return hasErrors(diagnostics);
    }

    /** How many diagnostics have this severity. */
    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
