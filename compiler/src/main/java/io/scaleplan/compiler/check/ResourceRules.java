package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.Resources;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/** SP101 utilization without a request, SP102 limit below request, SP110 fixed replicas on an HPA. */
final class ResourceRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            PlanElement element = element(plan, service);
            Resources r = service.resources();
            service.autoscaling().ifPresent(a -> utilizationNeedsRequest(element, r, a, out));
            if (r.cpuRequest().isPresent()
                    && r.cpuLimit().isPresent()
                    && r.cpuLimit().get().compareTo(r.cpuRequest().get()) < 0) {
                out.add(finding(
                        Rules.LIMIT_BELOW_REQUEST,
                        element,
                        "CPU limit " + r.cpuLimit().get() + " is below the CPU request "
                                + r.cpuRequest().get(),
                        r.source()));
            }
            if (r.memoryRequest().isPresent()
                    && r.memoryLimit().isPresent()
                    && r.memoryLimit().get().compareTo(r.memoryRequest().get()) < 0) {
                out.add(finding(
                        Rules.LIMIT_BELOW_REQUEST,
                        element,
                        "memory limit " + r.memoryLimit().get() + " is below the memory request "
                                + r.memoryRequest().get(),
                        r.source()));
            }
            if (service.autoscaling().isPresent() && service.replicas().isPresent()) {
                out.add(finding(
                        Rules.REPLICAS_WITH_AUTOSCALING,
                        element,
                        "replicas(" + service.replicas().get() + ") is ignored: the HPA owns the replica count"
                                + " (minReplicas " + service.autoscaling().get().minReplicas() + ")",
                        service.source()));
            }
        }
        return out;
    }

    private static void utilizationNeedsRequest(PlanElement element, Resources r, Autoscaling a, List<Diagnostic> out) {
        if (a.cpuUtilization().isPresent() && r.cpuRequest().isEmpty()) {
            out.add(finding(
                    Rules.UTILIZATION_WITHOUT_REQUEST,
                    element,
                    "CPU utilization target " + a.cpuUtilization().get() + " but no CPU request: the HPA cannot"
                            + " compute CPU utilization and will not scale",
                    a.source()));
        }
        if (a.memoryUtilization().isPresent() && r.memoryRequest().isEmpty()) {
            out.add(finding(
                    Rules.UTILIZATION_WITHOUT_REQUEST,
                    element,
                    "memory utilization target " + a.memoryUtilization().get() + " but no memory request: the HPA"
                            + " cannot compute memory utilization and will not scale",
                    a.source()));
        }
    }
}
