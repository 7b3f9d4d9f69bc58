package io.scaleplan.testing;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;

import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ManagedService;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SelectPolicy;
import java.math.BigDecimal;

/** Plans for compiler tests: each exercises a different corner of the emitters. */
public final class Fixtures {
    private Fixtures() {}

    /** Everything the DSL can say about a service, in one plan (golden files under golden/showcase). */
    public static ScalingPlan showcase() {
        return ScalingPlan.builder("showcase")
                .namespace("shop")
                .helmRelease("storefront", "oci://registry.example/charts/storefront")
                .service("checkout", s -> s.requests(millicores(750), mib(1536))
                        .limits(cores(2), gib(3))
                        .autoscale(a -> a.replicas(3, 30)
                                .cpuUtilization(percent(65))
                                .memoryUtilization(percent(80))
                                .podsMetric("http_requests_per_second", 600, MetricSource.rate("http_requests_total"))
                                .podsMetric("queue_depth", new BigDecimal("0.5"), MetricSource.gauge("queue_depth"))
                                .behavior(b -> b.scaleUp(up -> up.stabilizationWindow(seconds(0))
                                                .select(SelectPolicy.MAX)
                                                .policy(percent(100), seconds(15))
                                                .policy(pods(4), seconds(15)))
                                        .scaleDown(down -> down.stabilizationWindow(minutes(5))
                                                .select(SelectPolicy.MIN)
                                                .policy(percent(10), minutes(1)))))
                        .maxUnavailable(percent(25))
                        .capacityPerPod(rps(800))
                        .expectedLoad(rps(12_000)))
                .service("cart", s -> s.helmKey("cartService")
                        .requests(millicores(250), mib(256))
                        .autoscale(a -> a.replicas(2, 6).cpuUtilization(percent(150)))
                        .minAvailable(1))
                .service("on", s -> s.replicas(2).minAvailable(percent(50)))
                .service("batch-worker", s -> s.replicas(0))
                .nodePool("general", p -> p.allocatable(millicores(3_920), gib(15))
                        .nodes(2, 10)
                        .reserve(millicores(200), mib(512)))
                .build();
    }

    /** The smallest plan: one fixed service. */
    public static ScalingPlan minimal() {
        return ScalingPlan.builder("minimal")
                .helmRelease("app", "./app")
                .service("web", s -> s.replicas(1))
                .build();
    }

    /**
     * Three PostgreSQL and three Redis instances, one of each kind (golden files under
     * golden/data-tier): a Bitnami release (the unnamed default), one in the team's chart, one
     * managed by a provider. checkout connects to the default database, orders and the reporting
     * client to "orders" ({@code (8 + 2) × 20 + 5 + 3 reserved = 208} of its max_connections),
     * billing to "billing".
     */
    public static ScalingPlan dataTier() {
        return dataTier(208);
    }

    /** {@link #dataTier()} with the "orders" database's max_connections at {@code ordersMaxConnections}. */
    public static ScalingPlan dataTier(int ordersMaxConnections) {
        return ScalingPlan.builder("data-tier")
                .namespace("shop")
                .helmRelease("shop", "./shop")
                .service("checkout", s -> s.requests(millicores(500), gib(1))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .connectionPoolSize(10))
                .service("orders", s -> s.requests(millicores(500), gib(1))
                        .autoscale(a -> a.replicas(2, 8).cpuUtilization(percent(70)))
                        .connectionPoolSize(20)
                        .database("orders"))
                .service("billing", s -> s.replicas(2).connectionPoolSize(15).database("billing"))
                .databaseClient("reporting", 5, "orders")
                .postgres(pg -> pg.instance(2, gib(1))
                        .maxConnections(150)
                        .index("idx_carts_customer", "carts", "customer_id")
                        .vacuumAnalyze("carts"))
                .postgres("orders", pg -> pg.inChart("orders-db")
                        .instance(2, gib(1))
                        .maxConnections(ordersMaxConnections)
                        .workMem(mib(8))
                        .index("idx_orders_customer", "orders", "customer_id")
                        .vacuumAnalyze("orders"))
                .postgres("billing", pg -> pg.managed(ManagedService.AWS_RDS, "billing-prod")
                        .instance(4, gib(16))
                        .maxConnections(200))
                .redis(r -> r.maxmemory(mib(256))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .requests(millicores(100), mib(256))
                        .limits(millicores(500), mib(512)))
                .redis(
                        "cart",
                        r -> r.inChart("redis-cart").maxmemory(mib(128)).evictionPolicy(EvictionPolicy.ALLKEYS_LRU))
                .redis("sessions", r -> r.managed(ManagedService.AWS_ELASTICACHE, "sessions-prod")
                        .maxmemory(gib(1))
                        .evictionPolicy(EvictionPolicy.VOLATILE_LRU))
                .build();
    }

    /** A definition of {@code plan}, as the loader sees plans. */
    public static PlanDefinition definition(ScalingPlan plan) {
        return () -> plan;
    }
}
