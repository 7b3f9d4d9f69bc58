package io.scaleplan.compiler.importer;

/** Input that cannot be read at all (malformed YAML or configuration): the import writes nothing. */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ImportProblem problem;

    public ImportException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.problem = new ImportProblem(ImportProblem.Level.ERROR, file, line, column, message);
    }

    /** The problem, as an error placed in its file. */
    public ImportProblem problem() {
        return problem;
    }
}
