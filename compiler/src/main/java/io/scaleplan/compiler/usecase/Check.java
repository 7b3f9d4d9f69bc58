package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.git.Refusal;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code check} use case ({@code scaleplan check}, the {@code check} goal): whether the output
 * folder (on disk, or as committed) holds exactly what the plans produce, for CI and hooks. Besides
 * the files that differ, a folder is stale when an interrupted run left files behind or when it has
 * no manifest (the list of the files scaleplan wrote).
 */
public final class Check {
    private Check() {}

    /**
     * What the check found.
     *
     * @param against what the outputs were compared with
     * @param diff how the plans' outputs differ from it
     * @param leftovers files an interrupted run left in the folder (folder-relative)
     * @param manifestMissing whether the folder on disk has no manifest
     * @param fellBackToDisk why a commit could not be read, when the check fell back to the disk
     */
    public record Result(
            Baseline against,
            OutputDiff diff,
            List<String> leftovers,
            boolean manifestMissing,
            Optional<Refusal> fellBackToDisk) {
        public Result {
            leftovers = List.copyOf(leftovers);
        }

        /** Whether the folder matches the plans. */
        public boolean upToDate() {
            return diff.isEmpty() && leftovers.isEmpty() && !manifestMissing;
        }

        /** What besides the diff makes the folder stale, one line each, naming the folder as {@code shown}. */
        public List<String> problems(String shown) {
            List<String> problems = new ArrayList<>();
            leftovers.forEach(p -> problems.add(
                    "leftover of an interrupted run: " + shown + "/" + p + " (the next compile removes it)"));
            if (manifestMissing) {
                problems.add(shown + " has no " + Manifest.FILE_NAME + " (the list of the files scaleplan wrote):"
                        + " compile writes it");
            }
            return problems;
        }
    }

    /**
     * Compares {@code compiled} (which must be {@link CompiledPlans#ok()}) with {@code output} as
     * {@code against} has it.
     *
     * @param fallBackToDisk when {@code against} is a commit that cannot be read (no repository),
     *     compare with the disk instead of refusing
     * @throws GitRefusalException when a commit cannot be read and {@code fallBackToDisk} is false
     */
    public static Result run(CompiledPlans compiled, Path output, Baseline against, boolean fallBackToDisk) {
        Generate.requireOk(compiled);
        Baseline used = against;
        Optional<Refusal> fellBack = Optional.empty();
        Map<String, byte[]> before;
        try {
            before = against.read(output);
        } catch (GitRefusalException e) {
            if (!fallBackToDisk || against.isDisk()) {
                throw e;
            }
            used = Baseline.DISK;
            fellBack = Optional.of(e.refusal());
            before = used.read(output);
        }
        GeneratedDirectory folder = GeneratedDirectory.open(output);
        return new Result(
                used,
                Baseline.compare(before, compiled),
                folder.leftovers(),
                folder.manifest().isEmpty(),
                fellBack);
    }
}
