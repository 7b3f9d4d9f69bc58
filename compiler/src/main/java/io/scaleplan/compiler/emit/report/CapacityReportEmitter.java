package io.scaleplan.compiler.emit.report;

import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Markdown;
import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.CapacityPlanner.PoolFit;
import io.scaleplan.compiler.resolve.CapacityPlanner.ServiceCapacity;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Redis;
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
public final class CapacityReportEmitter implements Target {

    /** The target's name. */
    public static final String NAME = "report";

    /** The report's path below the plan's folder. */
    public static final String PATH = "CAPACITY.md";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        Markdown md = new Markdown();
        md.line(Headers.markdown(plan).stripTrailing());
        md.line("# Capacity: " + plan.name()).blank();
        md.line("Required pods = ceil(expected rps / rps per pod × headroom), the runbook's scaling formula."
                + " Capacity is rps per pod × pods.");
        md.blank();
        services(resolved, md);
        statefulSetRollouts(resolved, md);
        connections(resolved, md);
        redis(resolved, md);
        pools(resolved, md);
        return List.of(Document.text(NAME, "Markdown", PATH, md.toString()));
    }

    private static void services(ResolvedPlan resolved, Markdown md) {
        ScalingPlan plan = resolved.plan();
        md.line("## Services").blank();
        List<List<String>> rows = new ArrayList<>();
        for (Service s : plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList()) {
            ServiceCapacity c = resolved.capacity(s);
            rows.add(List.of(
                    shown(plan, s),
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

    /** A service as the tables name it: {@code namespace/service} when the plan spans namespaces. */
    private static String shown(ScalingPlan plan, Service s) {
        return plan.spansNamespaces() ? plan.namespaceOf(s).name() + "/" + s.name() : s.name();
    }

    /** StatefulSets only: a Deployment's surge keeps every pod serving, and ARKA's report stays as it is. */
    private static void statefulSetRollouts(ResolvedPlan resolved, Markdown md) {
        List<Service> stateful = resolved.plan().services().stream()
                .filter(Service::isStatefulSet)
                .sorted(Comparator.comparing(Service::name))
                .toList();
        if (stateful.isEmpty()) {
            return;
        }
        md.line("## StatefulSet rollouts").blank();
        md.line("A StatefulSet's rolling update replaces one pod at a time, highest ordinal first, and starts no"
                        + " extra pod (a Deployment surges first): at maxReplicas one pod fewer serves until the new"
                        + " one is Ready. Scaling up with OrderedReady creates one pod at a time, each once the one"
                        + " before is Ready; Parallel creates them at once. A PodDisruptionBudget counts either kind"
                        + " alike.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        for (Service s : stateful) {
            ServiceCapacity c = resolved.capacity(s);
            int serving = CapacityPlanner.podsServingDuringRollout(s);
            rows.add(List.of(
                    shown(resolved.plan(), s),
                    s.podManagement().policy(),
                    Integer.toString(s.maxReplicas()),
                    Integer.toString(serving),
                    c.capacityAt(serving).map(r -> r + " rps").orElse("–"),
                    c.expectedLoad().map(l -> l.perSecond() + " rps").orElse("–")));
        }
        md.table(
                List.of(
                        "StatefulSet",
                        "pod management",
                        "max pods",
                        "pods serving while one rolls",
                        "capacity while one rolls",
                        "expected load"),
                rows);
        md.blank();
    }

    private static String spare(int pods) {
        return pods >= 0 ? Integer.toString(pods) : pods + " (short)";
    }

    private static void connections(ResolvedPlan resolved, Markdown md) {
        resolved.budgets().forEach(b -> {
            md.line("## " + b.database().title() + " connections").blank();
            b.database().name().ifPresent(n -> md.line("Its clients: the services and clients with database(\"" + n
                            + "\")"
                            + (resolved.plan().postgres().isEmpty()
                                            && resolved.plan().namedPostgres().size() == 1
                                    ? " or none, as the plan's only PostgreSQL"
                                    : "")
                            + ", in " + b.database().hosting().describe() + ".")
                    .blank());
            md.line("At maxReplicas plus rollout surge, each pod holding its whole pool.")
                    .blank();
            List<List<String>> rows = new ArrayList<>();
            for (ConnectionBudget.ServiceConnections c : b.services()) {
                rows.add(List.of(
                        shown(resolved.plan(), c.service()),
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

    private static void redis(ResolvedPlan resolved, Markdown md) {
        resolved.caches().forEach(memory -> {
            Redis r = memory.redis();
            md.line("## " + r.title() + " memory").blank();
            String limit = memory.limit().map(Quantities::memory).orElse("–");
            String share = memory.shareOfLimit()
                    .map(s -> Numbers.format(s) + "% (safe: up to " + memory.safeShare() + ")")
                    .orElse("–");
            String shape = r.cluster()
                    .map(c -> "cluster: " + c.nodes() + " nodes, " + c.replicasPerMaster() + " replica(s) per master")
                    .orElse("standalone: 1 master, " + r.replicas() + " replica(s)");
            md.table(
                    List.of(
                            r.isBitnami() ? "release" : "lives in",
                            "topology",
                            "maxmemory",
                            "memory limit",
                            "maxmemory share of limit"),
                    List.of(List.of(
                            r.isBitnami() ? r.release() : r.hosting().describe(),
                            r.isBitnami() ? shape : "–",
                            r.maxmemory().map(Quantities::memory).orElse("no limit"),
                            limit,
                            share)));
            md.blank();
        });
    }

    private static void pools(ResolvedPlan resolved, Markdown md) {
        ScalingPlan plan = resolved.plan();
        md.line("## Node pools").blank();
        if (plan.nodePools().isEmpty()) {
            md.line("The plan declares no node pool, so fit at maxReplicas is not checked.")
                    .blank();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PoolFit fit : resolved.poolFits()) {
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
