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
 */
public record NodePool(
        String name,
        Cpu allocatableCpu,
        Memory allocatableMemory,
        int minNodes,
        int maxNodes,
        Cpu reservedCpu,
        Memory reservedMemory,
        SourceLocation source) {

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
        private final String element;
        private final String name;
        private final SourceLocation source;
        private Cpu cpu;
        private Memory memory;
        private Integer min;
        private Integer max;
        private Cpu reservedCpu = new Cpu(0);
        private Memory reservedMemory = new Memory(0);

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.element = planName + " · node pool " + name;
            this.name = name;
            this.source = source;
        }

        /** What one node offers to pods (its allocatable CPU and memory); both greater than 0. */
        public Builder allocatable(Cpu cpu, Memory memory) {
            Objects.requireNonNull(cpu, "cpu");
            Objects.requireNonNull(memory, "memory");
            if (cpu.millicores() == 0 || memory.bytes() == 0) {
                problems.errorHere(
                        "SP005",
                        element,
                        "allocatable CPU and memory must be greater than 0, was " + cpu + " and " + memory);
            }
            this.cpu = cpu;
            this.memory = memory;
            return this;
        }

        /** The node count range: {@code nodes(3, 20)} is the runbook's {@code minSize=3,maxSize=20}. */
        public Builder nodes(int minNodes, int maxNodes) {
            if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes) {
                problems.errorHere(
                        "SP002",
                        element,
                        "nodes(min, max) needs 0 <= min <= max and max >= 1, was nodes(" + minNodes + ", " + maxNodes
                                + ")");
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

        boolean check() {
            if (cpu == null || min == null) {
                problems.error(
                        "SP007", element, "a node pool needs allocatable(cpu, memory) and nodes(min, max)", source);
                return false;
            }
            if (min < 0 || max < 1 || min > max || cpu.millicores() == 0 || memory.bytes() == 0) {
                return false;
            }
            if (reservedCpu.compareTo(cpu) >= 0 || reservedMemory.compareTo(memory) >= 0) {
                problems.error(
                        "SP005",
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
            return new NodePool(name, cpu, memory, min, max, reservedCpu, reservedMemory, source);
        }
    }
}
