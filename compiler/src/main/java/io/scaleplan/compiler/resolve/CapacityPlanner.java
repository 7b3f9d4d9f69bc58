package io.scaleplan.compiler.resolve;

import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.Rps;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capacity arithmetic shared by the rules and the CAPACITY.md report: the runbook's scaling
 * formula per service, and how the pods at maxReplicas fit a node pool.
 */
public final class CapacityPlanner {
    private CapacityPlanner() {}

    /**
     * One service's capacity: what its pods serve at min and max, and what the expected load needs.
     *
     * @param service the service
     * @param capacity rps per pod and headroom, if declared
     * @param expectedLoad the expected load, if declared
     * @param requiredPods ceil(load / perPod × headroom), when both are declared
     * @param exactPods load / perPod × headroom before rounding up, when both are declared
     */
    public record ServiceCapacity(
            Service service,
            Optional<Capacity> capacity,
            Optional<Rps> expectedLoad,
            Optional<Integer> requiredPods,
            Optional<BigDecimal> exactPods) {

        /** The formula with the numbers: {@code ceil(5000 / 1000 × 1.3) = ceil(6.5) = 7}. */
        public String arithmetic() {
            Capacity c = capacity.orElseThrow();
            return "ceil(" + expectedLoad.orElseThrow().perSecond() + " / "
                    + c.perPod().perSecond() + " × "
                    + Numbers.format(c.headroom()) + ") = ceil(" + Numbers.format(exactPods.orElseThrow()) + ") = "
                    + requiredPods.orElseThrow();
        }

        /** Requests per second the pods serve at {@code pods} replicas. */
        public Optional<Long> capacityAt(int pods) {
            return capacity.map(c -> c.perPod().perSecond() * pods);
        }
    }

    /**
     * The pods that serve while a rolling update runs at maxReplicas: a StatefulSet replaces one pod
     * at a time and starts none extra, so one fewer; a Deployment surges first ({@code maxSurge}),
     * so all of them.
     */
    public static int podsServingDuringRollout(Service service) {
        return service.isStatefulSet() ? Math.max(0, service.maxReplicas() - 1) : service.maxReplicas();
    }

    /** The capacity of {@code service}. */
    public static ServiceCapacity of(Service service) {
        Optional<BigDecimal> exact = Optional.empty();
        Optional<Integer> required = Optional.empty();
        if (service.capacity().isPresent() && service.expectedLoad().isPresent()) {
            Capacity c = service.capacity().get();
            BigDecimal pods = BigDecimal.valueOf(service.expectedLoad().get().perSecond())
                    .multiply(BigDecimal.valueOf(c.headroom()))
                    .divide(BigDecimal.valueOf(c.perPod().perSecond()), 6, RoundingMode.HALF_EVEN);
            exact = Optional.of(pods);
            required = Optional.of(c.requiredPods(service.expectedLoad().get()));
        }
        return new ServiceCapacity(service, service.capacity(), service.expectedLoad(), required, exact);
    }

    /**
     * The most pods Kubernetes supports in one cluster (kubernetes.io, "Considerations for large
     * clusters"): above it a plan cannot run, and the bin packer does not run either, so its memory
     * stays bounded (one entry per pod, one per node).
     */
    public static final int MAX_CLUSTER_PODS = 150_000;

    /** The most nodes Kubernetes supports in one cluster (same source). */
    public static final int MAX_CLUSTER_NODES = 5_000;

    /** A group of identical pods: {@code count} replicas of one service with its requests. */
    public record PodGroup(String owner, int count, Cpu cpu, Memory memory) {}

    /**
     * How the pods at maxReplicas fit a pool at its maximum node count.
     *
     * @param pool the pool
     * @param pods the pod groups on it (services with requests)
     * @param requestedCpu Σ pods × CPU request
     * @param requestedMemory Σ pods × memory request
     * @param totalCpu maxNodes × usable CPU per node
     * @param totalMemory maxNodes × usable memory per node
     * @param podsThatFit how many of the pods a first-fit-decreasing packing places on maxNodes nodes
     * @param podCount how many pods there are
     * @param tooLarge pod groups of which one pod is larger than a node's usable capacity
     * @param packed whether the packing ran: false beyond {@link #MAX_CLUSTER_PODS} pods or {@link
     *     #MAX_CLUSTER_NODES} nodes, or when a total overflows (then SP111 reports it, and the totals
     *     are saturated)
     */
    public record PoolFit(
            NodePool pool,
            List<PodGroup> pods,
            Cpu requestedCpu,
            Memory requestedMemory,
            Cpu totalCpu,
            Memory totalMemory,
            int podsThatFit,
            int podCount,
            List<PodGroup> tooLarge,
            boolean packed) {

        public boolean fits() {
            return podsThatFit == podCount;
        }

        public double cpuShare() {
            return totalCpu.millicores() == 0 ? 0 : requestedCpu.millicores() / (double) totalCpu.millicores();
        }

        public double memoryShare() {
            return totalMemory.bytes() == 0 ? 0 : requestedMemory.bytes() / (double) totalMemory.bytes();
        }

        /** {@code cpu} or {@code memory}: the resource whose requested share of the pool is larger. */
        public String bindingResource() {
            return cpuShare() >= memoryShare() ? "CPU" : "memory";
        }
    }

