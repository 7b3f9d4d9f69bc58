package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SP111: replica counts and node pools beyond what one Kubernetes cluster runs, and capacity
 * figures beyond what the arithmetic holds: reported, never saturated or wrapped silently.
 */
final class BoundsRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        boolean serviceBeyond = false;
        for (Service s : plan.services()) {
            int max = s.maxReplicas();
            if (max > CapacityPlanner.MAX_CLUSTER_PODS) {
                serviceBeyond = true;
                out.add(finding(
                        Rules.BEYOND_BOUNDS,
                        element(plan, s),
                        (s.autoscaling().isPresent() ? "maxReplicas " : "replicas ") + count(max)
                                + " is more than the " + count(CapacityPlanner.MAX_CLUSTER_PODS)
                                + " pods Kubernetes supports in one cluster",
                        s.source()));
            }
            if (s.capacity().isPresent() && s.expectedLoad().isPresent()) {
                Capacity c = s.capacity().get();
                BigDecimal pods = BigDecimal.valueOf(s.expectedLoad().get().perSecond())
                        .multiply(BigDecimal.valueOf(c.headroom()))
                        .divide(BigDecimal.valueOf(c.perPod().perSecond()), 0, RoundingMode.CEILING);
                if (pods.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                    out.add(finding(
                            Rules.BEYOND_BOUNDS,
                            element(plan, s),
                            "expected load " + s.expectedLoad().get().perSecond() + " rps needs " + pods.toPlainString()
                                    + " pods, more than a replica count (int32) can hold",
                            s.source()));
                }
            }
            if (s.capacity().isPresent() && max > 0) {
                long perPod = s.capacity().get().perPod().perSecond();
                if (Math.multiplyHigh(perPod, max) != 0 || perPod * max < 0) {
                    out.add(finding(
                            Rules.BEYOND_BOUNDS,
                            element(plan, s),
                            "capacity at maxReplicas (" + perPod + " rps per pod × " + max
                                    + ") is beyond what 64-bit arithmetic holds",
                            s.source()));
                }
            }
        }
        for (NodePool pool : plan.nodePools()) {
            if (pool.maxNodes() > CapacityPlanner.MAX_CLUSTER_NODES) {
                out.add(finding(
                        Rules.BEYOND_BOUNDS,
                        PlanRule.element(plan).nodePool(pool.name()),
                        "maxNodes " + count(pool.maxNodes()) + " is more than the "
                                + count(CapacityPlanner.MAX_CLUSTER_NODES)
                                + " nodes Kubernetes supports in one cluster; how the pods fit is not checked",
                        pool.source()));
            }
        }
        if (!serviceBeyond) {
            for (CapacityPlanner.PoolFit fit : CapacityPlanner.poolFits(plan)) {
                if (!fit.packed() && fit.pool().maxNodes() <= CapacityPlanner.MAX_CLUSTER_NODES) {
                    out.add(finding(
                            Rules.BEYOND_BOUNDS,
                            PlanRule.element(plan).nodePool(fit.pool().name()),
                            "at maxReplicas the pool would run " + count(fit.podCount()) + " pods, more than the "
                                    + count(CapacityPlanner.MAX_CLUSTER_PODS)
                                    + " Kubernetes supports in one cluster (or requests × pods overflow);"
                                    + " how the pods fit is not checked",
                            fit.pool().source()));
                }
            }
        }
        return out;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
