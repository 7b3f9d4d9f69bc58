package io.scaleplan.compiler;

import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.emit.postgres.PostgresEmitter;
import io.scaleplan.compiler.emit.redis.RedisEmitter;
import io.scaleplan.compiler.emit.report.CapacityReportEmitter;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a plan: check, then emit every target. Pure: nothing here touches the disk. A plan
 * with an error produces no files.
 */
public final class PlanCompiler {
    private final Checker checker = new Checker();
    private final List<Emitter> emitters = List.of(
            new HelmValuesEmitter(),
            new KubernetesEmitter(),
            new PostgresEmitter(),
            new RedisEmitter(),
            new CapacityReportEmitter());
    private final boolean strict;

    /** A compiler that reports warnings as warnings. */
    public PlanCompiler() {
        this(false);
    }

    /** A compiler that, when {@code strict}, promotes every warning to an error. */
    public PlanCompiler(boolean strict) {
        this.strict = strict;
    }

    /**
     * Compiles every loaded plan; a definition that failed to build becomes a compilation with its
     * problems and no files. Sorted by plan name.
     */
    public List<Compilation> compileAll(List<LoadedPlan> plans) {
        List<Compilation> out = new ArrayList<>();
        for (LoadedPlan p : plans) {
            out.add(p.plan().map(this::compile).orElseGet(() -> new Compilation(p.name(), p.problems(), List.of())));
        }
        return out;
    }

    /** Checks and emits {@code plan}. */
    public Compilation compile(ScalingPlan plan) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic d : checker.check(plan)) {
            diagnostics.add(strict && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d);
        }
        // as javac does: by position in the source, so a console reads top to bottom
        diagnostics.sort(
                java.util.Comparator.comparing((Diagnostic d) -> d.location().path())
                        .thenComparingInt(d -> d.location().line())
                        .thenComparing(Diagnostic::ruleId));
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new Compilation(plan.name(), diagnostics, List.of());
        }
        List<GeneratedFile> files = new ArrayList<>();
        for (Emitter emitter : emitters) {
            files.addAll(emitter.emit(plan));
        }
        return new Compilation(plan.name(), diagnostics, files);
    }
}
