package ${package};

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;

import io.scaleplan.dsl.Plan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

/**
 * The production scaling plan: two services and their PostgreSQL database. {@code ./mvnw package}
 * compiles it into {@code generated/production/}; {@code ./mvnw verify} is the CI check.
 */
@Plan
public final class Production implements PlanDefinition {
    @Override
    public ScalingPlan define() {
        return ScalingPlan.builder("production")
                .namespace("shop")
                .helmRelease("shop", "./charts/shop")
                .service("storefront", s -> s.requests(cores(1), gib(1))
                        .limits(cores(2), gib(2))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(200))
                        .expectedLoad(rps(800))
                        .connectionPoolSize(5))
                .service("checkout", s -> s.requests(cores(1), gib(1))
                        .limits(cores(2), gib(2))
                        .autoscale(a -> a.replicas(2, 6).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .connectionPoolSize(5))
                .postgres(pg -> pg.release("postgresql")
                        .limits(cores(2), gib(8))
                        .maxConnections(200))
                .build();
    }
}
