package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Memory;
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
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        ConnectionBudget.of(plan).ifPresent(b -> {
            if (!b.fits()) {
                String top = b.services().stream()
                        .limit(3)
                        .map(ConnectionBudget.ServiceConnections::arithmetic)
                        .collect(Collectors.joining(", "));
                String clients = b.clients().isEmpty() ? "" : " + " + b.clientsTotal() + " for other clients";
                out.add(finding(
                        Rules.CONNECTIONS_EXHAUSTED,
                        PlanRule.element(plan).postgres(),
                        "at maxReplicas plus rollout surge the services open " + b.servicesTotal() + " connections ("
                                + top + (b.services().size() > 3 ? ", ..." : "") + ")" + clients + " + " + b.reserved()
                                + " reserved = " + b.total() + " > max_connections " + b.maxConnections(),
                        plan.postgres().get().source()));
            }
        });
        if (plan.postgres().isEmpty()) {
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
        plan.redis().ifPresent(r -> redis(plan, r, out));
        return out;
    }

    private static void redis(ScalingPlan plan, Redis r, List<Diagnostic> out) {
        PlanElement element = PlanRule.element(plan).redis();
        if (r.maxmemory().isPresent() && r.resources().memoryLimit().isPresent()) {
            Memory max = r.maxmemory().get();
            Memory limit = r.resources().memoryLimit().get();
            long safe = limit.bytes() / 100 * r.safeMemoryShare().value()
                    + limit.bytes() % 100 * r.safeMemoryShare().value() / 100;
            if (max.bytes() > safe) {
                out.add(finding(
                        Rules.REDIS_MAXMEMORY_UNSAFE,
                        element,
                        "maxmemory " + max + " is " + Numbers.format(100.0 * max.bytes() / limit.bytes())
                                + "% of the container's memory limit " + limit + "; above "
                                + r.safeMemoryShare() + " (" + new Memory(safe)
                                + ") a BGSAVE fork or replication buffers get the pod OOM-killed",
                        r.source()));
            }
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
