package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * SP104 expected load beyond what maxReplicas serve with headroom; SP105 a request-rate metric
 * target that leaves less headroom than the plan declares; SP106 expected load without capacity.
 */
final class CapacityRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            PlanElement element = element(plan, service);
            CapacityPlanner.ServiceCapacity c = CapacityPlanner.of(service);
            if (c.requiredPods().isPresent() && c.requiredPods().get() > service.maxReplicas()) {
                String limit = service.isAutoscaled() ? "maxReplicas is " : "replicas is ";
                out.add(finding(
                        Rules.CAPACITY_SHORTFALL,
                        element,
                        "expected load " + service.expectedLoad().get().perSecond() + " rps needs " + c.arithmetic()
                                + " pods (rps / rps per pod × headroom), but " + limit + service.maxReplicas(),
                        service.expectedLoad().isPresent()
                                        && service.autoscaling().isPresent()
                                ? service.autoscaling().get().source()
                                : service.source()));
            }
            if (service.expectedLoad().isPresent() && service.capacity().isEmpty()) {
                out.add(finding(
                        Rules.LOAD_WITHOUT_CAPACITY,
                        element,
                        "expected load " + service.expectedLoad().get().perSecond()
                                + " rps but no capacityPerPod(...): the pods needed cannot be computed",
                        service.source()));
            }
            if (service.capacity().isPresent() && service.autoscaling().isPresent()) {
                Capacity cap = service.capacity().get();
                for (PodsMetric m : service.autoscaling().get().podsMetrics()) {
                    BigDecimal ceiling = BigDecimal.valueOf(cap.perPod().perSecond())
                            .divide(BigDecimal.valueOf(cap.headroom()), 2, RoundingMode.FLOOR);
                    if (m.isRequestRate() && m.averageValue().compareTo(ceiling) > 0) {
                        out.add(finding(
                                Rules.RATE_TARGET_WITHOUT_HEADROOM,
                                element,
                                "Pods metric " + m.name() + " targets " + Numbers.format(m.averageValue())
                                        + " rps per pod (" + Quantities.decimal(m.averageValue())
                                        + "), but a pod tops out at "
                                        + cap.perPod().perSecond() + " rps: with headroom "
                                        + Numbers.format(cap.headroom())
                                        + " the target must be at most "
                                        + cap.perPod().perSecond() + " / "
                                        + Numbers.format(cap.headroom()) + " = " + Numbers.format(ceiling),
                                service.autoscaling().get().source()));
                    }
                }
            }
        }
        return out;
    }
}
