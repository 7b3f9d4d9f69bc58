package io.scaleplan.compiler.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an import did.
 *
 * @param problems every error, warning and note, in the order found
 * @param source the plan source; empty when the import failed
 * @param written the file written; empty when it failed or on a dry run
 * @param qualifiedName the plan class, {@code io.scaleplan.arka.Production}; empty when it failed
 * @param companions the other sources written with it: an event's base plan ({@code Production} for
 *     {@code BlackFriday})
 */
public record ImportResult(
        List<ImportProblem> problems,
        Optional<String> source,
        Optional<Path> written,
        Optional<String> qualifiedName,
        List<Companion> companions) {

    /** A further source an import wrote: its class, its text and where it was written (empty on a dry run). */
    public record Companion(String qualifiedName, String source, Optional<Path> written) {}

    public ImportResult {
        problems = List.copyOf(problems);
        companions = List.copyOf(companions);
    }

    /** A result of one source. */
    public ImportResult(
            List<ImportProblem> problems,
            Optional<String> source,
            Optional<Path> written,
            Optional<String> qualifiedName) {
        this(problems, source, written, qualifiedName, List.of());
    }

    /** Whether the import failed (an error); nothing was written. */
    public boolean failed() {
        return source.isEmpty();
    }

    /** How many problems have {@code level}. */
    public long count(ImportProblem.Level level) {
        return problems.stream().filter(p -> p.level() == level).count();
    }
}
