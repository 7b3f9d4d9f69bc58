package shop;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

public final class Storefront implements PlanDefinition {
    @Override
    public ScalingPlan define() {
        return ScalingPlan.builder("shop")
                .namespace("shop")
                .helmRelease("shop", "./shop-chart")
                .service("web", s -> s.requests(cores(1), gib(1))
                        .limits(cores(2), gib(2))
                        .autoscale(a -> a.replicas(2, 6).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .build();
    }
}
