package io.scaleplan.compiler.git;

/**
 * The one exception of the git layer: carries a {@link Refusal}. Thrown by {@link
 * GeneratedTree#open} and inside commands; {@link CommitCommand#call()} turns it into a refused
 * {@link CommitOutcome}.
 */
public final class GitRefusalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    GitRefusalException(Refusal refusal) {
        super(refusal.explain());
        this.refusal = refusal;
    }

    GitRefusalException(Refusal.Reason reason, String message, java.util.List<String> paths) {
        this(new Refusal(reason, message, paths));
    }

    /** Why. */
    public Refusal refusal() {
        return refusal;
    }
}
