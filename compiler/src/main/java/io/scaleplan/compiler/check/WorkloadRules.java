package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * SP116: a StatefulSet whose rolling update at maxReplicas leaves too few pods for the expected
 * load. It replaces one pod at a time and starts none extra, so (maxReplicas − 1) pods must serve
 * the load without headroom while a pod is replaced. A Deployment surges first and is not checked.
 * When SP104 already finds maxReplicas short, this rule says nothing more.
 */
final class WorkloadRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Service s : plan.services()) {
            if (!s.isStatefulSet() || s.capacity().isEmpty() || s.expectedLoad().isEmpty()) {
                continue;
            }
            CapacityPlanner.ServiceCapacity c = resolved.capacity(s);
            if (c.requiredPods().map(p -> p > s.maxReplicas()).orElse(false)) {
                continue;
            }
            int serving = CapacityPlanner.podsServingDuringRollout(s);
            long perPod = s.capacity().get().perPod().perSecond();
            long load = s.expectedLoad().get().perSecond();
            long capacity = perPod * serving;
            if (capacity >= load) {
                continue;
            }
            String max = s.isAutoscaled() ? "maxReplicas " : "replicas ";
            out.add(finding(
                    Rules.STATEFUL_SET_ROLLOUT_SHORTFALL,
                    element(plan, s),
                    "StatefulSet at " + max + s.maxReplicas() + ": its rolling update replaces one pod at a time"
                            + " with no surge, so " + serving + " pods serve " + serving + " × " + perPod + " = "
                            + capacity + " rps while one is replaced, below the expected load of " + load + " rps",
                    s.autoscaling().map(a -> a.source()).orElse(s.source())));
        }
        return out;
    }
}
