package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a {@link NodePool} lives in the cloud, so that a plan's {@code APPLY.md} can resize it:
 * an EKS node group ({@code aws eks update-nodegroup-config}) or a GKE node pool ({@code gcloud
 * container node-pools update}): its autoscaling bounds, never a lower current size.
 *
 * @param kind the cloud
 * @param cluster the cluster's name
 * @param pool the node group (EKS) or node pool (GKE)
 * @param location the GKE cluster's region or zone; empty for EKS (the AWS CLI's region applies)
 */
public record NodeProvider(Kind kind, String cluster, String pool, Optional<String> location) {
    private static final Pattern EKS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern GKE_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

    static final String EKS_NAME_RULE = "letters, digits, '-' and '_', starting with a letter or digit, at most 100";
    static final String GKE_NAME_RULE =
            "lower-case letters, digits and '-', starting with a letter, not ending with '-', at most 40";

    /** The clouds whose node pools scaleplan can resize. */
    public enum Kind {
        /** An Amazon EKS managed node group. */
        EKS,
        /** A Google GKE node pool. */
        GKE
    }

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public NodeProvider {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (!isValidName(kind, cluster) || !isValidName(kind, pool)) {
            throw new IllegalArgumentException(
                    "not a valid " + kind + " cluster or pool name: " + Names.show(cluster) + ", " + Names.show(pool));
        }
        location.ifPresent(l -> {
            if (!GKE_NAME.matcher(l).matches()) {
                throw new IllegalArgumentException("not a valid location: " + Names.show(l));
            }
        });
    }

    static boolean isValidName(Kind kind, String name) {
        return name != null
                && (kind == Kind.EKS ? EKS_NAME : GKE_NAME).matcher(name).matches();
    }

    static String rule(Kind kind) {
        return kind == Kind.EKS ? EKS_NAME_RULE : GKE_NAME_RULE;
    }
}
