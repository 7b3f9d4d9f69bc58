package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.Fact;
import io.scaleplan.compiler.importer.Estate.NodePoolFacts;
import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PodAmount;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scaleplan's resolved plan ({@code plan.yaml}) for what no other output states: the order
 * the plan declared its services in, each service's capacity per pod, headroom, expected load,
 * connection pool, rollout surge and node pool, the node pools, the other database clients, the
 * rule settings, and the Helm release's chart path. What the other outputs state (replicas,
 * resources, settings) is read from them; the derived facts ({@code impact}) are not read.
 */
final class ResolvedPlanReader {
    private static final Pattern RELEASE = Pattern.compile("([a-z0-9-]+) \\((.+)\\)");
    private static final Pattern RPS = Pattern.compile("(\\d+) rps");
    private static final Pattern NODES = Pattern.compile("(\\d+)\\.\\.(\\d+)");
    private static final Pattern CPU_MEMORY = Pattern.compile("(\\S+) CPU, (\\S+)");
    private static final Pattern EKS = Pattern.compile("eks ([^/ ]+)/([^/ ]+)");
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)(%| pods?)");
    private static final Pattern SUPPRESSED = Pattern.compile("(SP\\d{3})(?: · ([a-z0-9-]+))? suppressed");

    private final Estate estate;

    ResolvedPlanReader(Estate estate) {
        this.estate = estate;
    }

    /** Whether {@code doc} of a file named {@code fileName} is scaleplan's resolved plan. */
    static boolean isResolvedPlan(YamlTree doc, String fileName) {
        return fileName.equals("plan.yaml")
                && doc.isMap()
                && doc.get("kind").isMissing()
                && doc.get("plan").isScalar()
                && doc.get("release").isScalar();
    }

    void read(YamlTree doc) {
        estate.resolvedPlanRead = true;
        // the plan's own namespace and release, whichever object was read first
        doc.get("namespace")
                .text()
                .ifPresent(ns ->
                        estate.namespace = new Fact<>(ns, doc.get("namespace").where()));
        YamlTree release = doc.get("release");
        release.text().map(RELEASE::matcher).filter(Matcher::matches).ifPresent(m -> {
            estate.release = new Fact<>(m.group(1), release.where());
            estate.chartPath = new Fact<>(m.group(2), release.where());
        });
        doc.get("namespaces").fields().forEach((ns, r) -> r.text()
                .map(RELEASE::matcher)
                .filter(Matcher::matches)
                .ifPresent(m ->
                        estate.namespaceReleases.put(ns, new Fact<>(Map.entry(m.group(1), m.group(2)), r.where()))));
        doc.get("services").fields().forEach((name, s) -> service(name, s));
        doc.get("nodePools").fields().forEach((name, p) -> pool(name, p));
        doc.get("databaseClients").fields().forEach((name, c) -> estate.databaseClients.put(name, c.integer(name)));
        doc.get("databaseClientDatabases").fields().forEach((name, d) -> d.text()
                .ifPresent(db -> estate.databaseClientDatabases.put(name, db)));
        doc.fields().forEach((key, value) -> {
            if (key.equals("postgres") || key.startsWith("postgres ")) {
                postgres(key.equals("postgres") ? null : key.substring("postgres ".length()), value);
            } else if (key.equals("redis") || key.startsWith("redis ")) {
                redis(key.equals("redis") ? null : key.substring("redis ".length()), value);
            }
        });
        doc.get("rules").fields().forEach((key, value) -> {
            Matcher m = SUPPRESSED.matcher(key);
            String text = value.text("");
            if (m.matches() && m.group(2) != null) {
                estate.service(m.group(2)).suppressions.add(Map.entry(m.group(1), text));
            } else if (m.matches()) {
                estate.suppressions.add(Map.entry(m.group(1), text));
            } else if (key.matches("SP\\d{3}") && text.matches("error|warning|note")) {
                estate.severities.put(key, text);
            } else {
                estate.warn(
                        value, "rule setting " + key + ": " + text + " is not one import knows; set it in the plan");
            }
        });
    }

    private void service(String name, YamlTree s) {
        if (!estate.serviceOrder.contains(name)) {
            estate.serviceOrder.add(name);
        }
        ServiceFacts facts = estate.service(name);
        facts.fromKubernetes = true;
        s.get("namespace")
                .text()
                .ifPresent(ns ->
                        facts.namespace = new Fact<>(ns, s.get("namespace").where()));
        // the scale, where no manifest or values file said it (plan.yaml imported alone)
        if (facts.replicas == null && s.get("replicas").isScalar()) {
            facts.replicas = new Fact<>(
                    s.get("replicas").integer("replicas"), s.get("replicas").where());
        }
        if (facts.minReplicas == null
                && facts.maxReplicas == null
                && s.get("maxReplicas").isScalar()) {
            facts.minReplicas = new Fact<>(
                    s.get("minReplicas").integer("minReplicas"),
                    s.get("minReplicas").where());
            facts.maxReplicas = new Fact<>(
                    s.get("maxReplicas").integer("maxReplicas"),
                    s.get("maxReplicas").where());
        }
        s.get("requestRate")
                .text()
                .ifPresent(r -> facts.requestRates = new Fact<>(
                        java.util.Arrays.stream(r.split(","))
                                .map(String::strip)
                                .filter(n -> !n.isEmpty())
                                .toList(),
                        s.get("requestRate").where()));
        rps(s.get("capacityPerPod"))
                .ifPresent(r -> facts.capacityPerPod =
                        new Fact<>(r, s.get("capacityPerPod").where()));
        s.get("headroom")
                .text()
                .ifPresent(h -> facts.headroom = new Fact<>(h, s.get("headroom").where()));
        rps(s.get("expectedLoad"))
                .ifPresent(r ->
                        facts.expectedLoad = new Fact<>(r, s.get("expectedLoad").where()));
        if (!s.get("connectionPoolSize").isMissing()) {
            facts.connectionPoolSize = new Fact<>(
                    s.get("connectionPoolSize").integer("connectionPoolSize"),
                    s.get("connectionPoolSize").where());
        }
        s.get("database")
                .text()
                .ifPresent(d -> facts.database = new Fact<>(d, s.get("database").where()));
        s.get("nodePool")
                .text()
                .ifPresent(p -> facts.nodePool = new Fact<>(p, s.get("nodePool").where()));
        s.get("workload")
                .text()
                .flatMap(io.scaleplan.dsl.WorkloadKind::ofKind)
                .ifPresent(k -> facts.workload =
                        estate.merge(facts.workload, k, s.get("workload").where(), name + "'s kind"));
        s.get("podManagement")
                .text()
                .flatMap(io.scaleplan.dsl.PodManagement::ofPolicy)
                .ifPresent(p -> facts.podManagement = estate.merge(
                        facts.podManagement, p, s.get("podManagement").where(), name + "'s pod management"));
        YamlTree surge = s.get("rolloutSurge");
        surge.text().map(AMOUNT::matcher).filter(Matcher::matches).ifPresent(m -> {
            int value = Integer.parseInt(m.group(1));
            PodAmount amount =
                    m.group(2).equals("%") ? new io.scaleplan.dsl.Percent(value) : new io.scaleplan.dsl.PodCount(value);
            facts.rolloutSurge = estate.merge(facts.rolloutSurge, amount, surge.where(), name + "'s rollout surge");
        });
    }

    /** An instance's entry: where it lives, and for a named one what no other file of it says. */
    private void postgres(String name, YamlTree pg) {
        estate.instance = name;
        try {
            Estate.PostgresFacts facts = estate.postgres();
            facts.hosting = hosting(pg, true).orElse(facts.hosting);
            pg.get("majorVersion")
                    .text()
                    .ifPresent(v -> facts.majorVersion = estate.merge(
                            facts.majorVersion,
                            pg.get("majorVersion").integer("majorVersion"),
                            pg.get("majorVersion").where(),
                            "PostgreSQL's major version"));
            if (name != null) {
                pg.get("release")
                        .text()
                        .ifPresent(r -> facts.release = estate.merge(
                                facts.release, r, pg.get("release").where(), "PostgreSQL " + name + "'s release"));
                if (facts.readReplicas == null && pg.get("readReplicas").isScalar()) {
                    facts.readReplicas = new Fact<>(
                            pg.get("readReplicas").integer("readReplicas"),
                            pg.get("readReplicas").where());
                }
            }
        } finally {
            estate.instance = null;
        }
    }

    private static final Pattern TOPOLOGY = Pattern.compile(
            "1 master, (\\d+) replica\\(s\\)|cluster of (\\d+) nodes, (\\d+) replica\\(s\\) per master");

    /**
     * A Redis instance's entry. A named instance is read from here alone: its {@code apply.redis} or
     * {@code parameters.conf} leaves out what its hosting does not take.
     */
    private void redis(String name, YamlTree r) {
        estate.instance = name;
        try {
            Optional<Estate.Hosting> hosting = hosting(r, false);
            if (name == null) {
                hosting.ifPresent(h -> estate.redis().hosting = h);
                return;
            }
            Estate.RedisFacts facts = estate.redis();
            facts.hosting = hosting.orElse(facts.hosting);
            r.get("release")
                    .text()
                    .ifPresent(
                            v -> facts.release = new Fact<>(v, r.get("release").where()));
            r.get("topology")
                    .text()
                    .map(TOPOLOGY::matcher)
                    .filter(Matcher::matches)
                    .ifPresent(m -> {
                        String where = r.get("topology").where();
                        if (m.group(1) != null) {
                            facts.replicas = new Fact<>(Integer.parseInt(m.group(1)), where);
                        } else {
                            facts.clusterNodes = new Fact<>(Integer.parseInt(m.group(2)), where);
                            facts.clusterReplicas = new Fact<>(Integer.parseInt(m.group(3)), where);
                        }
                    });
            r.get("maxmemory")
                    .text()
                    .flatMap(Quantity::memory)
                    .ifPresent(m ->
                            facts.maxmemory = new Fact<>(m, r.get("maxmemory").where()));
            r.get("evictionPolicy")
                    .text()
                    .ifPresent(p -> facts.evictionPolicy =
                            new Fact<>(p, r.get("evictionPolicy").where()));
            resource(r, "requests.cpu", Quantity::cpu, c -> facts.resources.cpuRequest = c);
            resource(r, "requests.memory", Quantity::memory, m -> facts.resources.memoryRequest = m);
            resource(r, "limits.cpu", Quantity::cpu, c -> facts.resources.cpuLimit = c);
            resource(r, "limits.memory", Quantity::memory, m -> facts.resources.memoryLimit = m);
        } finally {
            estate.instance = null;
        }
    }

    private <T> void resource(
            YamlTree r,
            String key,
            java.util.function.Function<String, Optional<T>> parse,
            java.util.function.Consumer<Fact<T>> set) {
        r.get(key)
                .text()
                .flatMap(parse)
                .ifPresent(v -> set.accept(new Fact<>(v, r.get(key).where())));
    }

    private static final Pattern IN_CHART = Pattern.compile("([a-z0-9-]+)( \\(config file\\))?");
    private static final Pattern MANAGED = Pattern.compile("([A-Z_]+) (\\S+)");

    /** {@code inChart: orders-db (config file)} or {@code managed: AWS_RDS billing-prod}. */
    private Optional<Estate.Hosting> hosting(YamlTree instance, boolean postgres) {
        YamlTree inChart = instance.get("inChart");
        Optional<Matcher> chart = inChart.text().map(IN_CHART::matcher).filter(Matcher::matches);
        if (chart.isPresent()) {
            return Optional.of(
                    new Estate.Hosting(chart.get().group(1), chart.get().group(2) != null, null, null));
        }
        YamlTree managed = instance.get("managed");
        Optional<Matcher> service = managed.text().map(MANAGED::matcher).filter(Matcher::matches);
        if (service.isPresent()) {
            String engine = postgres ? "POSTGRES" : "REDIS";
            boolean known = java.util.Arrays.stream(io.scaleplan.dsl.ManagedService.values())
                    .anyMatch(v -> v.name().equals(service.get().group(1))
                            && v.engine().name().equals(engine));
            if (known) {
                return Optional.of(new Estate.Hosting(
                        null, false, service.get().group(1), service.get().group(2)));
            }
        }
        if (!inChart.isMissing() || !managed.isMissing()) {
            YamlTree where = inChart.isMissing() ? managed : inChart;
            estate.warn(where, "not a hosting import knows: " + where.text("") + "; state it in the plan by hand");
        }
        return Optional.empty();
    }

    private Optional<Long> rps(YamlTree value) {
        return value.text().map(RPS::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1)));
    }

    private void pool(String name, YamlTree p) {
        Matcher nodes = NODES.matcher(p.get("nodes").text(""));
        Matcher allocatable = CPU_MEMORY.matcher(p.get("allocatable").text(""));
        Matcher reserved = CPU_MEMORY.matcher(p.get("reserved").text(""));
        if (!nodes.matches() || !allocatable.matches() || !reserved.matches()) {
            estate.warn(p, "node pool " + name + " is not as scaleplan writes it: add it to the plan by hand");
            return;
        }
        Optional<Cpu> cpu = Quantity.cpu(allocatable.group(1));
        Optional<Memory> memory = Quantity.memory(allocatable.group(2));
        Optional<Cpu> reservedCpu = Quantity.cpu(reserved.group(1));
        Optional<Memory> reservedMemory = Quantity.memory(reserved.group(2));
        if (cpu.isEmpty() || memory.isEmpty() || reservedCpu.isEmpty() || reservedMemory.isEmpty()) {
            estate.warn(p, "node pool " + name + "'s resources are not quantities: add it to the plan by hand");
            return;
        }
        Optional<String> eksCluster = Optional.empty();
        Optional<String> eksNodegroup = Optional.empty();
        String provider = p.get("provider").text("");
        Matcher eks = EKS.matcher(provider);
        if (eks.matches()) {
            eksCluster = Optional.of(eks.group(1));
            eksNodegroup = Optional.of(eks.group(2));
        } else if (!provider.isEmpty()) {
            estate.warn(
                    p.get("provider"),
                    "node pool " + name + "'s provider \"" + provider + "\" is kept as a comment: plan.yaml does not"
                            + " say its location; add gke(cluster, pool, location) by hand");
            estate.planComments.add("node pool " + name + ": provider " + provider + " ("
                    + p.get("provider").where() + "): add gke(cluster, pool, location)");
        }
        estate.nodePools.put(
                name,
                new NodePoolFacts(
                        name,
                        Integer.parseInt(nodes.group(1)),
                        Integer.parseInt(nodes.group(2)),
                        cpu.get(),
                        memory.get(),
                        reservedCpu.get(),
                        reservedMemory.get(),
                        eksCluster,
                        eksNodegroup,
                        p.where()));
    }
}
