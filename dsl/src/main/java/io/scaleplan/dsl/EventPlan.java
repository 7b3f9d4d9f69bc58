package io.scaleplan.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A plan for a high-traffic event, derived from a base plan in phases, as the runbook's
 * "Preparing for High Traffic Events" does it: pre-scale a stated time before the event, optional
 * changes while it runs, and back to the base plan a stated time after it ends.
 *
 * <pre>{@code
 * EventPlan.builder("black-friday", new Production().define())
 *         .preScale(Duration.ofHours(24), p -> p
 *                 .service(ArkaEngine.USAGE_METERING, s -> s.replicas(10).maxReplicas(50))
 *                 .service(ArkaEngine.LICENSE_AUTHORITY, s -> s.replicas(5).maxReplicas(30)))
 *         .during(d -> d.service(ArkaEngine.USAGE_METERING, s -> s.expectedLoad(rps(5_000))))
 *         .postEvent(Duration.ofHours(12))
 *         .build();
 * }</pre>
 *
 * compiles to {@code generated/black-friday/01-pre-scale/}, {@code 02-during/} and {@code
 * 03-post-event/}, each laid out like a plan's folder. On an autoscaled service a pre-scaled
 * replica count becomes the HPA's {@code minReplicas}: {@code kubectl scale} alone is undone by
 * the HPA within seconds. The post-event phase is the base plan, byte for byte.
 *
 * @param name the event's name, a DNS-1123 label; its outputs go to {@code generated/<name>/}
 * @param base the plan the event starts from and returns to
 * @param phases the phases in the order they are applied; pre-scale first, post-event last
 * @param source where {@code builder(...)} was called
 */
public record EventPlan(String name, ScalingPlan base, List<EventPhase> phases, SourceLocation source) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public EventPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        phases = List.copyOf(phases);
        Objects.requireNonNull(source, "source");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid event name: " + Names.show(name));
        }
        if (phases.size() < 2
                || phases.get(0).kind() != EventPhase.Kind.PRE_SCALE
                || phases.get(phases.size() - 1).kind() != EventPhase.Kind.POST_EVENT) {
            throw new IllegalArgumentException("an event runs from pre-scale to post-event: " + name);
        }
        if (!phases.get(phases.size() - 1).plan().equals(base)) {
            throw new IllegalArgumentException("the post-event phase must be the base plan: " + name);
        }
    }

    /**
     * Starts an event named {@code name} (a DNS-1123 label, also the folder of its outputs),
     * derived from {@code base}.
     */
    public static Builder builder(String name, ScalingPlan base) {
        DeclaredName.event(name);
        return new Builder(name, base, SourceLocation.capture());
    }

    /** The phase of this kind, if the event has one. */
    public Optional<EventPhase> phase(EventPhase.Kind kind) {
        return phases.stream().filter(p -> p.kind() == kind).findFirst();
    }

    /** The phase applied before {@code phase}, or empty for the first. */
    public Optional<EventPhase> previous(EventPhase phase) {
        int i = phases.indexOf(phase);
        return i > 0 ? Optional.of(phases.get(i - 1)) : Optional.empty();
    }

    /**
     * Builds an {@link EventPlan}. Like {@link ScalingPlan.Builder}, every method checks its
     * argument where it is called, and {@link #build()} throws a {@link PlanDefinitionException}
     * listing every problem.
     */
    public static final class Builder {
        private final Problems problems = new Problems();
        private final String name;
        private final ScalingPlan base;
        private final SourceLocation source;
        private Duration preScaleLead;
        private PhaseChanges preScale;
        private PhaseChanges during;
        private Duration postEventLag;

        Builder(String name, ScalingPlan base, SourceLocation source) {
            this.name = name;
            this.base = Objects.requireNonNull(base, "base");
            this.source = source;
            if (!Names.isDns1123Label(name)) {
                problems.error(
                        RuleId.INVALID_NAME,
                        PlanElement.plan("event " + Names.show(name)),
                        "event name " + Names.show(name) + " is not a valid DNS-1123 label ("
                                + Names.DNS_1123_LABEL_RULE + ")",
                        source);
            } else if (name.equals(base.name())) {
                problems.error(
                        RuleId.DUPLICATE,
                        PlanElement.plan(name),
                        "event " + Names.show(name) + " has the name of its base plan; outputs would collide",
                        source);
            }
        }

        /**
         * The pre-scale phase, applied {@code lead} before the event starts (the runbook: a day
         * before): raised minimums and maximums.
         */
        public Builder preScale(Duration lead, Consumer<PhaseChanges> changes) {
            this.preScaleLead = checkOffset(lead, "preScale");
            this.preScale = changes(EventPhase.Kind.PRE_SCALE, changes);
            return this;
        }

        /** Further changes while the event runs, on top of the pre-scale phase. Optional. */
        public Builder during(Consumer<PhaseChanges> changes) {
            this.during = changes(EventPhase.Kind.DURING, changes);
            return this;
        }

        /** Back to the base plan {@code lag} after the event ends, once traffic has normalised. */
        public Builder postEvent(Duration lag) {
            this.postEventLag = checkOffset(lag, "postEvent");
            return this;
        }

        private PhaseChanges changes(EventPhase.Kind kind, Consumer<PhaseChanges> spec) {
            Objects.requireNonNull(spec, "changes");
            PhaseChanges c = new PhaseChanges(problems, PlanElement.plan(name).phase(kind.id()), base);
            spec.accept(c);
            return c;
        }

        private Duration checkOffset(Duration offset, String method) {
            Objects.requireNonNull(offset, "offset");
            if (offset.isNegative()) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        PlanElement.plan(name),
                        method + "(" + offset + ", ...): the time must not be negative");
                return Duration.ZERO;
            }
            return offset;
        }

        /**
         * Checks the event and returns its phases' plans.
         *
         * @throws PlanDefinitionException listing every problem found, if there is any
         */
        public EventPlan build() {
            if (preScale == null) {
                problems.error(
                        RuleId.INCOMPLETE,
                        PlanElement.plan(name),
                        "no pre-scale phase: call preScale(lead, changes)",
                        source);
            }
            if (postEventLag == null) {
                problems.error(
                        RuleId.INCOMPLETE, PlanElement.plan(name), "no post-event phase: call postEvent(lag)", source);
            }
            List<EventPhase> phases = new ArrayList<>();
            ScalingPlan preScaled = preScale == null ? base : preScale.apply(base, name, source);
            ScalingPlan live = during == null ? preScaled : during.apply(preScaled, name, source);
            problems.throwIfAny();
            phases.add(new EventPhase(EventPhase.Kind.PRE_SCALE, preScaleLead, preScaled));
            if (during != null) {
                phases.add(new EventPhase(EventPhase.Kind.DURING, Duration.ZERO, live));
            }
            phases.add(new EventPhase(EventPhase.Kind.POST_EVENT, postEventLag, base));
            return new EventPlan(name, base, phases, source);
        }
    }
}
