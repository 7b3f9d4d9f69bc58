package io.scaleplan.compiler.emit.report;

import io.scaleplan.compiler.check.CapacityPlanner;
import io.scaleplan.compiler.check.CapacityPlanner.PoolFit;
import io.scaleplan.compiler.check.CapacityPlanner.ServiceCapacity;
import io.scaleplan.compiler.check.ConnectionBudget;
import io.scaleplan.compiler.check.Numbers;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code report} target: {@code CAPACITY.md}, the runbook's Capacity Planning table computed
 * from the plan, for reviewers. Per service: rps per pod, pods at min and max, capacity at each,
 * expected load, required pods with headroom, spare pods; then node-pool fit at maxReplicas.
 */
public final class CapacityReportEmitter implements Emitter {

    @Override
    public List<GeneratedFile> emit(ScalingPlan plan) {
        Markdown md = new Markdown();
        md.line(Headers.markdown(plan).stripTrailing());
        md.line("# Capacity: " + plan.name()).blank();
        md.line("Required pods = ceil(expected rps / rps per pod × headroom), the runbook's scaling formula."
                + " Capacity is rps per pod × pods.");
        md.blank();
        services(plan, md);
        connections(plan, md);
        redis(plan, md);
        pools(plan, md);
        return List.of(new GeneratedFile(plan.name() + "/CAPACITY.md", md.toString()));
    }

    private static void services(ScalingPlan plan, Markdown md) {
        md.line("## Services").blank();
        List<List<String>> rows = new ArrayList<>();
        for (Service s : plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList()) {
            ServiceCapacity c = CapacityPlanner.of(s);
            rows.add(List.of(
                    s.name(),
                    c.capacity().map(x -> x.perPod().perSecond() + " rps").orElse("–"),
                    c.capacity().map(x -> Numbers.format(x.headroom())).orElse("–"),
                    Integer.toString(s.minReplicas()),
                    Integer.toString(s.maxReplicas()),
                    c.capacityAt(s.minReplicas()).map(r -> r + " rps").orElse("–"),
                    c.capacityAt(s.maxReplicas()).map(r -> r + " rps").orElse("–"),
                    c.expectedLoad().map(l -> l.perSecond() + " rps").orElse("–"),
                    c.requiredPods().map(p -> c.arithmetic()).orElse("–"),
                    c.requiredPods().map(p -> spare(s.maxReplicas() - p)).orElse("–")));
        }
        md.table(
                List.of(
                        "service",
                        "rps per pod",
                        "headroom",
                        "min pods",
                        "max pods",
                        "capacity at min",
                        "capacity at max",
                        "expected load",
                        "required pods",
                        "spare pods at max"),
                rows);
        md.blank();
    }

    private static String spare(int pods) {
        return pods >= 0 ? Integer.toString(pods) : pods + " (short)";
    }

    private static void connections(ScalingPlan plan, Markdown md) {
        ConnectionBudget.of(plan).ifPresent(b -> {
            md.line("## PostgreSQL connections").blank();
            md.line("At maxReplicas plus rollout surge, each pod holding its whole pool.")
                    .blank();
            List<List<String>> rows = new ArrayList<>();
            for (ConnectionBudget.ServiceConnections c : b.services()) {
                rows.add(List.of(
                        c.service().name(),
                        Integer.toString(c.pods()),
                        Integer.toString(c.surge()),
                        Integer.toString(c.poolSize()),
                        Long.toString(c.connections())));
            }
            b.clients()
                    .forEach(c -> rows.add(
                            List.of(c.name() + " (other client)", "–", "–", "–", Integer.toString(c.connections()))));
            rows.add(List.of(
                    "reserved (superuser, reserved_connections)", "–", "–", "–", Integer.toString(b.reserved())));
            rows.add(List.of(
                    "**total**",
                    "",
                    "",
                    "",
                    "**" + b.total() + " of " + b.maxConnections() + "**" + (b.fits() ? "" : " (over)")));
            md.table(List.of("who", "max pods", "surge pods", "pool size", "connections"), rows);
            md.blank();
        });
    }

    private static void redis(ScalingPlan plan, Markdown md) {
        plan.redis().ifPresent(r -> {
            md.line("## Redis memory").blank();
            String limit = r.resources().memoryLimit().map(Quantities::memory).orElse("–");
            String share =
                    r.maxmemory().isPresent() && r.resources().memoryLimit().isPresent()
                            ? Numbers.format(100.0
                                            * r.maxmemory().get().bytes()
                                            / r.resources().memoryLimit().get().bytes())
                                    + "% (safe: up to " + r.safeMemoryShare() + ")"
                            : "–";
            String shape = r.cluster()
                    .map(c -> "cluster: " + c.nodes() + " nodes, " + c.replicasPerMaster() + " replica(s) per master")
                    .orElse("standalone: 1 master, " + r.replicas() + " replica(s)");
            md.table(
                    List.of("release", "topology", "maxmemory", "memory limit", "maxmemory share of limit"),
                    List.of(List.of(
                            r.release(),
                            shape,
                            r.maxmemory().map(Quantities::memory).orElse("no limit"),
                            limit,
                            share)));
            md.blank();
        });
    }

    private static void pools(ScalingPlan plan, Markdown md) {
        md.line("## Node pools").blank();
        if (plan.nodePools().isEmpty()) {
            md.line("The plan declares no node pool, so fit at maxReplicas is not checked.")
                    .blank();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PoolFit fit : CapacityPlanner.poolFits(plan)) {
            rows.add(List.of(
                    fit.pool().name(),
                    fit.pool().minNodes() + "–" + fit.pool().maxNodes(),
                    Quantities.cpu(fit.pool().usableCpu()) + " CPU, "
                            + Quantities.memory(fit.pool().usableMemory()),
                    Integer.toString(fit.podCount()),
                    Quantities.cpu(fit.requestedCpu()) + " of " + Quantities.cpu(fit.totalCpu()) + " ("
                            + Math.round(fit.cpuShare() * 100) + "%)",
                    Quantities.memory(fit.requestedMemory()) + " of " + Quantities.memory(fit.totalMemory()) + " ("
                            + Math.round(fit.memoryShare() * 100) + "%)",
                    fit.bindingResource(),
                    fit.fits() ? "yes" : "no: " + fit.podsThatFit() + " of " + fit.podCount() + " pods fit"));
        }
        md.table(
                List.of(
                        "pool",
                        "nodes",
                        "usable per node",
                        "pods at max",
                        "CPU requested at max",
                        "memory requested at max",
                        "binding",
                        "fits at max nodes"),
                rows);
        md.blank();
    }
}
