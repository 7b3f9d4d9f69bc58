package io.scaleplan.test;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.dsl.PlanDefinition;
import java.util.List;

/**
 * The entry point of the scaleplan test kit: compile a plan in memory, as the build would, and
 * assert on its outputs and diagnostics without touching the disk.
 *
 * <pre>{@code
 * import static io.scaleplan.test.PlanAssertions.assertThat;
 * import static io.scaleplan.test.PlanAssertions.compile;
 *
 * assertThat(compile(new BlackFriday())).phase("pre-scale").hpa("usage-metering").hasMinReplicas(10);
 * assertThat(compile(new Production())).hasDiagnostic("SP105");
 * }</pre>
 */
public final class PlanAssertions {
    private PlanAssertions() {}

    /** Runs {@code definition} (a plan or an event) and compiles it, checks and all. */
    public static CompiledPlan compile(PlanDefinition definition) {
        return compile(definition, false);
    }

    /** Like {@link #compile(PlanDefinition)}, with every warning reported as an error when {@code strict}. */
    public static CompiledPlan compile(PlanDefinition definition, boolean strict) {
        List<Compilation> compiled = new PlanCompiler(strict).compileAll(PlanLoader.of(List.of(definition)));
        return CompiledPlan.of(compiled.get(0));
    }

    /** Assertions on a compiled plan. */
    public static CompiledPlanAssert assertThat(CompiledPlan actual) {
        return new CompiledPlanAssert(actual);
    }
}
