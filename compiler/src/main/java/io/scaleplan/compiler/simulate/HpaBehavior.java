package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.Behavior;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.ScalingPolicy;
import io.scaleplan.dsl.ScalingRules;
import io.scaleplan.dsl.SelectPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HPA's {@code spec.behavior} after the API server's defaulting ({@code
 * pkg/apis/autoscaling/v2/defaults.go}) and the controller's fill-in of the scale-down window.
 *
 * @param scaleUp the scale-up rules
 * @param scaleDown the scale-down rules
 */
public record HpaBehavior(Rules scaleUp, Rules scaleDown) {

    public HpaBehavior {
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
    }

    /**
     * One policy: at most {@code value} pods (or percent) per {@code periodSeconds}.
     *
     * @param percent whether the type is {@code Percent} (else {@code Pods})
     * @param value the amount, greater than 0
     * @param periodSeconds the sliding window, 1 to 1800
     */
    public record Policy(boolean percent, int value, int periodSeconds) {
        public Policy {
            if (value < 1 || periodSeconds < 1) {
                throw new IllegalArgumentException("policy value and period must be greater than 0");
            }
        }

        /** {@code Pods 4 / 15s}. */
        @Override
        public String toString() {
            return (percent ? "Percent " : "Pods ") + value + " / " + periodSeconds + "s";
        }
    }

    /**
     * One direction's rules.
     *
     * @param stabilizationSeconds the stabilization window
     * @param select how to choose among the policies
     * @param policies at least one
     * @param tolerance the direction's {@code tolerance} (a fraction), replacing the controller's
     *     global one; empty when unset
     */
    public record Rules(
            int stabilizationSeconds, SelectPolicy select, List<Policy> policies, Optional<Double> tolerance) {
        public Rules {
            Objects.requireNonNull(select, "select");
            Objects.requireNonNull(tolerance, "tolerance");
            tolerance.ifPresent(t -> {
                if (!(t >= 0) || Double.isInfinite(t)) {
                    throw new IllegalArgumentException("tolerance must be a finite number of at least 0: " + t);
                }
            });
            policies = List.copyOf(policies);
            if (stabilizationSeconds < 0) {
                throw new IllegalArgumentException("stabilization window must not be negative");
            }
            if (policies.isEmpty()) {
                throw new IllegalArgumentException("rules need at least one policy");
            }
        }

        /** Rules without a tolerance of their own. */
        public Rules(int stabilizationSeconds, SelectPolicy select, List<Policy> policies) {
            this(stabilizationSeconds, select, policies, Optional.empty());
        }

        /** The longest policy period: events older than this are outdated. */
        int longestPeriod() {
            return policies.stream().mapToInt(Policy::periodSeconds).max().orElse(0);
        }
    }

    /** The API's scale-up default: 4 pods or 100 % per 15 s, whichever is more, no window. */
    public static Rules defaultScaleUp() {
        return new Rules(0, SelectPolicy.MAX, List.of(new Policy(false, 4, 15), new Policy(true, 100, 15)));
    }

    /** The API's scale-down default: 100 % per 15 s, after the controller's downscale window. */
    public static Rules defaultScaleDown(ControllerSettings settings) {
        return new Rules(
                settings.downscaleStabilizationSeconds(), SelectPolicy.MAX, List.of(new Policy(true, 100, 15)));
    }

    /** {@code behavior} with every unset field defaulted, field by field as {@code copyHPAScalingRules}. */
    public static HpaBehavior resolve(Behavior behavior, ControllerSettings settings) {
        return new HpaBehavior(
                fill(behavior.scaleUp(), defaultScaleUp()), fill(behavior.scaleDown(), defaultScaleDown(settings)));
    }

    private static Rules fill(Optional<ScalingRules> given, Rules defaults) {
        if (given.isEmpty()) {
            return defaults;
        }
        ScalingRules r = given.get();
        List<Policy> policies = r.policies().isEmpty()
                ? defaults.policies()
                : r.policies().stream().map(HpaBehavior::policy).toList();
        return new Rules(
                r.stabilizationWindow().map(w -> (int) w.getSeconds()).orElse(defaults.stabilizationSeconds()),
                r.selectPolicy().orElse(defaults.select()),
                policies,
                r.tolerance().map(t -> t.value() / 100.0).or(defaults::tolerance));
    }

    private static Policy policy(ScalingPolicy p) {
        return new Policy(p.amount() instanceof Percent, p.amount().value(), (int)
                p.period().getSeconds());
    }
}
