package io.scaleplan.compiler.emit.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.CapacityPlanner.PoolFit;
import io.scaleplan.compiler.resolve.CapacityPlanner.ServiceCapacity;
import io.scaleplan.compiler.resolve.PostgresSettings;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Behavior;
import io.scaleplan.dsl.ContainerResourceMetric;
import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.DatabaseClient;
import io.scaleplan.dsl.ExternalMetric;
import io.scaleplan.dsl.Index;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.Resources;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.ScalingPolicy;
import io.scaleplan.dsl.ScalingRules;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.Suppression;
import io.scaleplan.dsl.ValueTarget;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code <plan>/plan.yaml}: the resolved plan in one file. What the plan states (every service's
 * replicas, targets, resources, budget, capacity, chart values; node pools; PostgreSQL settings as
 * tuned; Redis; rule settings) and the facts derived from it by the checker's planners (capacity
 * at max, required pods, connection budget, node-pool fit, Redis memory), one scalar per key.
 *
 * <p>It is what {@code scaleplan diff} compares to summarise a change at the plan's level and to
 * show its impact, also against a base branch whose plan sources are not compiled.
 */
public final class ResolvedPlanEmitter implements Target {
    /** The file's path below the plan's folder. */
    public static final String PATH = "plan.yaml";

    /** The target's name. */
    public static final String NAME = "plan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        ObjectNode root = Yaml.object();
        root.put("plan", plan.name());
        root.put("namespace", plan.namespace());
        root.put("release", release(plan.release()));
        if (plan.spansNamespaces()) {
            // every namespace with its release; the first is the one above
            ObjectNode namespaces = root.putObject("namespaces");
            plan.namespaces().forEach(ns -> namespaces.put(ns.name(), release(ns.release())));
        }
        if (!plan.services().isEmpty()) {
            ObjectNode services = root.putObject("services");
            for (Service s : plan.services()) {
                ObjectNode node = services.putObject(s.name());
                if (plan.spansNamespaces()) {
                    node.put("namespace", plan.namespaceOf(s).name());
                }
                service(s, node);
            }
        }
        if (!plan.nodePools().isEmpty()) {
            ObjectNode pools = root.putObject("nodePools");
            plan.nodePools().forEach(p -> pool(p, pools.putObject(p.name())));
        }
        if (!plan.databaseClients().isEmpty()) {
            ObjectNode clients = root.putObject("databaseClients");
            for (DatabaseClient c : plan.databaseClients()) {
                clients.put(c.name(), c.connections());
            }
            for (DatabaseClient c : plan.databaseClients()) {
                c.database()
                        .ifPresent(db -> root.with("databaseClientDatabases").put(c.name(), db));
            }
        }
        for (PostgresSettings tuned : resolved.databases()) {
            postgres(
                    tuned,
                    root.putObject(
                            tuned.postgres().name().map(n -> "postgres " + n).orElse("postgres")));
        }
        for (Redis r : plan.caches()) {
            redis(r, root.putObject(r.name().map(n -> "redis " + n).orElse("redis")));
        }
        rules(plan, root);
        impact(resolved, root.putObject("impact"));
        String header = Headers.comment("#", plan)
                + "# The resolved plan and the facts derived from it; scaleplan diff compares it to summarise a change.\n";
        return List.of(Document.tree(NAME, "ResolvedPlan", plan.name(), PATH, header, root));
    }

    private static String release(io.scaleplan.dsl.HelmRelease release) {
        return release.isPlainManifests() ? "none (plain manifests)" : release.name() + " (" + release.chart() + ")";
    }

    private static void service(Service s, ObjectNode out) {
        if (s.isStatefulSet()) {
            out.put("workload", s.workload().kind());
            out.put("podManagement", s.podManagement().policy());
        }
        s.replicas().ifPresent(r -> out.put("replicas", r));
        s.autoscaling().ifPresent(a -> autoscaling(a, out));
        resources(s.resources(), out);
        s.disruptionBudget()
                .ifPresent(b -> out.put(
                        b.kind() == io.scaleplan.dsl.DisruptionBudget.Kind.MAX_UNAVAILABLE
                                ? "maxUnavailable"
                                : "minAvailable",
                        b.amount().toString()));
        s.capacity().ifPresent(c -> {
            out.put("capacityPerPod", c.perPod().toString());
            out.put("headroom", Numbers.format(c.headroom()));
        });
        s.expectedLoad().ifPresent(l -> out.put("expectedLoad", l.toString()));
        s.connectionPoolSize().ifPresent(p -> out.put("connectionPoolSize", p));
        s.database().ifPresent(d -> out.put("database", d));
        if (!s.isStatefulSet()) {
            out.put("rolloutSurge", s.rolloutSurge().toString());
        }
        s.nodePool().ifPresent(p -> out.put("nodePool", p));
        s.values().entries().forEach((path, value) -> out.put("values." + path, String.valueOf(value)));
    }

    private static void autoscaling(Autoscaling a, ObjectNode out) {
        out.put("minReplicas", a.minReplicas());
        out.put("maxReplicas", a.maxReplicas());
        a.cpuUtilization().ifPresent(p -> out.put("cpuUtilization", p.toString()));
        a.memoryUtilization().ifPresent(p -> out.put("memoryUtilization", p.toString()));
        for (PodsMetric m : a.podsMetrics()) {
            out.put("podsMetric." + m.name(), Quantities.decimal(m.averageValue()));
        }
        for (ContainerResourceMetric m : a.containerResourceMetrics()) {
            out.put(
                    "containerResource." + m.container() + "." + m.resource().apiName(),
                    m.averageUtilization()
                            .map(Percent::toString)
                            .orElseGet(() -> m.resource() == ContainerResourceMetric.Resource.CPU
                                    ? Quantities.cpu(new Cpu(m.averageValue().getAsLong()))
                                    : Quantities.memory(
                                            new Memory(m.averageValue().getAsLong()))));
        }
        for (ObjectMetric m : a.objectMetrics()) {
            out.put("objectMetric." + m.object().apiVersion() + "/" + m.object() + "." + m.name(), target(m.target()));
        }
        for (ExternalMetric m : a.externalMetrics()) {
            StringBuilder key = new StringBuilder("externalMetric." + m.name());
            if (!m.selector().isEmpty()) {
                key.append('{');
                m.selector().forEach((k, v) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",")
                        .append(k)
                        .append('=')
                        .append(v));
                key.append('}');
            }
            out.put(key.toString(), target(m.target()));
        }
        if (!a.requestRateMetrics().isEmpty()) {
            out.put("requestRate", String.join(", ", a.requestRateMetrics()));
        }
        a.behavior().ifPresent(b -> behavior(b, out));
    }

    /** {@code value 2k} or {@code averageValue 30}. */
    private static String target(ValueTarget t) {
        return t.kind().field() + " " + Quantities.decimal(t.amount());
    }

    private static void behavior(Behavior b, ObjectNode out) {
        b.scaleUp().ifPresent(r -> out.put("behavior.scaleUp", rules(r)));
        b.scaleDown().ifPresent(r -> out.put("behavior.scaleDown", rules(r)));
    }

    private static String rules(ScalingRules r) {
        StringBuilder text = new StringBuilder();
        r.stabilizationWindow()
                .ifPresent(w -> text.append("window ").append(w.toSeconds()).append("s"));
        r.selectPolicy().ifPresent(p -> text.append(text.length() > 0 ? ", " : "")
                .append("select ")
                .append(p.name().toLowerCase(java.util.Locale.ROOT)));
        for (ScalingPolicy p : r.policies()) {
            text.append(text.length() > 0 ? ", " : "")
                    .append(p.amount())
                    .append(" per ")
                    .append(p.period().toSeconds())
                    .append("s");
        }
        return text.length() == 0 ? "API defaults" : text.toString();
    }

    private static void resources(Resources r, ObjectNode out) {
        r.cpuRequest().ifPresent(c -> out.put("requests.cpu", Quantities.cpu(c)));
        r.memoryRequest().ifPresent(m -> out.put("requests.memory", Quantities.memory(m)));
        r.cpuLimit().ifPresent(c -> out.put("limits.cpu", Quantities.cpu(c)));
        r.memoryLimit().ifPresent(m -> out.put("limits.memory", Quantities.memory(m)));
    }

    private static void pool(NodePool p, ObjectNode out) {
        out.put("nodes", p.minNodes() + ".." + p.maxNodes());
        out.put(
                "allocatable",
                Quantities.cpu(p.allocatableCpu()) + " CPU, " + Quantities.memory(p.allocatableMemory()));
        out.put("reserved", Quantities.cpu(p.reservedCpu()) + " CPU, " + Quantities.memory(p.reservedMemory()));
        p.provider()
                .ifPresent(n -> out.put(
                        "provider",
                        n.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + n.cluster() + "/" + n.pool()));
    }

    private static void postgres(PostgresSettings tuned, ObjectNode out) {
        Postgres pg = tuned.postgres();
        hosting(pg.hosting(), out);
        if (pg.isBitnami()) {
            out.put("release", pg.release());
        }
        out.put("majorVersion", pg.majorVersion());
        out.put("workload", pg.workload().name().toLowerCase(java.util.Locale.ROOT));
        out.put("readReplicas", pg.readReplicas());
        resources(pg.resources(), out);
        ObjectNode settings = out.putObject("settings");
        tuned.all().forEach(t -> settings.put(t.name(), t.value()));
        List<String> restart =
                tuned.restartRequired().stream().map(Tuning.Tuned::name).toList();
        if (!restart.isEmpty()) {
            out.put("restartOnChange", String.join(", ", restart));
        }
        for (Index i : pg.indexes()) {
            out.put("index." + i.name(), i.table() + " (" + String.join(", ", i.columns()) + ")");
        }
        if (!pg.vacuumAnalyze().isEmpty()) {
            out.put(
                    "vacuumAnalyze",
                    pg.vacuumAnalyze().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
    }

    /** Where an instance lives, for one that is not a Bitnami release. */
    private static void hosting(io.scaleplan.dsl.Hosting hosting, ObjectNode out) {
        if (hosting instanceof io.scaleplan.dsl.Hosting.InChart c) {
            out.put("inChart", c.workload() + (c.configFile() ? " (config file)" : ""));
        } else if (hosting instanceof io.scaleplan.dsl.Hosting.Managed m) {
            out.put("managed", m.service().name() + " " + m.identifier());
        }
    }

    private static void redis(Redis r, ObjectNode out) {
        hosting(r.hosting(), out);
        if (r.isBitnami()) {
            out.put("release", r.release());
            out.put(
                    "topology",
                    r.cluster()
                            .map(c -> "cluster of " + c.nodes() + " nodes, " + c.replicasPerMaster()
                                    + " replica(s) per master")
                            .orElse("1 master, " + r.replicas() + " replica(s)"));
        }
        out.put("maxmemory", r.maxmemory().map(Quantities::memory).orElse("no limit"));
        r.evictionPolicy().ifPresent(p -> out.put("evictionPolicy", p.toString()));
        resources(r.resources(), out);
    }

    private static void rules(ScalingPlan plan, ObjectNode root) {
        if (plan.ruleSettings().severities().isEmpty()
                && plan.ruleSettings().suppressions().isEmpty()) {
            return;
        }
        ObjectNode rules = root.putObject("rules");
        plan.ruleSettings().severities().forEach((id, severity) -> rules.put(id, severity.label()));
        for (Suppression s : plan.ruleSettings().suppressions()) {
            rules.put(s.ruleId() + s.service().map(n -> " · " + n).orElse("") + " suppressed", s.reason());
        }
    }

    /** {@code 79.5}: whole and fractional cores, so that totals read alike before and after. */
    private static String cores(io.scaleplan.dsl.Cpu cpu) {
        return Numbers.format(cpu.millicores() / 1000.0);
    }

    /** {@code 274.06}: GiB with two decimals at most. */
    private static String gib(io.scaleplan.dsl.Memory memory) {
        return Numbers.format(memory.bytes() / (double) (1L << 30));
    }

    /** The derived facts, keyed as the diff's impact section names them. */
    private static void impact(ResolvedPlan resolved, ObjectNode out) {
        ScalingPlan plan = resolved.plan();
        for (Service s : plan.services()) {
            ServiceCapacity c = resolved.capacity(s);
            c.capacityAt(s.maxReplicas()).ifPresent(rps -> out.put("capacity at max · " + s.name(), rps + " rps"));
            c.requiredPods()
                    .ifPresent(n -> out.put(
                            "required pods · " + s.name(),
                            n + " for " + c.expectedLoad().orElseThrow() + "; max " + s.maxReplicas()));
        }
        resolved.budgets()
                .forEach(b -> out.put(
                        "connection budget"
                                + b.database().name().map(n -> " · " + n).orElse(""),
                        b.total() + " of " + b.maxConnections() + (b.fits() ? "" : " (over)")));
        for (PoolFit fit : resolved.poolFits()) {
            String pool = "node pool " + fit.pool().name();
            out.put(
                    pool + " · pods at max",
                    fit.podCount() + " on up to " + fit.pool().maxNodes() + " nodes");
            out.put(
                    pool + " · CPU at max",
                    cores(fit.requestedCpu()) + " of " + cores(fit.totalCpu()) + " cores ("
                            + Math.round(fit.cpuShare() * 100) + "%)");
            out.put(
                    pool + " · memory at max",
                    gib(fit.requestedMemory()) + " of " + gib(fit.totalMemory()) + " GiB ("
                            + Math.round(fit.memoryShare() * 100) + "%)");
            out.put(
                    pool + " · fits",
                    fit.fits() ? "yes" : "no: " + fit.podsThatFit() + " of " + fit.podCount() + " pods");
        }
        resolved.caches().forEach(memory -> {
            Redis r = memory.redis();
            Optional<String> limit = memory.limit().map(Quantities::memory);
            String share = memory.shareOfLimit()
                    .map(x -> ", " + Numbers.format(x) + "% (safe: up to " + memory.safeShare() + ")")
                    .orElse("");
            out.put(
                    "redis memory" + r.name().map(n -> " · " + n).orElse(""),
                    "maxmemory " + r.maxmemory().map(Quantities::memory).orElse("unlimited")
                            + limit.map(l -> " of " + l + " limit").orElse("") + share);
        });
    }
}
