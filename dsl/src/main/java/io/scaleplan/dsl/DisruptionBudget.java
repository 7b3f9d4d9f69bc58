package io.scaleplan.dsl;

import java.util.Objects;

/**
 * A PodDisruptionBudget ({@code policy/v1}) for a service: how many of its pods voluntary
 * disruptions (node drains, cluster-autoscaler scale-down) must leave running, or may take away.
 *
 * @param kind which of the two fields the budget sets
 * @param amount a pod count or a percentage of the replicas (rounded up, as Kubernetes does)
 * @param source where the budget was declared
 */
public record DisruptionBudget(Kind kind, PodAmount amount, SourceLocation source) {

    /** The two mutually exclusive fields of a PodDisruptionBudget spec. */
    public enum Kind {
        /** {@code spec.minAvailable}: pods that must stay available. */
        MIN_AVAILABLE("minAvailable"),
        /** {@code spec.maxUnavailable}: pods that may be unavailable. */
        MAX_UNAVAILABLE("maxUnavailable");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The field name in the PDB spec. */
        public String field() {
            return field;
        }
    }

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public DisruptionBudget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(source, "source");
        if (amount instanceof Percent p && p.value() > 100) {
            throw new IllegalArgumentException(kind.field() + " must not be greater than 100%: " + p);
        }
    }

    /** The evictions this budget allows when {@code replicas} pods are all healthy. */
    public int allowedDisruptions(int replicas) {
        int desiredHealthy =
                switch (kind) {
                    case MIN_AVAILABLE -> amount.ofPodsRoundingUp(replicas);
                    case MAX_UNAVAILABLE -> Math.max(0, replicas - amount.ofPodsRoundingUp(replicas));
                };
        return Math.max(0, replicas - desiredHealthy);
    }
}
