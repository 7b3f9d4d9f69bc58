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

import io.scaleplan.dsl.DescribedObject;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ManagedService;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.PodManagement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SelectPolicy;
import io.scaleplan.dsl.ValueTarget;
import java.math.BigDecimal;
import java.util.Map;

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
                                .requestRate("http_requests_per_second")
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

    /**
     * An estate across two namespaces (golden files under golden/two-namespaces): {@code web} in
     * {@code storefront} (release storefront), {@code ledger} in {@code payments} (release payments),
     * sharing the node pool {@code general} and one PostgreSQL. At maxReplicas, 10 + 8 pods of 1 CPU
     * fill 6 nodes that take 3 each; with rollout surge they open (10 + 3) × 10 + (8 + 2) × 10 = 230
     * connections, + 3 reserved = 233 against max_connections 233. Neither namespace alone comes
     * near either limit: only their sum does.
     */
    public static ScalingPlan twoNamespaces() {
        return twoNamespaces(6, 233);
    }

    /** {@link #twoNamespaces()} with {@code maxNodes} nodes in the shared pool and {@code maxConnections}. */
    public static ScalingPlan twoNamespaces(int maxNodes, int maxConnections) {
        return ScalingPlan.builder("two-namespaces")
                .namespace("storefront")
                .helmRelease("storefront", "oci://registry.example/charts/storefront")
                .service("web", s -> s.requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .connectionPoolSize(10)
                        .nodePool("general"))
                .namespace("payments", ns -> ns.helmRelease("payments", "oci://registry.example/charts/payments")
                        .service("ledger", s -> s.requests(cores(1), gib(2))
                                .autoscale(a -> a.replicas(2, 8).cpuUtilization(percent(60)))
                                .minAvailable(1)
                                .connectionPoolSize(10)
                                .nodePool("general"))
                        .service("ledger-worker", s -> s.replicas(1).nodePool("general")))
                .nodePool(
                        "general",
                        p -> p.allocatable(cores(4), gib(16)).nodes(2, maxNodes).reserve(millicores(500), gib(1)))
                .nodePool("data", p -> p.allocatable(cores(8), gib(32)).nodes(1, 1))
                .postgres(pg ->
                        pg.requests(cores(2), gib(8)).limits(cores(4), gib(16)).maxConnections(maxConnections))
                .build();
    }

    /**
     * Every metric type the HPA API has, and request rates declared by the plan whatever their
     * names (golden files under golden/metrics): gateway's Pods metric {@code istio_requests_rate}
     * and orders' Object metric {@code q} are the request rates; orders' External queue metric is
     * not one.
     */
    public static ScalingPlan metrics() {
        return ScalingPlan.builder("metrics")
                .namespace("mesh")
                .helmRelease("mesh", "oci://registry.example/charts/mesh")
                .service("gateway", s -> s.requests(millicores(500), mib(512))
                        .autoscale(a -> a.replicas(2, 30)
                                .podsMetric("istio_requests_rate", 75, MetricSource.rate("istio_requests_total"))
                                .requestRate("istio_requests_rate")
                                .containerCpuUtilization("app", percent(60))
                                .containerMemoryAverage("istio-proxy", mib(200)))
                        .capacityPerPod(rps(100))
                        .expectedLoad(rps(1_500)))
                .service("orders", s -> s.requests(millicores(250), mib(256))
                        .autoscale(a -> a.replicas(1, 20)
                                .externalMetric(
                                        "sqs_messages_visible",
                                        Map.of("queue", "orders"),
                                        ValueTarget.averageValue(30),
                                        MetricSource.gauge("aws_sqs_approximate_number_of_messages_visible_average"))
                                .objectMetric(
                                        DescribedObject.of("networking.k8s.io/v1", "Ingress", "orders"),
                                        "q",
                                        ValueTarget.averageValue(70),
                                        MetricSource.rate("nginx_ingress_controller_requests"))
                                .requestRate("q"))
                        .capacityPerPod(rps(100))
                        .expectedLoad(rps(900)))
                .build();
    }

    /**
     * StatefulSets next to a Deployment (golden files under golden/stateful): an autoscaled
     * OrderedReady StatefulSet with a PDB, capacity and a pool, a fixed Parallel one, and an
     * autoscaled Deployment.
     */
    public static ScalingPlan stateful() {
        return ScalingPlan.builder("stateful")
                .namespace("ledger")
                .helmRelease("ledger", "oci://registry.example/charts/ledger")
                .service("ledger", s -> s.statefulSet()
                        .requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(3, 8)
                                .cpuUtilization(percent(70))
                                .podsMetric("http_requests_per_second", 300, MetricSource.rate("http_requests_total"))
                                .requestRate("http_requests_per_second"))
                        .maxUnavailable(1)
                        .capacityPerPod(rps(400))
                        .expectedLoad(rps(2_000)))
                .service("search", s -> s.statefulSet(PodManagement.PARALLEL)
                        .requests(millicores(500), gib(1))
                        .replicas(3)
                        .minAvailable(2))
                .service("api", s -> s.requests(millicores(250), mib(512))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(60)))
                        .rolloutSurge(percent(50)))
                .nodePool("general", p -> p.allocatable(millicores(3_920), gib(15))
                        .nodes(2, 6)
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

    /**
     * The default PostgreSQL and Redis not as Bitnami releases: PostgreSQL in the team's chart,
     * Redis in the chart with a config file (import's round trip of default instances' hosting).
     */
    public static ScalingPlan hostedDefaults() {
        return ScalingPlan.builder("hosted-defaults")
                .helmRelease("shop", "./shop")
                .service("web", s -> s.replicas(2).connectionPoolSize(10))
                .postgres(pg -> pg.inChart("shop-db").instance(2, gib(2)).maxConnections(100))
                .redis(r -> r.inChartWithConfigFile("shop-cache")
                        .maxmemory(mib(64))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU))
                .build();
    }

    /** A definition of {@code plan}, as the loader sees plans. */
    public static PlanDefinition definition(ScalingPlan plan) {
        return () -> plan;
    }
}
