package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ExternalMetric;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SP104 expected load beyond what maxReplicas serve with headroom; SP105 a request-rate metric
 * target that leaves less headroom than the plan declares; SP106 expected load without capacity.
 */
final class CapacityRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            PlanElement element = element(plan, service);
            CapacityPlanner.ServiceCapacity c = resolved.capacity(service);
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
                Autoscaling a = service.autoscaling().get();
                BigDecimal ceiling = BigDecimal.valueOf(cap.perPod().perSecond())
                        .divide(BigDecimal.valueOf(cap.headroom()), 2, RoundingMode.FLOOR);
                List<Map.Entry<String, BigDecimal>> rates = new ArrayList<>();
                for (PodsMetric m : a.podsMetrics()) {
                    if (m.isRequestRate()) {
                        rates.add(Map.entry("Pods metric " + m.name(), m.averageValue()));
                    }
                }
                for (ExternalMetric m : a.externalMetrics()) {
                    if (m.isRequestRate() && m.target().isPerPod()) {
                        rates.add(Map.entry(
                                "External metric " + m.name(), m.target().amount()));
                    }
                }
                for (ObjectMetric m : a.objectMetrics()) {
                    if (m.isRequestRate() && m.target().isPerPod()) {
                        rates.add(Map.entry(
                                "Object metric " + m.name(), m.target().amount()));
                    }
                }
                for (Map.Entry<String, BigDecimal> rate : rates) {
                    BigDecimal target = rate.getValue();
                    if (target.compareTo(ceiling) > 0) {
                        out.add(finding(
                                Rules.RATE_TARGET_WITHOUT_HEADROOM,
                                element,
                                rate.getKey() + " targets " + Numbers.format(target)
                                        + " rps per pod (" + Quantities.decimal(target)
                                        + "), but a pod tops out at "
                                        + cap.perPod().perSecond() + " rps: with headroom "
                                        + Numbers.format(cap.headroom())
                                        + " the target must be at most "
                                        + cap.perPod().perSecond() + " / "
                                        + Numbers.format(cap.headroom()) + " = " + Numbers.format(ceiling),
                                a.source()));
                    }
                }
            }
        }
        return out;
    }
}
