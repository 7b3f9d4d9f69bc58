package io.scaleplan.dsl;

/**
 * Who creates a service's HorizontalPodAutoscaler and PodDisruptionBudget: exactly one owner per
 * object, so that Helm, {@code kubectl apply -k} and a GitOps controller never fight over one.
 */
public enum ObjectOwner {
    /**
     * scaleplan writes them as standalone manifests ({@code k8s/<service>-hpa.yaml}, {@code
     * -pdb.yaml}, labelled {@code app.kubernetes.io/managed-by: scaleplan}); the values overlay turns
     * the chart's own off ({@code autoscaling.enabled: false}, {@code pdb.create: false}) and tells
     * it that an HPA outside the chart owns the replica count ({@code autoscaling.external: true}),
     * so the chart's Deployment has no {@code replicas} to fight the HPA with. The default.
     */
    SCALEPLAN,
    /**
     * The platform chart renders them from the values overlay ({@code autoscaling.*}, {@code
     * pdb.*}); scaleplan writes no manifests for them, and {@code helm upgrade} (or the GitOps
     * controller that renders the chart) is their only owner.
     */
    CHART
}
