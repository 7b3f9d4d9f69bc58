package io.scaleplan.dsl;

/**
 * A class that defines an event plan: a base plan and the phases that scale it up for an event
 * and back. Annotate it with {@link Plan @Plan} like any plan; the compiler writes each phase to
 * {@code generated/<event>/<NN-phase>/}.
 *
 * <pre>{@code
 * @Plan
 * public final class BlackFriday implements EventDefinition {
 *     @Override
 *     public EventPlan event() {
 *         return EventPlan.builder("black-friday", new Production().define())
 *                 .preScale(Duration.ofHours(24), p -> p
 *                         .service(ArkaEngine.USAGE_METERING, s -> s.replicas(10).maxReplicas(50)))
 *                 .during(d -> d.service(ArkaEngine.USAGE_METERING, s -> s.expectedLoad(rps(5_000))))
 *                 .postEvent(Duration.ofHours(12))
 *                 .build();
 *     }
 * }
 * }</pre>
 */
public interface EventDefinition extends PlanDefinition {

    /**
     * Builds the event.
     *
     * @throws PlanDefinitionException when the event or its base declares values that can never be right
     */
    EventPlan event();

    /** The plan the event derives from; the compiler calls {@link #event()} instead. */
    @Override
    default ScalingPlan define() {
        return event().base();
    }
}
