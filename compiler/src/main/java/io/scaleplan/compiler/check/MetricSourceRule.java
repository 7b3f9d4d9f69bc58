package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/** SP140: a Pods metric whose source series the plan does not declare. */
final class MetricSourceRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            if (service.autoscaling().isEmpty()) {
                continue;
            }
            for (PodsMetric m : service.autoscaling().get().podsMetrics()) {
                if (m.source().isEmpty()) {
                    out.add(finding(
                            Rules.POD_METRIC_WITHOUT_SOURCE,
                            element(plan, service),
                            "Pods metric " + m.name() + " declares no source: no prometheus-adapter rule makes it"
                                    + " exist, and without one the HPA reports 'Metrics not available'",
                            service.autoscaling().get().source()));
                }
            }
        }
        return out;
    }
}
