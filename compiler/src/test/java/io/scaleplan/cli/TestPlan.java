package io.scaleplan.cli;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

/**
 * A plan built in test code: usage-metering with {@code maxReplicas} replicas at most, and
 * (optionally) policy-engine. {@code maxReplicas} below 3 is an error (min 3 > max).
 */
record TestPlan(int maxReplicas, boolean withPolicyEngine) implements PlanDefinition {

    static TestPlan maxReplicas(int maxReplicas) {
        return new TestPlan(maxReplicas, true);
    }

    @Override
    public ScalingPlan define() {
        ScalingPlan.Builder plan = ScalingPlan.builder("production")
                .namespace("arka-system")
                .helmRelease("arka", "./arka-engine")
                .service("usage-metering", s -> s.requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(3, maxReplicas).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)));
        if (withPolicyEngine) {
            plan.service("policy-engine", s -> s.requests(cores(1), gib(1))
                    .limits(cores(1), gib(1))
                    .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70))));
        }
        return plan.build();
    }
}
