package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.git.GeneratedTree;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plans' outputs are compared with: the output folder on disk, as committed at HEAD, or
 * as committed at a ref (a pull request's base).
 *
 * @param ref {@code null} for the disk, else the Git revision ({@code HEAD}, {@code origin/main})
 */
public record Baseline(String ref) {

    /** The output folder as it is on disk. */
    public static final Baseline DISK = new Baseline(null);

    /** The output folder as committed at HEAD. */
    public static final Baseline HEAD = new Baseline("HEAD");

    /** The output folder as committed at {@code ref}. */
    public static Baseline at(String ref) {
        return new Baseline(Objects.requireNonNull(ref, "ref"));
    }

    /** Whether this is the disk rather than a commit. */
    public boolean isDisk() {
        return ref == null;
    }

    /** Where the outputs were compared, as messages say it: {@code on disk}, {@code at HEAD}. */
    public String describe() {
        return isDisk() ? "on disk" : "at " + ref;
    }

    /**
     * The scaleplan files of {@code output} as this baseline has them, by output-relative path.
     *
     * @throws io.scaleplan.compiler.git.GitRefusalException when a commit is asked for and there is
     *     no repository, or no such ref
     */
    Map<String, byte[]> read(Path output) {
        if (isDisk()) {
            return GeneratedDirectory.open(output).readAll();
        }
        try (GeneratedTree tree = GeneratedTree.open(output)) {
            return ref.equals("HEAD") ? tree.committed() : tree.committedAt(ref);
        }
    }

    /** How {@code compiled}'s outputs differ from {@code before}, limited to the compiled plans' folders. */
    static OutputDiff compare(Map<String, byte[]> before, CompiledPlans compiled) {
        Generate.requireOk(compiled);
        return OutputDiff.compareBytes(
                GeneratedTree.scope(before, compiled.plans(), compiled.allPlans()),
                GeneratedTree.produced(compiled.files()));
    }

    /** The ref, if a commit. */
    public Optional<String> commit() {
        return Optional.ofNullable(ref);
    }
}
