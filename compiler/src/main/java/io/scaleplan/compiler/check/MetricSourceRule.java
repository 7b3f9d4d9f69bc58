package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ExternalMetric;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.ValueTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * SP140: a Pods, External or Object metric whose source series the plan does not declare; SP141: a
 * metric declared the service's request rate with a Value target.
 */
final class MetricSourceRule implements PlanRule {

    private static final String UNAVAILABLE =
            " declares no source: no prometheus-adapter rule makes it exist, and without one the HPA reports"
                    + " 'Metrics not available'";

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            if (service.autoscaling().isEmpty()) {
                continue;
            }
            Autoscaling a = service.autoscaling().get();
            PlanElement element = element(plan, service);
            for (PodsMetric m : a.podsMetrics()) {
                if (m.source().isEmpty()) {
                    out.add(finding(
                            Rules.POD_METRIC_WITHOUT_SOURCE,
                            element,
                            "Pods metric " + m.name() + UNAVAILABLE,
                            a.source()));
                }
            }
            for (ExternalMetric m : a.externalMetrics()) {
                if (m.source().isEmpty()) {
                    out.add(finding(
                            Rules.POD_METRIC_WITHOUT_SOURCE,
                            element,
                            "External metric " + m.name() + UNAVAILABLE,
                            a.source()));
                }
                if (m.isRequestRate() && !m.target().isPerPod()) {
                    out.add(valueTarget(element, "External metric " + m.name(), m.target(), a));
                }
            }
            for (ObjectMetric m : a.objectMetrics()) {
                if (m.source().isEmpty()) {
                    out.add(finding(
                            Rules.POD_METRIC_WITHOUT_SOURCE,
                            element,
                            "Object metric " + m.name() + " of " + m.object() + UNAVAILABLE,
                            a.source()));
                }
                if (m.isRequestRate() && !m.target().isPerPod()) {
                    out.add(valueTarget(element, "Object metric " + m.name() + " of " + m.object(), m.target(), a));
                }
            }
        }
        return out;
    }

    private static Diagnostic valueTarget(PlanElement element, String what, ValueTarget target, Autoscaling a) {
        return finding(
                Rules.REQUEST_RATE_VALUE_TARGET,
                element,
                what + " is the service's request rate with a Value target of "
                        + target.amount().toPlainString()
                        + ": adding pods does not lower the rate, so above the target the HPA scales to maxReplicas "
                        + a.maxReplicas() + " and below it to minReplicas " + a.minReplicas()
                        + "; use ValueTarget.averageValue(rps per pod)",
                a.source());
    }
}
