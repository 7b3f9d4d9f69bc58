package io.scaleplan.compiler.git;

import io.scaleplan.compiler.diff.TextReport;
import java.nio.file.Path;

/**
 * What {@code scaleplan commit} and the Maven plugin's {@code scaleplan:commit} print after a
 * commit that was not refused: one text for both, so they say the same.
 */
public final class CommitReport {
    private CommitReport() {}

    /**
     * {@code [main 1a2b3c4] production: update generated outputs} and the changes, or why nothing
     * was committed.
     *
     * @param branch the branch asked for, or null
     * @param output the output folder, as the user named it
     */
    public static String render(CommitOutcome outcome, String branch, Path output) {
        if (outcome.status() == CommitOutcome.Status.REFUSED) {
            throw new IllegalArgumentException("a refusal is reported as one: " + outcome.refusal());
        }
        if (outcome.status() == CommitOutcome.Status.NO_CHANGES) {
            return "nothing to commit" + (branch == null ? "" : " on branch " + branch) + ": " + output
                    + " already matches the plans at HEAD\n";
        }
        StringBuilder text = new StringBuilder();
        String id = outcome.commitId().orElseThrow();
        String subject = outcome.message().orElseThrow().lines().findFirst().orElse("");
        text.append('[')
                .append(outcome.branch().orElse("detached HEAD"))
                .append(' ')
                .append(id, 0, 7)
                .append("] ")
                .append(subject)
                .append('\n');
        text.append(new TextReport(false, false).render(outcome.changes()));
        outcome.overwritten()
                .forEach(p -> text.append("overwrote hand edit: ").append(p).append('\n'));
        return text.toString();
    }
}
