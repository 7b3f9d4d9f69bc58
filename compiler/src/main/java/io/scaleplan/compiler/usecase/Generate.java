package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.SyncResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code compile} use case ({@code scaleplan compile}, the {@code generate} goal): write the
 * compiled plans' outputs into the output folder, rewriting only files whose bytes change and
 * removing files scaleplan wrote that the plans no longer produce; all or nothing.
 *
 * <p>Refusals are {@link io.scaleplan.compiler.output.OutputRefusedException} (hand edits without
 * {@code force}, a folder scaleplan does not own), a failed write an {@link
 * java.io.UncheckedIOException}; in both cases the folder is as it was.
 */
public final class Generate {
    private Generate() {}

    /**
     * What writing did.
     *
     * @param leftovers files of an interrupted earlier run that were removed first (folder-relative)
     * @param plans per plan: written, unchanged and removed files
     */
    public record Result(List<String> leftovers, List<SyncResult> plans) {
        public Result {
            leftovers = List.copyOf(leftovers);
            plans = List.copyOf(plans);
        }

        /** How many files were written, over every plan. */
        public int written() {
            return plans.stream().mapToInt(r -> r.written().size()).sum();
        }

        /** How many files were removed, over every plan. */
        public int removed() {
            return plans.stream().mapToInt(r -> r.removed().size()).sum();
        }
    }

    /** Writes {@code compiled} (which must be {@link CompiledPlans#ok()}) into {@code output}. */
    public static Result run(CompiledPlans compiled, Path output, boolean force) {
        return run(compiled, output, force, UpToDate.Inputs.unknown());
    }

    /**
     * Writes {@code compiled} (which must be {@link CompiledPlans#ok()}) into {@code output},
     * recording in the stamp outside Git ({@link UpToDate}) the digest of {@code inputs} when every plan was compiled without a
     * diagnostic, so that a next run with the same inputs can answer without compiling ({@link
     * #upToDate}).
     */
    public static Result run(CompiledPlans compiled, Path output, boolean force, UpToDate.Inputs inputs) {
        requireOk(compiled);
        GeneratedDirectory folder = GeneratedDirectory.open(output);
        List<String> leftovers = folder.leftovers();
        UpToDate.forget(output, inputs);
        List<SyncResult> results = folder.sync(compiled.plans(), compiled.files(), compiled.allPlans(), force);
        UpToDate.record(output, compiled, inputs);
        return new Result(leftovers, results);
    }

    /**
     * What {@link #run} would answer for every plan, without loading or compiling them, when {@code
     * output} is up to date for {@code inputs} ({@link UpToDate#answer}): every file unchanged,
     * nothing written or removed. Empty means the plans must be compiled.
     */
    public static Optional<Fresh> upToDate(Path output, UpToDate.Inputs inputs) {
        return UpToDate.answer(output, inputs).map(answer -> {
            Map<String, List<String>> unchanged = new TreeMap<>();
            answer.stamp().plans().forEach(p -> unchanged.put(p, new ArrayList<>()));
            answer.manifest().files().keySet().forEach(path -> unchanged
                    .get(UpToDate.planOf(path))
                    .add(path));
            List<SyncResult> results = new ArrayList<>();
            unchanged.forEach((plan, paths) -> results.add(new SyncResult(plan, List.of(), paths, List.of())));
            return new Fresh(
                    new Result(List.of(), results), inputs.shown(answer.stamp().printed()));
        });
    }

    /**
     * An up-to-date answer of {@link #upToDate}.
     *
     * @param result what writing would have done: nothing
     * @param printed what the compile printed about the plans (their diagnostics), to print again
     */
    public record Fresh(Result result, List<String> printed) {
        public Fresh {
            printed = List.copyOf(printed);
        }
    }

    static void requireOk(CompiledPlans compiled) {
        if (!compiled.ok()) {
            throw new IllegalArgumentException("the plans did not compile: " + compiled.status());
        }
    }
}
