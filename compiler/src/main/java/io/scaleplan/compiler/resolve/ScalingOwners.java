package io.scaleplan.compiler.resolve;

import io.scaleplan.dsl.HelmRelease;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns a service's replica count and its scaling objects: the one place that decides it. The
 * values overlay, the {@code k8s/} manifests, APPLY.md and the object-ownership rule all read it.
 *
 * @param service the service
 * @param replicaCount who sets the number of pods
 * @param hpa who creates its HorizontalPodAutoscaler; empty when it is not autoscaled
 * @param pdb who creates its PodDisruptionBudget; empty when it declares none
 */
public record ScalingOwners(
        Service service, ReplicaCount replicaCount, Optional<ObjectOwner> hpa, Optional<ObjectOwner> pdb) {

    /** Who sets a service's number of pods. */
    public enum ReplicaCount {
        /** Its HorizontalPodAutoscaler, between minReplicas and maxReplicas: the overlay sets no count. */
        AUTOSCALER,
        /** The chart's {@code replicaCount}, from the values overlay (a fixed count). */
        CHART_VALUES
    }

    public ScalingOwners {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(replicaCount, "replicaCount");
        Objects.requireNonNull(hpa, "hpa");
        Objects.requireNonNull(pdb, "pdb");
    }

    /**
     * The owners of {@code service} of {@code plan}: the chart creates an HPA or a PDB when the
     * release leaves them to it and its layout carries them, scaleplan's manifests otherwise.
     */
    public static ScalingOwners of(ScalingPlan plan, Service service) {
        HelmRelease release = plan.namespaceOf(service).release();
        return new ScalingOwners(
                service,
                service.autoscaling().isPresent() ? ReplicaCount.AUTOSCALER : ReplicaCount.CHART_VALUES,
                service.autoscaling()
                        .map(a -> release.chartRendersHpa(service) ? ObjectOwner.CHART : ObjectOwner.SCALEPLAN),
                service.disruptionBudget()
                        .map(b -> release.chartRendersPdb(service) ? ObjectOwner.CHART : ObjectOwner.SCALEPLAN));
    }

    /** Whether scaleplan's {@code k8s/} manifests create its HPA. */
    public boolean scaleplanOwnsHpa() {
        return hpa.filter(o -> o == ObjectOwner.SCALEPLAN).isPresent();
    }

    /** Whether scaleplan's {@code k8s/} manifests create its PDB. */
    public boolean scaleplanOwnsPdb() {
        return pdb.filter(o -> o == ObjectOwner.SCALEPLAN).isPresent();
    }
}
