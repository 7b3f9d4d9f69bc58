package io.scaleplan.testing;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

/** {@link Fixtures#minimal()}, registered for the command-line tests. */
public final class MinimalPlan implements PlanDefinition {
    @Override
    public ScalingPlan define() {
        return Fixtures.minimal();
    }
}
