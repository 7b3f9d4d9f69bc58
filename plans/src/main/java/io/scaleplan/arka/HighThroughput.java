package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;

import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.Plan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;

/**
 * The runbook's "Redis Cluster Mode" for very high throughput: usage-metering scaled out, and Redis
 * as a Bitnami {@code redis-cluster} of 6 nodes, one replica per master (3 masters, 3 replicas),
 * each node's data set limited to 2 GiB with {@code allkeys-lru}. Unlike {@link Production}, which
 * keeps the runbook's 1000 rps target, its request-rate target keeps the 1.3 headroom.
 */
@Plan
public final class HighThroughput implements PlanDefinition {

    @Override
    public ScalingPlan define() {
        return ScalingPlan.builder("high-throughput")
                .namespace("arka-system")
                .helmRelease("arka", "plans/src/main/helm/arka-engine")
                .service(ArkaEngine.USAGE_METERING, s -> s.requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(10, 50)
                                .cpuUtilization(percent(70))
                                // 1000 rps per pod at 1.3 headroom: scale at 750 (SP105 allows up to 769)
                                .podsMetric("http_requests_per_second", 750, MetricSource.rate("http_requests_total"))
                                .requestRate("http_requests_per_second"))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(1_000)))
                .redis(r -> r.release("redis-cluster")
                        .cluster(6, 1)
                        .maxmemory(gib(2))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .requests(millicores(500), gib(2))
                        .limits(cores(1), gib(3)))
                .build();
    }
}
