package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.element;
import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * SP103: a PodDisruptionBudget that allows no eviction at the service's smallest size blocks node
 * drains and cluster scale-down (the runbook's "Scale Down Not Working"). Computed as the
 * disruption controller does: desiredHealthy from minAvailable (percentages rounded up) or from
 * replicas − maxUnavailable, and disruptionsAllowed = healthy − desiredHealthy. The controller
 * takes the expected count from the owner's scale, a Deployment's or a StatefulSet's alike, so the
 * rule does not depend on the service's kind.
 */
final class DisruptionBudgetRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            if (service.disruptionBudget().isEmpty() || service.minReplicas() == 0) {
                continue;
            }
            DisruptionBudget b = service.disruptionBudget().get();
            int pods = service.minReplicas();
            if (b.allowedDisruptions(pods) > 0) {
                continue;
            }
            String at = service.isAutoscaled() ? "minReplicas " + pods : "replicas " + pods;
            String why =
                    switch (b.kind()) {
                        case MAX_UNAVAILABLE ->
                            "maxUnavailable " + show(b) + " allows no eviction at any replica count";
                        case MIN_AVAILABLE ->
                            b.amount() instanceof Percent p
                                    ? "minAvailable " + p + " rounds up to " + p.ofPodsRoundingUp(pods) + " of " + pods
                                            + " pods at " + at + ": disruptionsAllowed = " + pods + " − "
                                            + p.ofPodsRoundingUp(pods) + " = 0"
                                    : "minAvailable " + b.amount().value() + " allows no eviction at " + at
                                            + ": disruptionsAllowed = " + pods + " − "
                                            + b.amount().value() + " ≤ 0";
                    };
            out.add(finding(
                    Rules.PDB_BLOCKS_EVICTION,
                    element(plan, service),
                    "PodDisruptionBudget " + why + "; node drains and scale-down block",
                    b.source()));
        }
        return out;
    }

    private static String show(DisruptionBudget b) {
        return b.amount() instanceof Percent p
                ? p.toString()
                : Integer.toString(b.amount().value());
    }
}
