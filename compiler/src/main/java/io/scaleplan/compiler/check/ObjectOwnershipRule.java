package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.emit.apply.Restarts;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SP028: one Kubernetes object (kind, namespace, name) produced by two of the plan's outputs. Every
 * output that creates objects is listed with the names it gives them: the platform chart (a
 * Deployment and a Service per service; its HPA and PDB when it owns them), scaleplan's {@code
 * k8s/} manifests (the HPAs and PDBs when scaleplan owns them), and the Bitnami releases' Services
 * and StatefulSets. A service named {@code redis-master} next to the Redis release {@code redis}
 * would make two Services {@code redis-master}: Helm refuses the second release, a GitOps
 * controller flaps between them.
 */
final class ObjectOwnershipRule implements PlanRule {

    /** An object one output creates. */
    record Produced(String kind, String name, String by, SourceLocation at) {}

    @Override
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Produced> seen = new LinkedHashMap<>();
        for (Produced p : objects(plan)) {
            Produced first = seen.putIfAbsent(p.kind() + "/" + p.name(), p);
            if (first != null) {
                out.add(finding(
                        Rules.OBJECT_PRODUCED_TWICE,
                        PlanRule.element(plan).object(p.kind(), p.name()),
                        p.kind() + " " + plan.namespace() + "/" + p.name() + " is produced by " + first.by()
                                + " and again by " + p.by(),
                        p.at()));
            }
        }
        return out;
    }

    /** Every object the plan's outputs create, in output order. */
    static List<Produced> objects(ScalingPlan plan) {
        List<Produced> out = new ArrayList<>();
        String chart =
                "the " + plan.release().name() + " release (" + plan.release().chartName() + ")";
        String manifests = "scaleplan's k8s/ manifests";
        for (Service s : plan.services()) {
            out.add(new Produced("Deployment", s.name(), chart, s.source()));
            out.add(new Produced("Service", s.name(), chart, s.source()));
            if (s.autoscaling().isPresent()) {
                String by = plan.release().chartRendersHpa(s) ? chart : manifests;
                out.add(new Produced("HorizontalPodAutoscaler", s.name() + "-hpa", by, s.source()));
            }
            if (s.disruptionBudget().isPresent()) {
                String by = plan.release().chartRendersPdb(s) ? chart : manifests;
                out.add(new Produced("PodDisruptionBudget", s.name() + "-pdb", by, s.source()));
            }
        }
        plan.postgres().ifPresent(pg -> postgres(pg, out));
        plan.redis().ifPresent(r -> redis(r, out));
        return out;
    }

    private static void postgres(Postgres pg, List<Produced> out) {
        String by = "the PostgreSQL release " + pg.release();
        String base = Restarts.fullname(pg.release(), "postgresql");
        List<String> sets = pg.readReplicas() > 0 ? List.of(base + "-primary", base + "-read") : List.of(base);
        for (String set : sets) {
            out.add(new Produced("StatefulSet", set, by, pg.source()));
            out.add(new Produced("Service", set, by, pg.source()));
            out.add(new Produced("Service", set + "-hl", by, pg.source()));
        }
    }

    private static void redis(Redis r, List<Produced> out) {
        String by = "the Redis release " + r.release();
        String base = Restarts.fullname(r.release(), r.isCluster() ? "redis-cluster" : "redis");
        if (r.isCluster()) {
            out.add(new Produced("StatefulSet", base, by, r.source()));
            out.add(new Produced("Service", base, by, r.source()));
            out.add(new Produced("Service", base + "-headless", by, r.source()));
            return;
        }
        out.add(new Produced("Service", base + "-headless", by, r.source()));
        out.add(new Produced("StatefulSet", base + "-master", by, r.source()));
        out.add(new Produced("Service", base + "-master", by, r.source()));
        if (r.replicas() > 0) {
            out.add(new Produced("StatefulSet", base + "-replicas", by, r.source()));
            out.add(new Produced("Service", base + "-replicas", by, r.source()));
        }
    }
}
