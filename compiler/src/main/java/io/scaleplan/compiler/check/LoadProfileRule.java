package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/** SP502: every service a plan's load profile drives needs a capacity per pod to be simulated. */
public final class LoadProfileRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        return plan.loadProfile().map(p -> check(plan, p)).orElse(List.of());
    }

    /** The findings for {@code profile} (the plan's own, or one read from a CSV file) against {@code plan}. */
    public static List<Diagnostic> check(ScalingPlan plan, LoadProfile profile) {
        List<Diagnostic> out = new ArrayList<>();
        for (LoadProfile.ServiceLoad load : profile.services()) {
            Service service = plan.service(load.service()).orElse(null);
            if (service != null && service.capacity().isEmpty()) {
                out.add(finding(
                        Rules.LOAD_WITHOUT_CAPACITY_PER_POD,
                        PlanRule.element(plan, service),
                        "load profile " + profile.name() + " drives " + service.name()
                                + ", which declares no capacityPerPod: its load cannot be turned into CPU use"
                                + " and ready capacity",
                        service.source()));
            }
        }
        return out;
    }
}
