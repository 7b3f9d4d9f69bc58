package io.scaleplan.testing;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

/** {@link Fixtures#showcase()}, registered for the command-line tests. */
public final class ShowcasePlan implements PlanDefinition {
    @Override
    public ScalingPlan define() {
        return Fixtures.showcase();
    }
}
