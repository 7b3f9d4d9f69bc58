package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.dsl.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code diff} use case ({@code scaleplan diff}, the {@code diff} goal): how the plans' outputs
 * differ from the output folder on disk, at HEAD or at a base ref. Rendering the result (text,
 * Markdown, colours) is the adapter's choice, with the renderers of {@link io.scaleplan.compiler.diff}.
 */
public final class Diff {
    private Diff() {}

    /**
     * What differs.
     *
     * @param against what the outputs were compared with
     * @param diff file by file, resource by resource
     * @param diagnostics the compiled plans' diagnostics (warnings), for a review report
     */
    public record Result(Baseline against, OutputDiff diff, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Compares {@code compiled} (which must be {@link CompiledPlans#ok()}) with {@code output} as
     * {@code against} has it.
     *
     * @throws io.scaleplan.compiler.git.GitRefusalException when a commit is asked for and cannot be read
     */
    public static Result run(CompiledPlans compiled, Path output, Baseline against) {
        Generate.requireOk(compiled);
        return new Result(against, Baseline.compare(against.read(output), compiled), compiled.diagnostics());
    }
}
