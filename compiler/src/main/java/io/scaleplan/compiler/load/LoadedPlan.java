package io.scaleplan.compiler.load;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan definition after running it: the plan, or the problems that kept it from being built.
 *
 * @param definitionClass the class that defines the plan
 * @param plan the plan, when it could be built
 * @param problems why it could not; empty when {@code plan} is present
 */
public record LoadedPlan(String definitionClass, Optional<ScalingPlan> plan, List<Diagnostic> problems) {

    public LoadedPlan {
        Objects.requireNonNull(definitionClass, "definitionClass");
        Objects.requireNonNull(plan, "plan");
        problems = List.copyOf(problems);
        if (plan.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a loaded plan has either a plan or problems: " + definitionClass);
        }
    }

    /** The plan's name, or the definition's simple class name when it failed. */
    public String name() {
        return plan.map(ScalingPlan::name).orElse(definitionClass.substring(definitionClass.lastIndexOf('.') + 1));
    }
}