    /**
     * The data tier's pods, when their requests are known: the PostgreSQL primary and its read
     * replicas, and the Redis master and replicas (or every node of a cluster).
     */
    public static List<PodGroup> dataTierPods(ScalingPlan plan) {
        List<PodGroup> pods = new ArrayList<>();
        plan.postgres().ifPresent(pg -> {
            if (pg.resources().cpuRequest().isPresent()
                    && pg.resources().memoryRequest().isPresent()) {
                pods.add(new PodGroup(
                        "postgresql",
                        1 + pg.readReplicas(),
                        pg.resources().cpuRequest().get(),
                        pg.resources().memoryRequest().get()));
            }
        });
        plan.redis().ifPresent(r -> {
            if (r.resources().cpuRequest().isPresent()
                    && r.resources().memoryRequest().isPresent()) {
                int count = r.cluster().map(c -> c.nodes()).orElse(1 + r.replicas());
                pods.add(new PodGroup(
                        "redis",
                        count,
                        r.resources().cpuRequest().get(),
                        r.resources().memoryRequest().get()));
            }
        });
        return pods;
    }

    /**
     * The fit of every pool the plan declares, with the pods of the services that run on it, and
     * the data tier's pods when the plan has a single pool.
     */
    public static List<PoolFit> poolFits(ScalingPlan plan) {
        return poolFits(plan, dataTierPods(plan));
    }

    /** The fit of every pool the plan declares, with the pods of the services that run on it. */
    public static List<PoolFit> poolFits(ScalingPlan plan, List<PodGroup> extraPods) {
        List<PoolFit> fits = new ArrayList<>();
        for (NodePool pool : plan.nodePools()) {
            List<PodGroup> pods = new ArrayList<>();
            for (Service s : plan.services()) {
                if (plan.poolOf(s).map(p -> p.name().equals(pool.name())).orElse(false)
                        && s.resources().cpuRequest().isPresent()
                        && s.resources().memoryRequest().isPresent()
                        && s.maxReplicas() > 0) {
                    pods.add(new PodGroup(
                            s.name(),
                            s.maxReplicas(),
                            s.resources().cpuRequest().get(),
                            s.resources().memoryRequest().get()));
                }
            }
            if (plan.nodePools().size() == 1) {
                pods.addAll(extraPods);
            }
            fits.add(fit(pool, pods));
        }
        return fits;
    }

    /** How {@code pods} fit {@code pool} at its maximum node count (the simulator's fit at peak). */
    public static PoolFit fit(NodePool pool, List<PodGroup> pods) {
        long cpu = 0;
        long memory = 0;
        long count = 0;
        boolean overflow = false;
        List<PodGroup> tooLarge = new ArrayList<>();
        for (PodGroup g : pods) {
            try {
                cpu = Math.addExact(cpu, Math.multiplyExact(g.cpu().millicores(), (long) g.count()));
                memory = Math.addExact(memory, Math.multiplyExact(g.memory().bytes(), (long) g.count()));
            } catch (ArithmeticException e) {
                overflow = true;
            }
            count += g.count();
            if (g.cpu().compareTo(pool.usableCpu()) > 0 || g.memory().compareTo(pool.usableMemory()) > 0) {
                tooLarge.add(g);
            }
        }
        Cpu totalCpu;
        Memory totalMemory;
        try {
            totalCpu = pool.usableCpu().times(pool.maxNodes());
            totalMemory = pool.usableMemory().times(pool.maxNodes());
        } catch (ArithmeticException e) {
            overflow = true;
            totalCpu = new Cpu(Long.MAX_VALUE);
            totalMemory = new Memory(Long.MAX_VALUE);
        }
        boolean packed = !overflow && count <= MAX_CLUSTER_PODS && pool.maxNodes() <= MAX_CLUSTER_NODES;
        int podCount = (int) Math.min(count, Integer.MAX_VALUE);
        int placed = podCount;
        if (packed) {
            List<long[]> all = new ArrayList<>(podCount);
            for (PodGroup g : pods) {
                for (int i = 0; i < g.count(); i++) {
                    all.add(new long[] {g.cpu().millicores(), g.memory().bytes()});
                }
            }
            placed = firstFitDecreasing(all, pool);
        }
        return new PoolFit(
                pool,
                List.copyOf(pods),
                new Cpu(overflow ? Long.MAX_VALUE : cpu),
                new Memory(overflow ? Long.MAX_VALUE : memory),
                totalCpu,
                totalMemory,
                placed,
                podCount,
                tooLarge,
                packed);
    }

    /** Pods placed by first-fit-decreasing (by their larger share of a node) on maxNodes nodes. */
    private static int firstFitDecreasing(List<long[]> pods, NodePool pool) {
        long nodeCpu = pool.usableCpu().millicores();
        long nodeMemory = pool.usableMemory().bytes();
        pods.sort(
                Comparator.comparingDouble((long[] p) -> Math.max(p[0] / (double) nodeCpu, p[1] / (double) nodeMemory))
                        .reversed());
        long[][] free = new long[pool.maxNodes()][];
        for (int i = 0; i < free.length; i++) {
            free[i] = new long[] {nodeCpu, nodeMemory};
        }
        // Nodes only lose room, so a pod of a size that did not fit nodes before index i never will:
        // the scan for the next pod of that size starts where the last one went. Same placement,
        // without rescanning full nodes for every pod (which was O(pods × nodes) on large estates).
        Map<List<Long>, Integer> firstCandidate = new HashMap<>();
        int placed = 0;
        for (long[] pod : pods) {
            List<Long> size = List.of(pod[0], pod[1]);
            int i = firstCandidate.getOrDefault(size, 0);
            while (i < free.length && !(free[i][0] >= pod[0] && free[i][1] >= pod[1])) {
                i++;
            }
            firstCandidate.put(size, i);
            if (i < free.length) {
                free[i][0] -= pod[0];
                free[i][1] -= pod[1];
                placed++;
            }
        }
        return placed;
    }
}
