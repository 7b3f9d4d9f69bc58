package io.scaleplan.bench;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static io.scaleplan.dsl.Units.seconds;

import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SelectPolicy;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.StorageType;
import io.scaleplan.dsl.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic estate of {@code services} services in one plan, the same for the same seed: four
 * in five autoscaled (CPU always, memory for half, a request-rate Pods metric for one in five,
 * scaling behavior for one in three), the rest at a fixed replica count; every service with
 * requests and limits and a disruption budget; one in a hundred with a PostgreSQL connection
 * pool; a PostgreSQL primary with read replicas and a Redis, as the ARKA plan has them; one node
 * pool sized to hold every pod at maxReplicas. The plan compiles without errors or warnings.
 *
 * <p>{@link #shape(int, long)} draws the numbers; {@link #plan(List, boolean)} builds the plan, so
 * the model-building benchmark can time the builders alone.
 */
public final class Estate {
    /** The plan's name (the folder under {@code generated/}). */
    public static final String PLAN = "estate";

    /** The seed of the published figures. */
    public static final long DEFAULT_SEED = 42L;

    private static final String[] WORDS = {
        "billing", "ledger", "search", "catalog", "checkout", "identity", "metering", "policy", "ingest", "reports"
    };
    private static final long[][] SIZES = {{250, 256}, {500, 512}, {1_000, 1_024}, {2_000, 2_048}};
    private static final long NODE_CPU = 15_920;
    private static final long NODE_MEMORY_MIB = 60_000;
    private static final long RESERVE_CPU = 400;
    private static final long RESERVE_MEMORY_MIB = 1_024;
    private static final int POOL_EVERY = 100;
    private static final int POOL_SIZE = 2;

    private Estate() {}

    /** What one service looks like; drawn once, so building the plan draws no numbers. */
    public record Shape(
            String name,
            long cpuMillis,
            long memoryMib,
            boolean autoscaled,
            int min,
            int max,
            int cpuTarget,
            int memoryTarget,
            long rpsPerPod,
            boolean podsMetric,
            boolean behavior,
            boolean minAvailable) {}

    /** The shapes of {@code services} services drawn from {@code seed}. */
    public static List<Shape> shape(int services, long seed) {
        if (services < 1) {
            throw new IllegalArgumentException("services must be at least 1: " + services);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Shape> out = new ArrayList<>(services);
        for (int i = 0; i < services; i++) {
            long[] size = SIZES[random.nextInt(SIZES.length)];
            boolean autoscaled = random.nextInt(5) != 0;
            int min = 2 + random.nextInt(3);
            int max = autoscaled ? min + 2 + random.nextInt(9) : min;
            out.add(new Shape(
                    String.format(Locale.ROOT, "%s-%05d", WORDS[i % WORDS.length], i),
                    size[0],
                    size[1],
                    autoscaled,
                    min,
                    max,
                    60 + random.nextInt(21),
                    random.nextBoolean() ? 70 + random.nextInt(16) : 0,
                    100L * (1 + random.nextInt(10)),
                    random.nextInt(5) == 0,
                    random.nextInt(3) == 0,
                    random.nextInt(4) == 0));
        }
        return out;
    }

    /** The estate of {@code services} services for {@code seed}. */
    public static ScalingPlan plan(int services, long seed) {
        return plan(shape(services, seed), false);
    }

    /**
     * The estate of these shapes; with {@code changed}, the first service scales one replica
     * higher (the edit that {@code diff} reports).
     */
    public static ScalingPlan plan(List<Shape> shapes, boolean changed) {
        ScalingPlan.Builder plan = ScalingPlan.builder(PLAN).namespace("estate").helmRelease("estate", "./estate");
        long cpu = 0;
        long memory = 0;
        for (Shape s : shapes) {
            cpu += s.cpuMillis() * (s.max() + 1);
            memory += s.memoryMib() * (s.max() + 1);
        }
        long usableCpu = NODE_CPU - RESERVE_CPU;
        long usableMemory = NODE_MEMORY_MIB - RESERVE_MEMORY_MIB;
        int nodes = (int) Math.max(4, Math.max(cpu / usableCpu, memory / usableMemory) * 5 / 4 + 2);
        plan.nodePool("workers", p -> p.allocatable(millicores(NODE_CPU), mib(NODE_MEMORY_MIB))
                .nodes(3, nodes)
                .reserve(millicores(RESERVE_CPU), mib(RESERVE_MEMORY_MIB)));
        int connections = 0;
        boolean first = true;
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            int bump = changed && first ? 1 : 0;
            boolean pool = i % POOL_EVERY == 0;
            if (pool) {
                int pods = s.max() + bump;
                connections += (pods + (pods + 3) / 4) * POOL_SIZE;
            }
            plan.service(s.name(), b -> {
                service(b, s, bump);
                if (pool) {
                    b.connectionPoolSize(POOL_SIZE);
                }
            });
            first = false;
        }
        int maxConnections = Math.max(200, connections * 5 / 4 + 50);
        plan.postgres(pg -> pg.release("postgresql")
                        .workload(Workload.OLTP)
                        .storage(StorageType.SSD)
                        .requests(cores(2), gib(8))
                        .limits(cores(4), gib(16))
                        .readReplicas(2)
                        .maxConnections(maxConnections)
                        .index("idx_events_tenant_date", "events", "tenant_id", "created_at")
                        .vacuumAnalyze("events"))
                .redis(r -> r.release("redis")
                        .replicas(3)
                        .maxmemory(gib(2))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .requests(millicores(500), gib(2))
                        .limits(cores(1), gib(3)));
        return plan.build();
    }

    private static void service(Service.Builder b, Shape s, int bump) {
        b.requests(millicores(s.cpuMillis()), mib(s.memoryMib()))
                .limits(millicores(s.cpuMillis() * 2), mib(s.memoryMib() * 2))
                .capacityPerPod(rps(s.rpsPerPod()))
                // ceil(load / perPod × 1.3) stays at or below min: no SP104.
                .expectedLoad(rps(s.rpsPerPod() * s.min() * 7 / 10));
        if (s.minAvailable()) {
            b.minAvailable(pods(1));
        } else {
            b.maxUnavailable(pods(1));
        }
        if (!s.autoscaled()) {
            b.replicas(s.min() + bump);
            return;
        }
        b.autoscale(a -> {
            a.replicas(s.min(), s.max() + bump).cpuUtilization(percent(s.cpuTarget()));
            if (s.memoryTarget() > 0) {
                a.memoryUtilization(percent(s.memoryTarget()));
            }
            if (s.podsMetric()) {
                // 70% of a pod's capacity: headroom 1.43 ≥ the default 1.3, so no SP105.
                a.podsMetric("http_requests_per_second", s.rpsPerPod() * 7 / 10);
            }
            if (s.behavior()) {
                a.behavior(h -> h.scaleUp(u -> u.stabilizationWindow(seconds(0))
                                .select(SelectPolicy.MAX)
                                .policy(percent(100), seconds(15))
                                .policy(pods(4), seconds(15)))
                        .scaleDown(d -> d.stabilizationWindow(seconds(300)).policy(percent(50), seconds(60))));
            }
        });
    }
}
