package io.scaleplan.compiler.emit;

import io.scaleplan.dsl.ScalingPlan;
import java.util.List;

/**
 * One output family (a target): a pure function from a checked plan to the files it produces.
 * Emitters do no I/O; the output stage writes what they return.
 */
public interface Emitter {

    /** The files this target produces for {@code plan}, with paths under {@code <plan>/}. */
    List<GeneratedFile> emit(ScalingPlan plan);

    /**
     * The files for {@code plan} when it is applied from the output folder {@code root} ({@code
     * black-friday/01-pre-scale} for an event's phase; the plan's name otherwise). Paths are still
     * under {@code <plan>/}; a target whose content names its folder overrides this.
     */
    default List<GeneratedFile> emit(ScalingPlan plan, String root) {
        return emit(plan);
    }
}
