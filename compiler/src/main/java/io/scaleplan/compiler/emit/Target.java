package io.scaleplan.compiler.emit;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import java.util.List;

/**
 * One output family: a pure function from a resolved plan to typed documents, and what APPLY.md
 * and the kustomization need to apply them. A target reads the resolved plan only: never another
 * target's documents, never the rules. Targets are registered once, in {@link Targets}.
 */
public interface Target {

    /** The target's name, as documents carry it: {@code kubernetes}. */
    String name();

    /**
     * The documents for {@code plan}, whose folder is {@code folder} (a target whose content names
     * its folder, such as the alerts' runbook links, uses it; paths are relative to it).
     */
    List<Document> documents(ResolvedPlan plan, PlanFolder folder);

    /** Its steps of APPLY.md for {@code documents}, the ones it made for {@code plan}. */
    default List<ApplyStep> applySteps(ResolvedPlan plan, PlanFolder folder, List<Document> documents) {
        return List.of();
    }

    /** Its commands of APPLY.md's watch section (after the cluster's own). */
    default List<String> watchCommands(ResolvedPlan plan, PlanFolder folder, List<Document> documents) {
        return List.of();
    }

    /** Its notes after the watch commands, Markdown; empty for none. */
    default String watchNotes(ResolvedPlan plan, PlanFolder folder, List<Document> documents) {
        return "";
    }

    /**
     * The paths (below the plan's folder, in {@link Kustomization#DIR}) of its documents that
     * {@code kubectl apply -k} applies.
     */
    default List<String> kustomization(List<Document> documents) {
        return List.of();
    }
}
