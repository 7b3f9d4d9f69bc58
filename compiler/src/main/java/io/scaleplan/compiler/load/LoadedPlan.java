package io.scaleplan.compiler.load;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPlan;
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
 * @param event the event, when the definition is an {@link io.scaleplan.dsl.EventDefinition}; then
 *     {@code plan} is its first phase's plan
 * @param declaredName the name the definition gave its builder before it failed, when it did
 */
public record LoadedPlan(
        String definitionClass,
        Optional<ScalingPlan> plan,
        List<Diagnostic> problems,
        Optional<EventPlan> event,
        Optional<String> declaredName) {

    public LoadedPlan {
        Objects.requireNonNull(definitionClass, "definitionClass");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(declaredName, "declaredName");
        problems = List.copyOf(problems);
        if (plan.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a loaded plan has either a plan or problems: " + definitionClass);
        }
    }

    /** A plan definition's outcome. */
    public LoadedPlan(String definitionClass, Optional<ScalingPlan> plan, List<Diagnostic> problems) {
        this(definitionClass, plan, problems, Optional.empty(), Optional.empty());
    }

    /** A plan definition that failed after declaring its name (when it got that far). */
    public static LoadedPlan failed(String definitionClass, List<Diagnostic> problems, Optional<String> declaredName) {
        return new LoadedPlan(definitionClass, Optional.empty(), problems, Optional.empty(), declaredName);
    }

    /** A built event. */
    public static LoadedPlan of(String definitionClass, EventPlan event) {
        return new LoadedPlan(
                definitionClass,
                Optional.of(event.phases().get(0).plan()),
                List.of(),
                Optional.of(event),
                Optional.of(event.name()));
    }

    /**
     * The plan's name; when it failed, the name it declared before failing, or else the
     * definition's simple class name.
     */
    public String name() {
        return plan.map(ScalingPlan::name)
                .or(() -> declaredName)
                .orElse(definitionClass.substring(definitionClass.lastIndexOf('.') + 1));
    }
}
