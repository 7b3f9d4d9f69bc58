package io.scaleplan.compiler.output;

import java.util.List;
import java.util.Objects;

/**
 * What a sync of {@code generated/} did for one plan.
 *
 * @param plan the plan's name
 * @param written paths (relative to the output root) whose bytes changed or that are new
 * @param unchanged paths whose bytes were already right, left untouched
 * @param removed paths of earlier scaleplan outputs the plan no longer produces
 */
public record SyncResult(String plan, List<String> written, List<String> unchanged, List<String> removed) {

    public SyncResult {
        Objects.requireNonNull(plan, "plan");
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
    }

    /** Whether anything on disk changed. */
    public boolean changedAnything() {
        return !written.isEmpty() || !removed.isEmpty();
    }

    /** {@code production: 9 written, 0 unchanged, 0 removed}. */
    public String summary() {
        return plan + ": " + written.size() + " written, " + unchanged.size() + " unchanged, " + removed.size()
                + " removed";
    }
}
