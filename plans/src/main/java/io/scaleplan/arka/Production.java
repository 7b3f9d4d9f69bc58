package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.hours;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.minutes;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;

import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.Plan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.StorageType;
import io.scaleplan.dsl.Workload;

/**
 * The ARKA Engine platform in production, as the scaling runbook describes it: its HPA table
 * (Auto-Scaling Configuration), its capacity table (Capacity Planning) and usage-metering's
 * requests-per-second metric and resources (Add Custom Metrics, Vertical Scaling).
 *
 * <p>Expected loads are the runbook's current capacity (3,000 / 1,000 / 400 rps), checked with its
 * formula: required pods = ceil(expected rps / rps per pod × 1.3).
 *
 * <p>usage-metering's {@code http_requests_per_second}, declared its request rate, targets the
 * runbook's 1000 per pod, and scaleplan warns (SP105): a pod tops out at 1000 rps, so with 1.3
 * headroom the HPA should scale at 769. It stays visible until ARKA re-runs its capacity test.
 *
 * <p>PostgreSQL runs {@code max_connections = 300} (PgTune's OLTP default); black-friday raises it
 * to 500, as the runbook does. Each service's pool is sized so that every service at maxReplicas,
 * during a rolling update (25 % surge), fits both: 229 of 300 here, 473 of 500 at the event's
 * maximums (see CAPACITY.md).
 *
 * <p>Every service keeps a PodDisruptionBudget of {@code maxUnavailable: 1}, which allows one
 * eviction at any replica count, so node drains and scale-down never block (the runbook's "Scale
 * Down Not Working").
 *
 * <p>The data tier follows the runbook's Database and Redis Scaling: PostgreSQL (release {@code
 * postgresql}) on a 4-vCPU, 16 GiB primary with 3 read replicas, 500 connections (its "Connection
 * Pool Adjustment"), the index {@code idx_usage_events_tenant_date} and VACUUM ANALYZE of {@code
 * usage_events}; Redis (release {@code redis}) with 3 replicas, maxmemory 2 GiB and {@code
 * allkeys-lru} ("Memory Optimization"), its pods limited to 3 GiB to leave room for replication
 * buffers and fork copy-on-write.
 *
 * <p>The {@code black-friday} load profile is the event's curve for usage-metering: the current
 * 3,000 rps for 10 minutes, a 10-minute ramp to 5,000 rps when the sale opens, an hour at 5,000,
 * then 30 minutes back to 3,000. The {@link BlackFriday} event's phases derive from this plan and
 * keep the profile, so {@code generated/production/sim/} shows the HPA as it stands under the ramp
 * (it scales 5 → 7 pods and keeps up) and {@code generated/black-friday/01-pre-scale/sim/} the
 * pre-scaled one (10 pods cover 5,000 rps without scaling).
 */
@Plan
public final class Production implements PlanDefinition {

    @Override
    public ScalingPlan define() {
        return ScalingPlan.builder("production")
                .namespace("arka-system")
                .helmRelease("arka", "plans/src/main/helm/arka-engine")
                // The runbook's EKS node group: --scaling-config minSize=3,maxSize=20 (4 vCPU / 16 GiB nodes).
                .nodePool("arka-workers", p -> p.allocatable(millicores(3_920), mib(14_800))
                        .nodes(3, 20)
                        .eks("arka-cluster", "arka-workers")
                        .reserve(millicores(300), mib(768)))
                .service(ArkaEngine.LICENSE_AUTHORITY, s -> s.requests(millicores(500), gib(1))
                        .limits(cores(1), gib(2))
                        .autoscale(a ->
                                a.replicas(2, 10).cpuUtilization(percent(70)).memoryUtilization(percent(80)))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(500))
                        .expectedLoad(rps(1_000))
                        .connectionPoolSize(4))
                .service(ArkaEngine.USAGE_METERING, s -> s.requests(cores(1), gib(2))
                        .limits(cores(2), gib(4))
                        .autoscale(a -> a.replicas(3, 20)
                                .cpuUtilization(percent(70))
                                .memoryUtilization(percent(80))
                                .podsMetric("http_requests_per_second", 1_000, MetricSource.rate("http_requests_total"))
                                .requestRate("http_requests_per_second"))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(1_000))
                        .expectedLoad(rps(3_000))
                        .connectionPoolSize(4))
                .service(ArkaEngine.POLICY_ENGINE, s -> s.requests(millicores(250), mib(512))
                        .limits(millicores(500), gib(1))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(200))
                        .expectedLoad(rps(400))
                        .connectionPoolSize(3))
                .service(ArkaEngine.ATTESTATION_SERVICE, s -> s.requests(millicores(250), mib(256))
                        .limits(millicores(500), mib(512))
                        .autoscale(a -> a.replicas(2, 8).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .connectionPoolSize(3))
                // the runbook's own psql sessions (kubectl exec ... psql -U arka) and schema migrations
                .databaseClient("operators", 3)
                .databaseClient("migrations", 2)
                .postgres(pg -> pg.release("postgresql")
                        .workload(Workload.OLTP)
                        .storage(StorageType.SSD)
                        .requests(cores(2), gib(8))
                        .limits(cores(4), gib(16))
                        .readReplicas(3)
                        .maxConnections(300)
                        .index("idx_usage_events_tenant_date", "usage_events", "tenant_id", "created_at")
                        .vacuumAnalyze("usage_events"))
                .redis(r -> r.release("redis")
                        .replicas(3)
                        .maxmemory(gib(2))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .requests(millicores(500), gib(2))
                        .limits(cores(1), gib(3)))
                .loadProfile(
                        "black-friday",
                        p -> p.service(ArkaEngine.USAGE_METERING, s -> s.from(rps(3_000))
                                .hold(minutes(10))
                                .rampTo(rps(5_000), minutes(10))
                                .hold(hours(1))
                                .rampTo(rps(3_000), minutes(30))))
                .build();
    }
}
