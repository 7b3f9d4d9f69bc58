package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SP028: one Kubernetes object (kind, namespace, name) produced by two of the plan's outputs. The
 * resolved plan lists every object the outputs create and who creates it ({@link
 * ResolvedPlan#objects()}). A service named {@code redis-master} next to the Redis release
 * {@code redis} would make two Services {@code redis-master}: Helm refuses the second release, a
 * GitOps controller flaps between them.
 */
final class ObjectOwnershipRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        Map<String, ClusterObject> seen = new LinkedHashMap<>();
        for (ClusterObject p : resolved.objects()) {
            String ns = p.namespace().isEmpty() ? plan.namespace() : p.namespace();
            ClusterObject first = seen.putIfAbsent(ns + "/" + p.kind() + "/" + p.name(), p);
            if (first != null) {
                out.add(finding(
                        Rules.OBJECT_PRODUCED_TWICE,
                        PlanRule.element(plan).object(p.kind(), p.name()),
                        p.kind() + " " + ns + "/" + p.name() + " is produced by " + first.producedBy()
                                + " and again by " + p.producedBy(),
                        p.at()));
            }
        }
        return out;
    }
}
