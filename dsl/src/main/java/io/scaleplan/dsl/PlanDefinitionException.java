package io.scaleplan.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link ScalingPlan.Builder#build()} when a plan declares values that can never be
 * right. It carries every problem found, not only the first, each with its rule id and the source
 * line of the builder call that caused it.
 */
public final class PlanDefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /** An exception for these diagnostics; there must be at least one. */
    public PlanDefinitionException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a plan definition exception needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every problem found, in the order the builder calls were made. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
