package shop;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.rps;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

public final class Storefront implements PlanDefinition {
    @Override
    public ScalingPlan define() {
        return ScalingPlan.builder("shop")
                .namespace("shop")
                .helmRelease("shop", "./shop-chart")
                .service("web", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 20).cpuUtilization(percent(50)))
                        .capacityPerPod(rps(100)))
                .loadProfile(
                        "sale",
                        p -> p.service("web", c -> c.from(rps(100))
                                .hold(minutes(1))
                                .rampTo(rps(1_000), minutes(1))
                                .hold(minutes(2))))
                .build();
    }
}
