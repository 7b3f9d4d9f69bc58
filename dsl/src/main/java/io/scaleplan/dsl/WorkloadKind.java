package io.scaleplan.dsl;

/**
 * The kind of the object a service's pods belong to and its HPA scales ({@code
 * spec.scaleTargetRef}): a Deployment, the default, or a StatefulSet ({@code s ->
 * s.statefulSet()}). The kind decides what a rolling update costs and which objects scaleplan
 * names:
 *
 * <table>
 *   <caption>Deployment and StatefulSet as scaleplan treats them</caption>
 *   <tr><th></th><th>{@link #DEPLOYMENT}</th><th>{@link #STATEFUL_SET}</th></tr>
 *   <tr><td>HPA target, PDB owner, patch target</td><td>{@code apps/v1 Deployment}</td>
 *       <td>{@code apps/v1 StatefulSet}</td></tr>
 *   <tr><td>rolling update</td><td>starts up to {@code maxSurge} extra pods ({@link
 *       Service.Builder#rolloutSurge}, default 25 %), counted in the connection budget</td>
 *       <td>replaces one pod at a time, highest ordinal first, and starts no extra pod: one pod
 *       fewer serves until the new one is Ready</td></tr>
 *   <tr><td>scale-up</td><td>all new pods at once</td><td>one pod at a time, each after the one
 *       before is Running and Ready ({@link PodManagement#ORDERED_READY}, the default), or all at
 *       once ({@link PodManagement#PARALLEL})</td></tr>
 *   <tr><td>pods</td><td>{@code <name>-<hash>-<suffix>}</td><td>{@code <name>-0}, {@code
 *       <name>-1}, ...</td></tr>
 *   <tr><td>PodDisruptionBudget</td><td colspan="2">the same: the disruption controller reads
 *       either's {@code spec.replicas} (its scale) for percentages and {@code maxUnavailable}</td></tr>
 * </table>
 */
public enum WorkloadKind {
    /** An {@code apps/v1} Deployment: pods from a ReplicaSet, rolled with {@code maxSurge}. The default. */
    DEPLOYMENT("Deployment", "deployment"),
    /** An {@code apps/v1} StatefulSet: ordinal pods, rolled one at a time without surge. */
    STATEFUL_SET("StatefulSet", "statefulset");

    private final String kind;
    private final String resource;

    WorkloadKind(String kind, String resource) {
        this.kind = kind;
        this.resource = resource;
    }

    /** The API group and version of the object: {@code apps/v1}. */
    public String apiVersion() {
        return "apps/v1";
    }

    /** The object's {@code kind}: {@code Deployment}, {@code StatefulSet}. */
    public String kind() {
        return kind;
    }

    /** The resource as kubectl names it: {@code deployment}, {@code statefulset} ({@code kubectl rollout status statefulset/cache}). */
    public String resource() {
        return resource;
    }

    /** The kind named {@code kind} ({@code StatefulSet}), if it is one of these. */
    public static java.util.Optional<WorkloadKind> ofKind(String kind) {
        for (WorkloadKind k : values()) {
            if (k.kind.equals(kind)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return kind;
    }
}
