package io.scaleplan.compiler.drift;

import io.scaleplan.compiler.diff.SemanticChange;
import java.util.List;
import java.util.Objects;

/**
 * Where a live estate differs from a plan's outputs, in {@code diff}'s words: the plan's value, then
 * the cluster's ({@code production · usage-metering HPA · spec.maxReplicas: 20 → 50}).
 *
 * @param plan the plan's name
 * @param changes each difference, the plan's side first
 * @param notes what was not compared, and why
 */
public record DriftReport(String plan, List<SemanticChange> changes, List<String> notes) {

    public DriftReport {
        Objects.requireNonNull(plan, "plan");
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** Whether the live estate matches the plan. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The report as the command prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(plan)
                .append(": ")
                .append(
                        changes.isEmpty()
                                ? "no drift"
                                : changes.size() + (changes.size() == 1 ? " difference" : " differences"))
                .append(" between the plan (left) and the live estate (right)\n");
        for (SemanticChange c : changes) {
            out.append("  ").append(c.describe(plan)).append('\n');
        }
        return out.toString();
    }
}
