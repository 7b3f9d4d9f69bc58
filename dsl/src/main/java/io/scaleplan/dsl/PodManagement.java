package io.scaleplan.dsl;

/**
 * How a StatefulSet creates and deletes its pods when it scales: its {@code podManagementPolicy}.
 * It decides how long a scale-up takes (the simulator models both): ordered, {@code n} new pods
 * take {@code n} times a pod's start-up; parallel, one start-up. Rolling updates are one pod at a
 * time either way.
 */
public enum PodManagement {
    /**
     * {@code OrderedReady}, Kubernetes' default: pod {@code N} is created once pod {@code N-1} is
     * Running and Ready, and scale-down deletes one pod at a time, highest ordinal first.
     */
    ORDERED_READY("OrderedReady"),
    /** {@code Parallel}: every pod the scale asks for is created (or deleted) at once. */
    PARALLEL("Parallel");

    private final String policy;

    PodManagement(String policy) {
        this.policy = policy;
    }

    /** The value of {@code spec.podManagementPolicy}: {@code OrderedReady}, {@code Parallel}. */
    public String policy() {
        return policy;
    }

    /** The policy named {@code policy} ({@code Parallel}), if it is one of these. */
    public static java.util.Optional<PodManagement> ofPolicy(String policy) {
        for (PodManagement p : values()) {
            if (p.policy.equals(policy)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return policy;
    }
}
