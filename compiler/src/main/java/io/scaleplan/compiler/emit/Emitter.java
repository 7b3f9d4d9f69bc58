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
}
