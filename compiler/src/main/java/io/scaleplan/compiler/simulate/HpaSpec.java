package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.Replicas;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HPA as the controller reads it: the replica range, the metrics and the behavior, if any.
 *
 * @param minReplicas at least 1 (a {@link Replicas} range)
 * @param maxReplicas at least {@code minReplicas}
 * @param metrics at least one
 * @param behavior the defaulted behavior; empty for the legacy path ({@code spec.behavior == nil})
 */
public record HpaSpec(int minReplicas, int maxReplicas, List<MetricTarget> metrics, Optional<HpaBehavior> behavior) {

    public HpaSpec {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(behavior, "behavior");
        new Replicas(minReplicas, maxReplicas); // rejects a range the API server would reject
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an HPA needs at least one metric");
        }
    }
}
