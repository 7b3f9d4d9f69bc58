package io.scaleplan.compiler.emit;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import java.util.List;
import java.util.Objects;

/**
 * The documents of one plan (or event phase) and where they go: what APPLY.md is written from.
 *
 * @param plan the resolved plan
 * @param folder the folder the documents are written to and applied from
 * @param documents every target's documents, the kustomization included
 */
public record PlanOutput(ResolvedPlan plan, PlanFolder folder, List<Document> documents) {

    public PlanOutput {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(folder, "folder");
        documents = List.copyOf(documents);
    }

    /** The documents {@code target} made. */
    public List<Document> of(Target target) {
        return documents.stream().filter(d -> d.target().equals(target.name())).toList();
    }

    /** The files, rendered, under the folder. */
    public List<GeneratedFile> files() {
        return documents.stream().map(d -> Renderer.file(folder, d)).toList();
    }
}
