package io.scaleplan.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HPA's rules for one direction ({@code behavior.scaleUp} or {@code behavior.scaleDown}).
 * Whatever is left unset takes the Kubernetes API's default for that direction.
 *
 * @param stabilizationWindow how far back the HPA looks for the highest (scale-down) or lowest
 *     (scale-up) recommendation; 0 to 3600 whole seconds
 * @param selectPolicy how the HPA picks among the policies
 * @param policies the rate limits; empty means the API's defaults
 * @param tolerance how far the usage ratio may move from 1.0 in this direction before the HPA acts
 *     ({@code tolerance}, Kubernetes 1.33+ behind the {@code HPAConfigurableTolerance} gate, on by
 *     default from 1.35); empty means the controller's cluster-wide tolerance (10 %)
 */
public record ScalingRules(
        Optional<Duration> stabilizationWindow,
        Optional<SelectPolicy> selectPolicy,
        List<ScalingPolicy> policies,
        Optional<Percent> tolerance) {
    static final long MAX_WINDOW_SECONDS = 3600;

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ScalingRules {
        Objects.requireNonNull(stabilizationWindow, "stabilizationWindow");
        Objects.requireNonNull(selectPolicy, "selectPolicy");
        Objects.requireNonNull(tolerance, "tolerance");
        policies = List.copyOf(policies);
        stabilizationWindow.ifPresent(w -> {
            if (!isValidWindow(w)) {
                throw new IllegalArgumentException("stabilization window must be 0 to 3600 whole seconds: " + w);
            }
        });
    }

    /** Rules without a tolerance of their own. */
    public ScalingRules(
            Optional<Duration> stabilizationWindow, Optional<SelectPolicy> selectPolicy, List<ScalingPolicy> policies) {
        this(stabilizationWindow, selectPolicy, policies, Optional.empty());
    }

    static boolean isValidWindow(Duration window) {
        return window.getNano() == 0 && window.getSeconds() >= 0 && window.getSeconds() <= MAX_WINDOW_SECONDS;
    }

    /**
     * Builds the rules of one direction:
     *
     * <pre>{@code
     * b.scaleDown(down -> down
     *         .stabilizationWindow(minutes(5))
     *         .policy(percent(10), minutes(1))
     *         .policy(pods(2), minutes(1))
     *         .select(SelectPolicy.MIN))
     * }</pre>
     */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final String direction;
        private Duration stabilizationWindow;
        private SelectPolicy selectPolicy;
        private Percent tolerance;
        private final List<ScalingPolicy> policies = new ArrayList<>();

        Builder(Problems problems, PlanElement element, String direction) {
            this.problems = problems;
            this.element = element;
            this.direction = direction;
        }

        /**
         * How long the HPA remembers past recommendations in this direction before acting on a
         * lower (scale-down) or higher (scale-up) one. 0 to 3600 whole seconds. API default: 300 s
         * for scale-down, 0 for scale-up.
         */
        public Builder stabilizationWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (!isValidWindow(window)) {
                problems.errorHere(
                        RuleId.INVALID_BEHAVIOR,
                        element,
                        "behavior." + direction + ".stabilizationWindowSeconds must be 0 to 3600 whole seconds, was "
                                + show(window));
                return this;
            }
            this.stabilizationWindow = window;
            return this;
        }

        /** How to choose among several policies. API default: {@link SelectPolicy#MAX}. */
        public Builder select(SelectPolicy policy) {
            this.selectPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How far the usage ratio may move from 1.0 before the HPA scales in this direction:
         * {@code percent(5)} on scale-down acts only below 95 % of the target, {@code percent(1)}
         * on scale-up above 101 %. Unset, the controller's cluster-wide tolerance applies (10 %).
         * Emitted as {@code behavior.<direction>.tolerance}: it needs Kubernetes 1.33 or newer with
         * the {@code HPAConfigurableTolerance} feature gate (on by default from 1.35); an API server
         * without it rejects the field.
         */
        public Builder tolerance(Percent tolerance) {
            this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
            return this;
        }

        /**
         * Adds a policy: at most {@code amount} pods, or percent of the current replicas, per
         * {@code period} (1 to 1800 whole seconds).
         */
        public Builder policy(PodAmount amount, Duration period) {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(period, "period");
            String field = "behavior." + direction + ".policies[" + policies.size() + "]";
            boolean ok = true;
            if (amount.value() <= 0) {
                problems.errorHere(
                        RuleId.INVALID_BEHAVIOR,
                        element,
                        field + ".value must be greater than 0, was " + amount.value());
                ok = false;
            }
            if (!ScalingPolicy.isValidPeriod(period)) {
                problems.errorHere(
                        RuleId.INVALID_BEHAVIOR,
                        element,
                        field + ".periodSeconds must be 1 to 1800 whole seconds, was " + show(period));
                ok = false;
            }
            if (ok) {
                policies.add(new ScalingPolicy(amount, period));
            }
            return this;
        }

        ScalingRules build() {
            return new ScalingRules(
                    Optional.ofNullable(stabilizationWindow),
                    Optional.ofNullable(selectPolicy),
                    policies,
                    Optional.ofNullable(tolerance));
        }

        private static String show(Duration d) {
            return d.getNano() == 0 ? d.getSeconds() + "s" : d.toString();
        }
    }
}
