package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.git.CommitOutcome;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.git.GitRefusalException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code commit} use case ({@code scaleplan commit}, the {@code commit} goal): write the output
 * folder and commit the files that changed together with the plan sources they were compiled from.
 * Every refusal (no repository, a merge in progress, hand edits, ...) is a {@link
 * CommitOutcome.Status#REFUSED} outcome; nothing was changed then.
 */
public final class Commit {
    private Commit() {}

    /**
     * How to commit.
     *
     * @param branch commit on this branch (created at HEAD, or checked out), or null for the current one
     * @param message the subject after the plans' names, or null for the default
     * @param force overwrite hand-edited outputs, naming them in the body
     * @param sources folders of plan sources and charts to commit with the outputs
     */
    public record Request(String branch, String message, boolean force, List<Path> sources) {
        public Request {
            sources = List.copyOf(sources);
        }
    }

    /**
     * Commits {@code compiled} (which must be {@link CompiledPlans#ok()}) into {@code output}'s repository.
     *
     * @throws io.scaleplan.compiler.output.OutputRefusedException when the output folder is not scaleplan's
     */
    public static CommitOutcome run(CompiledPlans compiled, Path output, Request request) {
        Generate.requireOk(compiled);
        try (GeneratedTree tree = GeneratedTree.open(output)) {
            return tree.commit(compiled.plans(), compiled.files())
                    .setBranch(request.branch())
                    .setMessage(request.message())
                    .setForce(request.force())
                    .setSources(request.sources())
                    .call();
        } catch (GitRefusalException e) {
            return CommitOutcome.refused(e.refusal());
        }
    }

    /**
     * The source folders committed by default: the module folder holding the source root's {@code
     * java/} and {@code helm/} (so {@code plans/src/main} for {@code plans/src/main/java}), the source
     * root itself when it is not a Maven {@code java} folder, none without a source root.
     */
    public static List<Path> defaultSources(Path sourceRoot) {
        if (sourceRoot == null) {
            return List.of();
        }
        Path root = sourceRoot.toAbsolutePath().normalize();
        boolean mavenLayout =
                root.getFileName() != null && root.getFileName().toString().equals("java") && root.getParent() != null;
        return List.of(Objects.requireNonNull(mavenLayout ? root.getParent() : root));
    }
}
