package io.scaleplan.compiler.resolve;

import io.scaleplan.dsl.SourceLocation;
import java.util.Objects;

/**
 * One Kubernetes object a plan's outputs create, and which output creates it: the platform
 * chart (a Deployment or StatefulSet and a Service per service; the HPA and PDB when it owns them), scaleplan's
 * {@code k8s/} manifests (the HPAs and PDBs when scaleplan owns them), or a Bitnami release.
 *
 * @param kind {@code HorizontalPodAutoscaler}
 * @param name {@code usage-metering-hpa}
 * @param producedBy {@code scaleplan's k8s/ manifests}, {@code the arka release (platform)}
 * @param at where the plan declares what the object comes from
 * @param namespace the object's namespace; empty for the plan's own (its first)
 */
public record ClusterObject(String kind, String name, String producedBy, SourceLocation at, String namespace) {

    public ClusterObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(producedBy, "producedBy");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** An object in the plan's own namespace (its first). */
    public ClusterObject(String kind, String name, String producedBy, SourceLocation at) {
        this(kind, name, producedBy, at, "");
    }

    /** The HorizontalPodAutoscaler's name of a service: {@code <service>-hpa}. */
    public static String hpaName(String service) {
        return service + "-hpa";
    }

    /** {@code Deployments}, {@code StatefulSets} or {@code Deployments and StatefulSets}: what the plan's services are. */
    public static String workloadsNoun(io.scaleplan.dsl.ScalingPlan plan) {
        boolean stateful = plan.services().stream().anyMatch(io.scaleplan.dsl.Service::isStatefulSet);
        boolean deployments = plan.services().stream().anyMatch(s -> !s.isStatefulSet());
        return stateful && deployments ? "Deployments and StatefulSets" : stateful ? "StatefulSets" : "Deployments";
    }

    /** The PodDisruptionBudget's name of a service: {@code <service>-pdb}. */
    public static String pdbName(String service) {
        return service + "-pdb";
    }

    /**
     * A Bitnami release's object name prefix, as its {@code common.names.fullname} makes it: the
     * release name when it contains the chart's name ({@code postgresql}), else {@code
     * <release>-<chart>} ({@code pg-postgresql}), at most 63 characters.
     */
    public static String fullname(String release, String chart) {
        String name = release.contains(chart) ? release : release + "-" + chart;
        name = name.length() > 63 ? name.substring(0, 63) : name;
        return name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
    }
}
