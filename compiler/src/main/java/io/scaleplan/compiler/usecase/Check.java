package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.git.Refusal;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
     * What {@link #run} would answer against the disk, without loading or compiling the plans,
     * when {@code output} is up to date for {@code inputs} ({@link UpToDate#answer}): no difference.
     * Empty means the plans must be compiled.
     *
     * @return the answer, and the plans and their file count as a compile would have them
     */
    public static Optional<Fresh> upToDate(Path output, UpToDate.Inputs inputs) {
        return UpToDate.answer(output, inputs)
                .map(answer -> new Fresh(
                        new Result(Baseline.DISK, new OutputDiff(List.of()), List.of(), false, Optional.empty()),
                        answer.stamp().plans(),
                        answer.manifest().files().size(),
                        inputs.shown(answer.stamp().printed())));
    }

    /**
     * Records, as a compile does ({@link UpToDate}), that {@code output} on disk holds what {@code
     * compiled} produces, when {@code result} found exactly that: so that a later check or compile
     * of the same inputs answers without compiling. A folder that another build wrote (the Maven
     * plugin's {@code generate}) is then as fast to check as one the CLI wrote. Nothing is recorded
     * for a stale folder, a manifest with lines of an earlier version (the next compile rewrites
     * it), a comparison with a commit, or a selection of plans.
     */
    public static void remember(Result result, CompiledPlans compiled, Path output, UpToDate.Inputs inputs) {
        if (result.upToDate() && result.against().isDisk() && canonicalManifest(output)) {
            UpToDate.record(output, compiled, inputs);
        }
    }

    /** Whether the folder's manifest is byte for byte as a compile writes it (no lines of an earlier version). */
    private static boolean canonicalManifest(Path output) {
        Path file = output.resolve(Manifest.FILE_NAME);
        try {
            Optional<Manifest> manifest = Manifest.read(file);
            return manifest.isPresent()
                    && Arrays.equals(Files.readAllBytes(file), manifest.get().bytes());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An up-to-date answer of {@link #upToDate}.
     *
     * @param result the check's result (up to date)
     * @param plans the plans' names, sorted, as {@link CompiledPlans#plans()} has them
     * @param files how many files the plans produce
     * @param printed what the compile printed about the plans (their diagnostics), to print again
     */
    public record Fresh(Result result, List<String> plans, int files, List<String> printed) {
        public Fresh {
            plans = List.copyOf(plans);
            printed = List.copyOf(printed);
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
