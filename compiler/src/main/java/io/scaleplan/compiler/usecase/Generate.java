package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.SyncResult;
import java.nio.file.Path;
import java.util.List;

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
        requireOk(compiled);
        GeneratedDirectory folder = GeneratedDirectory.open(output);
        List<String> leftovers = folder.leftovers();
        List<SyncResult> results = folder.sync(compiled.plans(), compiled.files(), compiled.allPlans(), force);
        return new Result(leftovers, results);
    }

    static void requireOk(CompiledPlans compiled) {
        if (!compiled.ok()) {
            throw new IllegalArgumentException("the plans did not compile: " + compiled.status());
        }
    }
}
