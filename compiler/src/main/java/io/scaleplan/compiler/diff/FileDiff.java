package io.scaleplan.compiler.diff;

import java.util.List;
import java.util.Objects;

/**
 * How one output file differs between two states of the output folder.
 *
 * @param path relative to the output root ({@code production/k8s/usage-metering-hpa.yaml})
 * @param status added, removed or changed
 * @param before the old text; null when added
 * @param after the new text; null when removed
 * @param changes what changed, in the terms of the file's format; empty for added and removed files
 */
public record FileDiff(String path, Status status, String before, String after, List<SemanticChange> changes) {

    /** What happened to the file. */
    public enum Status {
        ADDED,
        REMOVED,
        CHANGED;

        /** {@code added}, {@code removed}, {@code changed}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FileDiff {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
        if ((before == null) != (status == Status.ADDED) || (after == null) != (status == Status.REMOVED)) {
            throw new IllegalArgumentException("texts do not fit status " + status + ": " + path);
        }
    }

    /** The diff of a file from {@code before} to {@code after} (either null when absent), or null when equal. */
    static FileDiff of(String path, String before, String after) {
        if (before == null && after == null || before != null && before.equals(after)) {
            return null;
        } else if (before == null) {
            return new FileDiff(path, Status.ADDED, null, after, List.of());
        } else if (after == null) {
            return new FileDiff(path, Status.REMOVED, before, null, List.of());
        }
        return new FileDiff(path, Status.CHANGED, before, after, Differs.describe(withinPlan(path), before, after));
    }

    /** The plan the file belongs to: the first segment of its path. */
    public String plan() {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The path below the plan's folder ({@code k8s/usage-metering-hpa.yaml}). */
    public String pathInPlan() {
        return withinPlan(path);
    }

    private static String withinPlan(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The plain unified diff of the file. */
    public String unified() {
        return UnifiedDiff.format(path, before, after);
    }

    /**
     * The lines a reader sees for this file: each semantic change as {@code production ·
     * usage-metering HPA · spec.maxReplicas: 20 → 50}, or {@code production · k8s/x.yaml · added}.
     */
    public List<String> describe() {
        if (status != Status.CHANGED) {
            return List.of(plan() + " · " + pathInPlan() + " · " + status.label());
        }
        return changes.stream().map(c -> c.describe(plan())).toList();
    }
}
