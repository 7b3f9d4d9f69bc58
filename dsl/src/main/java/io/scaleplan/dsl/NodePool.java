package io.scaleplan.dsl;

import java.util.Objects;

/**
 * A node pool the plan's pods run on (an EKS node group, a GKE node pool): what one node can
 * give to pods, how many nodes the pool scales between, and what each node keeps for itself
 * (DaemonSets, system pods) beyond what the cloud already subtracts from allocatable.
 *
 * @param name the pool's name, a DNS-1123 label ({@code arka-workers})
 * @param allocatableCpu CPU a node offers to pods ({@code kubectl get node -o jsonpath='{.status.allocatable.cpu}'})
 * @param allocatableMemory memory a node offers to pods
 * @param minNodes the fewest nodes
 * @param maxNodes the most nodes the pool (or cluster autoscaler) may run
 * @param reservedCpu CPU per node taken by DaemonSets and system pods
 * @param reservedMemory memory per node taken by DaemonSets and system pods
 * @param source where the pool was declared
 * @param provider the EKS node group or GKE node pool, when the plan's APPLY.md should resize it
 */
public record NodePool(
        String name,
        Cpu allocatableCpu,
        Memory allocatableMemory,
        int minNodes,
        int maxNodes,
        Cpu reservedCpu,
        Memory reservedMemory,
        SourceLocation source,
        java.util.Optional<NodeProvider> provider) {

    /** The most nodes a pool may declare (Kubernetes supports clusters of up to 5,000 nodes). */
    public static final int MAX_NODES = 10_000;

    /** The most CPU or memory one node may offer: beyond it, totals over a pool could overflow. */
    static final long MAX_NODE_MILLICORES = 1_000_000_000L;

    static final long MAX_NODE_BYTES = 1L << 50;

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public NodePool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allocatableCpu, "allocatableCpu");
        Objects.requireNonNull(allocatableMemory, "allocatableMemory");
        Objects.requireNonNull(reservedCpu, "reservedCpu");
        Objects.requireNonNull(reservedMemory, "reservedMemory");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provider, "provider");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid node pool name: " + Names.show(name));
        }
        if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes) {
            throw new IllegalArgumentException(
                    "node pool needs 0 <= minNodes <= maxNodes, maxNodes >= 1: " + minNodes + ".." + maxNodes);
        }
        if (reservedCpu.compareTo(allocatableCpu) >= 0 || reservedMemory.compareTo(allocatableMemory) >= 0) {
            throw new IllegalArgumentException("node pool reserve must be below allocatable: " + name);
        }
    }

    /** A pool without a provider. */
    public NodePool(
            String name,
            Cpu allocatableCpu,
            Memory allocatableMemory,
            int minNodes,
            int maxNodes,
            Cpu reservedCpu,
            Memory reservedMemory,
            SourceLocation source) {
        this(
                name,
                allocatableCpu,
                allocatableMemory,
                minNodes,
                maxNodes,
                reservedCpu,
                reservedMemory,
                source,
                java.util.Optional.empty());
    }

    /** This pool with another node count range: an event phase's change. */
    public NodePool withNodes(int newMin, int newMax) {
        return new NodePool(
                name, allocatableCpu, allocatableMemory, newMin, newMax, reservedCpu, reservedMemory, source, provider);
    }

    /** CPU one node leaves for the plan's pods: allocatable minus reserve. */
    public Cpu usableCpu() {
        return new Cpu(allocatableCpu.millicores() - reservedCpu.millicores());
    }

    /** Memory one node leaves for the plan's pods: allocatable minus reserve. */
    public Memory usableMemory() {
        return new Memory(allocatableMemory.bytes() - reservedMemory.bytes());
    }

    /**
     * Builds a node pool:
     *
     * <pre>{@code
     * .nodePool("arka-workers", p -> p
     *         .allocatable(millicores(3_920), gib(14))
     *         .nodes(3, 20)
     *         .reserve(millicores(300), mib(768)))
     * }</pre>
     */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final String name;
        private final SourceLocation source;
        private Cpu cpu;
        private Memory memory;
        private Integer min;
        private Integer max;
        private Cpu reservedCpu = new Cpu(0);
        private Memory reservedMemory = new Memory(0);
        private NodeProvider provider;

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.element = PlanElement.plan(planName).nodePool(name);
            this.name = name;
            this.source = source;
        }

        /** What one node offers to pods (its allocatable CPU and memory); both greater than 0. */
        public Builder allocatable(Cpu cpu, Memory memory) {
            Objects.requireNonNull(cpu, "cpu");
            Objects.requireNonNull(memory, "memory");
            if (cpu.millicores() == 0
                    || memory.bytes() == 0
                    || cpu.millicores() > MAX_NODE_MILLICORES
                    || memory.bytes() > MAX_NODE_BYTES) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "allocatable CPU and memory must be greater than 0 and at most 1,000,000 cores and 1 PiB, was "
                                + cpu + " and " + memory);
            }
            this.cpu = cpu;
            this.memory = memory;
            return this;
        }

        /** The node count range: {@code nodes(3, 20)} is the runbook's {@code minSize=3,maxSize=20}. */
        public Builder nodes(int minNodes, int maxNodes) {
            if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes || maxNodes > MAX_NODES) {
                problems.errorHere(
                        RuleId.INVALID_REPLICAS,
                        element,
                        "nodes(min, max) needs 0 <= min <= max and 1 <= max <= " + MAX_NODES + ", was nodes(" + minNodes
                                + ", " + maxNodes + ")");
            }
            this.min = minNodes;
            this.max = maxNodes;
            return this;
        }

        /** What each node keeps for DaemonSets and system pods, subtracted from allocatable. Default none. */
        public Builder reserve(Cpu cpu, Memory memory) {
            this.reservedCpu = Objects.requireNonNull(cpu, "cpu");
            this.reservedMemory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /**
         * The pool is the EKS node group {@code nodegroup} of cluster {@code cluster}; APPLY.md
         * sizes it with {@code aws eks update-nodegroup-config --scaling-config}.
         */
        public Builder eks(String cluster, String nodegroup) {
            return provider(NodeProvider.Kind.EKS, cluster, nodegroup, null);
        }

        /**
         * The pool is the GKE node pool {@code pool} of cluster {@code cluster} in {@code location}
         * (a region or zone); APPLY.md sets its autoscaling bounds, counted across all its zones,
         * with {@code gcloud container node-pools update --total-min-nodes --total-max-nodes}.
         */
        public Builder gke(String cluster, String pool, String location) {
            return provider(NodeProvider.Kind.GKE, cluster, pool, location);
        }

        private Builder provider(NodeProvider.Kind kind, String cluster, String pool, String location) {
            boolean ok = true;
            for (String value : new String[] {cluster, pool}) {
                if (!NodeProvider.isValidName(kind, value)) {
                    problems.errorHere(
                            RuleId.INVALID_NAME,
                            element,
                            kind + " name " + Names.show(value) + " is not valid (" + NodeProvider.rule(kind) + ")");
                    ok = false;
                }
            }
            if (location != null && !NodeProvider.isValidName(NodeProvider.Kind.GKE, location)) {
                problems.errorHere(
                        RuleId.INVALID_NAME,
                        element,
                        "location " + Names.show(location) + " is not valid (" + NodeProvider.GKE_NAME_RULE + ")");
                ok = false;
            }
            if (ok) {
                this.provider = new NodeProvider(kind, cluster, pool, java.util.Optional.ofNullable(location));
            }
            return this;
        }

        boolean check() {
            if (cpu == null || min == null) {
                problems.error(
                        RuleId.INCOMPLETE,
                        element,
                        "a node pool needs allocatable(cpu, memory) and nodes(min, max)",
                        source);
                return false;
            }
            if (min < 0 || max < 1 || min > max || max > MAX_NODES || cpu.millicores() == 0 || memory.bytes() == 0) {
                return false;
            }
            if (reservedCpu.compareTo(cpu) >= 0 || reservedMemory.compareTo(memory) >= 0) {
                problems.error(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "reserve (" + reservedCpu + " CPU, " + reservedMemory + ") leaves nothing of allocatable ("
                                + cpu + " CPU, " + memory + ")",
                        source);
                return false;
            }
            return true;
        }

        String name() {
            return name;
        }

        NodePool build() {
            return new NodePool(
                    name,
                    cpu,
                    memory,
                    min,
                    max,
                    reservedCpu,
                    reservedMemory,
                    source,
                    java.util.Optional.ofNullable(provider));
        }
    }
}
