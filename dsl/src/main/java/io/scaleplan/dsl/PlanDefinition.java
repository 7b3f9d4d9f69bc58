package io.scaleplan.dsl;

/**
 * A class that defines one scaling plan. The compiler finds implementations through {@link
 * java.util.ServiceLoader} (listed in {@code META-INF/services/io.scaleplan.dsl.PlanDefinition},
 * which the scaleplan annotation processor writes for every {@link Plan @Plan} class) and compiles
 * what {@link #define()} returns.
 *
 * <pre>{@code
 * @Plan
 * public final class Production implements PlanDefinition {
 *     @Override
 *     public ScalingPlan define() {
 *         return ScalingPlan.builder("production")
 *                 .namespace("arka-system")
 *                 ...
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * Implementations must be public with a public no-argument constructor.
 */
public interface PlanDefinition {

    /**
     * Builds the plan.
     *
     * @throws PlanDefinitionException when the plan declares values that can never be right
     */
    ScalingPlan define();
}
