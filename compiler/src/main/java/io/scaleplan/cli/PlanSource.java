package io.scaleplan.cli;

import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.dsl.PlanDefinition;
import java.util.List;

/** Where the command line finds its plans: the class path, or (in tests) given definitions. */
@FunctionalInterface
public interface PlanSource {

    /** The plans, run, sorted by name. */
    List<LoadedPlan> load();

    /** Every {@link PlanDefinition} registered on the context class path. */
    static PlanSource classPath() {
        return () -> PlanLoader.load(Thread.currentThread().getContextClassLoader());
    }

    /** Exactly these definitions. */
    static PlanSource of(List<? extends PlanDefinition> definitions) {
        List<? extends PlanDefinition> copy = List.copyOf(definitions);
        return () -> PlanLoader.of(copy);
    }
}
