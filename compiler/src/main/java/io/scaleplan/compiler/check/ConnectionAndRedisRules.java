package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.resolve.RedisMemory;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SP120 the services at full scale exhaust max_connections; SP121 Redis maxmemory above its safe
 * share of the container's memory limit; SP122 a Redis Cluster shape that cannot form; SP123
 * connection pools declared without PostgreSQL.
 */
final class ConnectionAndRedisRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (ConnectionBudget b : resolved.budgets()) {
            if (!b.fits()) {
                String top = b.services().stream()
                        .limit(3)
                        .map(ConnectionBudget.ServiceConnections::arithmetic)
                        .collect(Collectors.joining(", "));
                String clients = b.clients().isEmpty() ? "" : " + " + b.clientsTotal() + " for other clients";
                String of = b.database()
                        .name()
                        .map(n -> " of " + b.database().title())
                        .orElse("");
                out.add(finding(
                        Rules.CONNECTIONS_EXHAUSTED,
                        b.database().element(PlanRule.element(plan)),
                        "at maxReplicas plus rollout surge the services open " + b.servicesTotal() + " connections ("
                                + top + (b.services().size() > 3 ? ", ..." : "") + ")" + clients + " + " + b.reserved()
                                + " reserved = " + b.total() + " > max_connections" + of + " " + b.maxConnections(),
                        b.database().source()));
            }
        }
        if (plan.databases().isEmpty()) {
            for (Service s : plan.services()) {
                if (s.connectionPoolSize().isPresent() && s.connectionPoolSize().get() > 0) {
                    out.add(finding(
                            Rules.POOL_WITHOUT_DATABASE,
                            PlanRule.element(plan, s),
                            "connectionPoolSize(" + s.connectionPoolSize().get()
                                    + ") but the plan declares no PostgreSQL: the budget cannot be checked",
                            s.source()));
                }
            }
        }
        resolved.caches().forEach(m -> redis(plan, m, out));
        return out;
    }

    private static void redis(ScalingPlan plan, RedisMemory memory, List<Diagnostic> out) {
        Redis r = memory.redis();
        PlanElement element = r.element(PlanRule.element(plan));
        if (memory.unsafe()) {
            out.add(finding(
                    Rules.REDIS_MAXMEMORY_UNSAFE,
                    element,
                    "maxmemory " + memory.maxmemory().get() + " is "
                            + Numbers.format(memory.shareOfLimit().get())
                            + "% of the container's memory limit "
                            + memory.limit().get() + "; above "
                            + memory.safeShare() + " (" + memory.safeMaxmemory().get()
                            + ") a BGSAVE fork or replication buffers get the pod OOM-killed",
                    r.source()));
        }
        r.cluster().ifPresent(c -> {
            long perMaster = 1L + c.replicasPerMaster();
            if (c.nodes() % perMaster != 0) {
                out.add(finding(
                        Rules.REDIS_CLUSTER_SHAPE,
                        element,
                        "a cluster of " + c.nodes() + " nodes with " + c.replicasPerMaster() + " replica(s) per master:"
                                + " " + c.nodes() + " is not a multiple of 1 + " + c.replicasPerMaster() + " = "
                                + perMaster + ", so nodes ≠ masters × (1 + replicas)",
                        r.source()));
            } else if (c.nodes() / perMaster < 3) {
                out.add(finding(
                        Rules.REDIS_CLUSTER_SHAPE,
                        element,
                        "a cluster of " + c.nodes() + " nodes with " + c.replicasPerMaster() + " replica(s) per master"
                                + " has " + c.nodes() / perMaster + " master(s); Redis Cluster needs at least 3",
                        r.source()));
            }
        });
    }
}
