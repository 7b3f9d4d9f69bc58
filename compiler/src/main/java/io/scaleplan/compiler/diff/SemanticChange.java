package io.scaleplan.compiler.diff;

import java.util.Objects;

/**
 * One change as a reader names it: {@code usage-metering HPA} and {@code spec.maxReplicas: 20 → 50}.
 *
 * @param subject what changed: a Kubernetes resource ({@code usage-metering HPA}) or a file within
 *     the plan's folder ({@code helm/arka-values.yaml})
 * @param detail how: a field path, statement or directive with its old and new value
 */
public record SemanticChange(String subject, String detail) {

    public SemanticChange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@code production · usage-metering HPA · spec.maxReplicas: 20 → 50}. */
    public String describe(String plan) {
        return plan + " · " + subject + " · " + detail;
    }
}
