package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * SP107 the pods at maxReplicas do not fit the pool at its maximum node count (the runbook's
 * "Pods Not Starting: Insufficient resources"); SP108 one pod larger than a node; SP109 a service
 * on an unknown pool, or on no pool when the plan has several.
 */
final class NodePoolRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        if (plan.nodePools().isEmpty()) {
            return out;
        }
        for (Service service : plan.services()) {
            if (service.nodePool().isPresent()
                    && plan.nodePool(service.nodePool().get()).isEmpty()) {
                out.add(finding(
                        Rules.UNKNOWN_NODE_POOL,
                        element(plan, service),
                        "runs on node pool \"" + service.nodePool().get()
                                + "\", which the plan does not declare (pools: "
                                + String.join(
                                        ", ",
                                        plan.nodePools().stream()
                                                .map(p -> p.name())
                                                .toList()) + ")",
                        service.source()));
            } else if (plan.poolOf(service).isEmpty()) {
                out.add(finding(
                        Rules.UNKNOWN_NODE_POOL,
                        element(plan, service),
                        "names no node pool, and the plan has "
                                + plan.nodePools().size() + ": say nodePool(...)",
                        service.source()));
            }
        }
        for (CapacityPlanner.PoolFit fit : CapacityPlanner.poolFits(plan)) {
            PlanElement element = PlanRule.element(plan).nodePool(fit.pool().name());
            for (CapacityPlanner.PodGroup g : fit.tooLarge()) {
                out.add(finding(
                        Rules.POD_LARGER_THAN_NODE,
                        element,
                        g.owner() + " requests " + Quantities.cpu(g.cpu()) + " CPU / " + Quantities.memory(g.memory())
                                + " per pod, more than a node offers after its reserve ("
                                + Quantities.cpu(fit.pool().usableCpu()) + " CPU / "
                                + Quantities.memory(fit.pool().usableMemory()) + "): its pods never schedule",
                        fit.pool().source()));
            }
            if (fit.packed() && !fit.fits() && fit.tooLarge().isEmpty()) {
                out.add(finding(
                        Rules.POOL_TOO_SMALL,
                        element,
                        "at maxReplicas the pods request " + Quantities.cpu(fit.requestedCpu()) + " CPU and "
                                + Quantities.memory(fit.requestedMemory()) + " (" + fit.podCount() + " pods), but "
                                + fit.pool().maxNodes() + " nodes offer " + Quantities.cpu(fit.totalCpu()) + " CPU and "
                                + Quantities.memory(fit.totalMemory()) + " after reserves; " + fit.bindingResource()
                                + " binds (" + percent(Math.max(fit.cpuShare(), fit.memoryShare()))
                                + " requested): " + fit.podsThatFit() + " of " + fit.podCount() + " pods fit",
                        fit.pool().source()));
            }
        }
        return out;
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
