package io.scaleplan.compiler.git;

import io.scaleplan.compiler.diff.OutputDiff;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CommitCommand#call()} did.
 *
 * @param status committed, nothing to commit, or refused
 * @param commitId the new commit's id; empty unless committed
 * @param branch the branch HEAD is on afterwards (short name); empty when detached
 * @param changes what the commit changes under the output folder; empty unless committed
 * @param overwritten hand-edited files overwritten under {@code --force} (output-relative)
 * @param message the commit message; empty unless committed
 * @param refusal why nothing was done; present only when refused
 */
public record CommitOutcome(
        Status status,
        Optional<String> commitId,
        Optional<String> branch,
        OutputDiff changes,
        List<String> overwritten,
        Optional<String> message,
        Optional<Refusal> refusal) {

    /** The result kinds, as in JGit's {@code MergeResult.MergeStatus}. */
    public enum Status {
        /** One commit was made on the branch. */
        COMMITTED,
        /** The plans produce what is committed: no commit was made. */
        NO_CHANGES,
        /** Nothing was changed; see {@link #refusal()}. */
        REFUSED
    }

    public CommitOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(changes, "changes");
        overwritten = List.copyOf(overwritten);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(refusal, "refusal");
        if ((status == Status.REFUSED) != refusal.isPresent() || (status == Status.COMMITTED) != commitId.isPresent()) {
            throw new IllegalArgumentException("outcome " + status + " does not fit its fields");
        }
    }

    /** An outcome that changed nothing, for {@code refusal}. */
    public static CommitOutcome refused(Refusal refusal) {
        return new CommitOutcome(
                Status.REFUSED,
                Optional.empty(),
                Optional.empty(),
                new OutputDiff(List.of()),
                List.of(),
                Optional.empty(),
                Optional.of(refusal));
    }
}
