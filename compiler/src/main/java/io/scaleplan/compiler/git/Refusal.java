package io.scaleplan.compiler.git;

import java.util.List;
import java.util.Objects;

/**
 * Why scaleplan will not touch the repository, said so that the user knows what to do. Nothing has
 * been changed when a refusal is reported.
 *
 * @param reason the kind of refusal
 * @param message one sentence: what is wrong and how to go on
 * @param paths the files concerned (repository-relative), if any
 */
public record Refusal(Reason reason, String message, List<String> paths) {

    /** The kinds of refusal. */
    public enum Reason {
        /** The output folder is not inside a Git work tree. */
        NOT_A_REPOSITORY,
        /** A merge, rebase, cherry-pick, revert, bisect or am is in progress. */
        OPERATION_IN_PROGRESS,
        /** HEAD is detached and no branch was asked for. */
        DETACHED_HEAD,
        /** Another process holds a lock of the repository (such as {@code .git/index.lock}). */
        LOCKED,
        /** Files under the output folder differ from HEAD and from what the plans produce. */
        HAND_EDITS,
        /** A file the plans produce exists but was not written by scaleplan. */
        NOT_WRITTEN_BY_SCALEPLAN,
        /** Changes outside the output folder are staged; a commit would sweep them in. */
        STAGED_OUTSIDE_OUTPUT,
        /** Switching to the branch would overwrite or carry uncommitted work. */
        WOULD_LOSE_WORK,
        /** The branch name is not a valid Git branch name. */
        INVALID_BRANCH_NAME,
        /** The plans produce no file at all while outputs are committed: the commit would delete every output. */
        NO_OUTPUTS,
        /** A revision (such as a base branch) names no commit. */
        UNKNOWN_REVISION
    }

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        paths = List.copyOf(paths);
    }

    /** The message, then each path on its own indented line. */
    public String explain() {
        StringBuilder out = new StringBuilder(message);
        paths.forEach(p -> out.append("\n  ").append(p));
        return out.toString();
    }
}
