package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An HPA's {@code spec.behavior}: how fast it may scale up and down. A direction left unset
 * takes the Kubernetes API's defaults (scale up by 100 % or 4 pods per 15 s, whichever is more;
 * scale down by up to 100 % per 15 s after a 300 s stabilization window).
 *
 * @param scaleUp the scale-up rules
 * @param scaleDown the scale-down rules
 */
public record Behavior(Optional<ScalingRules> scaleUp, Optional<ScalingRules> scaleDown) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Behavior {
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
    }

    /** Builds a behavior: {@code a.behavior(b -> b.scaleUp(...).scaleDown(...))}. */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private ScalingRules scaleUp;
        private ScalingRules scaleDown;

        Builder(Problems problems, PlanElement element) {
            this.problems = problems;
            this.element = element;
        }

        /** The scale-up rules: {@code up -> up.stabilizationWindow(seconds(0)).policy(pods(4), seconds(15))}. */
        public Builder scaleUp(Consumer<ScalingRules.Builder> rules) {
            ScalingRules.Builder b = new ScalingRules.Builder(problems, element, "scaleUp");
            rules.accept(b);
            this.scaleUp = b.build();
            return this;
        }

        /** The scale-down rules: {@code down -> down.stabilizationWindow(minutes(5)).policy(percent(10), minutes(1))}. */
        public Builder scaleDown(Consumer<ScalingRules.Builder> rules) {
            ScalingRules.Builder b = new ScalingRules.Builder(problems, element, "scaleDown");
            rules.accept(b);
            this.scaleDown = b.build();
            return this;
        }

        Behavior build() {
            return new Behavior(Optional.ofNullable(scaleUp), Optional.ofNullable(scaleDown));
        }
    }
}
