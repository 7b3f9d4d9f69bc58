package io.scaleplan.compiler.emit;

import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.emit.monitoring.MonitoringEmitter;
import io.scaleplan.compiler.emit.postgres.PostgresEmitter;
import io.scaleplan.compiler.emit.redis.RedisEmitter;
import io.scaleplan.compiler.emit.report.CapacityReportEmitter;
import io.scaleplan.compiler.emit.report.ResolvedPlanEmitter;
import io.scaleplan.compiler.emit.sim.SimulationEmitter;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered targets, in the order APPLY.md applies their outputs within a stage: the one
 * place a new target is added.
 */
public final class Targets {
    /** Every target. */
    public static final List<Target> ALL = List.of(
            new HelmValuesEmitter(),
            new KubernetesEmitter(),
            new PostgresEmitter(),
            new RedisEmitter(),
            new CapacityReportEmitter(),
            new ResolvedPlanEmitter(),
            new SimulationEmitter(),
            new MonitoringEmitter());

    private Targets() {}

    /**
     * Every target's documents for {@code plan}, and the kustomization of their entries; {@code
     * folder} is the folder the plan is applied from, which some contents name.
     */
    public static List<Document> documents(ResolvedPlan plan, PlanFolder folder) {
        List<Document> out = new ArrayList<>();
        List<String> kustomization = new ArrayList<>();
        for (Target target : ALL) {
            List<Document> documents = target.documents(plan, folder);
            for (Document d : documents) {
                if (!d.target().equals(target.name())) {
                    throw new IllegalStateException(target.name() + " made a document of " + d.target());
                }
            }
            out.addAll(documents);
            kustomization.addAll(target.kustomization(documents));
        }
        Kustomization.of(plan.plan(), kustomization).ifPresent(out::add);
        return out;
    }
}
