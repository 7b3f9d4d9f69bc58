package io.scaleplan.compiler.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaleplan.compiler.diff.SemanticChange;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.emit.postgres.PostgresEmitter;
import io.scaleplan.compiler.emit.redis.RedisEmitter;
import io.scaleplan.compiler.importer.PgSettingsTable;
import io.scaleplan.compiler.importer.Quantity;
import io.scaleplan.compiler.importer.RedisReader;
import io.scaleplan.compiler.importer.YamlTree;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code scaleplan drift}: compares what the cluster says with what the plan compiles to, field by
 * field and setting by setting, and names each difference as {@code diff} does. What the API
 * server adds (status, managedFields, resourceVersion, the defaulted parts of an HPA's behavior)
 * and the settings a server has by default are not drift: only what the plan states is compared,
 * plus HPAs and PDBs of the plan's release the plan does not have and settings set with ALTER SYSTEM
 * that it does not state (with pg_settings' {@code sourcefile} column).
 */
public final class Drift {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final String ABSENT = "(absent)";
    private static final String SETTINGS = "sql/10-settings.sql";
    private static final String REDIS_CONF = "redis/redis.conf";
    /** The leaves of the behavior the API server fills in where a manifest leaves it out. */
    private static final Map<String, String> DEFAULT_BEHAVIOR = Map.ofEntries(
            Map.entry("spec.behavior.scaleUp.stabilizationWindowSeconds", "0"),
            Map.entry("spec.behavior.scaleUp.selectPolicy", "Max"),
            Map.entry("spec.behavior.scaleUp.policies[0].type", "Pods"),
            Map.entry("spec.behavior.scaleUp.policies[0].value", "4"),
            Map.entry("spec.behavior.scaleUp.policies[0].periodSeconds", "15"),
            Map.entry("spec.behavior.scaleUp.policies[1].type", "Percent"),
            Map.entry("spec.behavior.scaleUp.policies[1].value", "100"),
            Map.entry("spec.behavior.scaleUp.policies[1].periodSeconds", "15"),
            Map.entry("spec.behavior.scaleDown.stabilizationWindowSeconds", "300"),
            Map.entry("spec.behavior.scaleDown.selectPolicy", "Max"),
            Map.entry("spec.behavior.scaleDown.policies[0].type", "Percent"),
            Map.entry("spec.behavior.scaleDown.policies[0].value", "100"),
            Map.entry("spec.behavior.scaleDown.policies[0].periodSeconds", "15"));

    private final ScalingPlan plan;
    private final LiveState live;
    private final List<SemanticChange> changes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Drift(ScalingPlan plan, LiveState live) {
        this.plan = plan;
        this.live = live;
    }

    /** The drift of {@code live} from {@code plan}. */
    public static DriftReport compare(ScalingPlan plan, LiveState live) {
        Drift drift = new Drift(plan, live);
        drift.notes.addAll(live.notes());
        drift.kubernetes();
        drift.postgres();
        drift.redis();
        return new DriftReport(plan.name(), drift.changes, drift.notes);
    }

    private List<YamlTree> live(String kind) {
        return live.objects().stream()
                .filter(o -> o.get("kind").text("").equals(kind))
                .filter(o -> namespaceOf(o).isPresent())
                .toList();
    }

    /** The plan's namespace {@code o} is in (an object that names none is in the plan's first); empty for another. */
    private Optional<io.scaleplan.dsl.Namespace> namespaceOf(YamlTree o) {
        String ns = o.get("metadata").get("namespace").text(plan.namespace());
        return plan.namespaces().stream().filter(n -> n.name().equals(ns)).findFirst();
    }

    /** Whether {@code o} is in {@code s}'s namespace. */
    private boolean inNamespaceOf(Service s, YamlTree o) {
        return namespaceOf(o)
                .filter(n -> n.contains(s) || !plan.spansNamespaces())
                .isPresent();
    }

    private void kubernetes() {
        List<Service> services = plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList();
        List<YamlTree> hpas = live("HorizontalPodAutoscaler");
        List<YamlTree> pdbs = live("PodDisruptionBudget");
        List<YamlTree> workloads = new ArrayList<>(live("Deployment"));
        workloads.addAll(live("StatefulSet"));
        boolean anyHpa =
                live.objects().stream().anyMatch(o -> o.get("kind").text("").equals("HorizontalPodAutoscaler"));
        boolean anyPdb =
                live.objects().stream().anyMatch(o -> o.get("kind").text("").equals("PodDisruptionBudget"));
        for (Service s : services) {
            if (anyHpa) {
                Optional<YamlTree> hpa = hpas.stream()
                        .filter(h -> inNamespaceOf(s, h))
                        .filter(h -> h.get("metadata").get("name").text("").equals(ClusterObject.hpaName(s.name()))
                                || h.get("spec")
                                        .get("scaleTargetRef")
                                        .get("name")
                                        .text("")
                                        .equals(s.name()))
                        .findFirst();
                String subject = s.name() + " HPA";
                if (s.isAutoscaled() && hpa.isEmpty()) {
                    changes.add(new SemanticChange(subject, "removed"));
                } else if (!s.isAutoscaled() && hpa.isPresent()) {
                    changes.add(new SemanticChange(subject, "added"));
                } else if (hpa.isPresent()) {
                    compareSpec(subject, KubernetesEmitter.hpa(plan, s), hpa.get());
                }
            }
            if (anyPdb) {
                Optional<YamlTree> pdb = pdbs.stream()
                        .filter(p -> inNamespaceOf(s, p))
                        .filter(p -> p.get("metadata").get("name").text("").equals(ClusterObject.pdbName(s.name())))
                        .findFirst();
                String subject = s.name() + " PDB";
                if (s.disruptionBudget().isPresent() && pdb.isEmpty()) {
                    changes.add(new SemanticChange(subject, "removed"));
                } else if (s.disruptionBudget().isEmpty() && pdb.isPresent()) {
                    changes.add(new SemanticChange(subject, "added"));
                } else if (pdb.isPresent()) {
                    compareSpec(subject, KubernetesEmitter.pdb(plan, s), pdb.get());
                }
            }
            List<YamlTree> named = workloads.stream()
                    .filter(d -> inNamespaceOf(s, d))
                    .filter(d -> d.get("metadata").get("name").text("").equals(s.name()))
                    .toList();
            named.stream()
                    .filter(d -> d.get("kind").text("").equals(s.workload().kind()))
                    .findFirst()
                    .ifPresentOrElse(d -> deployment(s, d), () -> named.stream()
                            .findFirst()
                            .ifPresent(other -> changes.add(new SemanticChange(
                                    s.name() + " " + s.workload().kind(),
                                    "kind: " + s.workload().kind() + " → "
                                            + other.get("kind").text("")
                                            + " (the cluster runs " + s.name() + " as a "
                                            + other.get("kind").text("") + ")"))));
        }
        Set<String> names = new java.util.HashSet<>();
        services.forEach(s -> names.add(s.name()));
        for (YamlTree o : live.objects()) {
            String kind = o.get("kind").text("");
            if (kind.equals("Deployment") || kind.equals("StatefulSet") || !ofThisRelease(o)) {
                continue;
            }
            String name = o.get("metadata").get("name").text("");
            String shortKind = kind.equals("HorizontalPodAutoscaler") ? "HPA" : "PDB";
            String base = name.endsWith("-" + shortKind.toLowerCase(java.util.Locale.ROOT))
                    ? name.substring(0, name.length() - 4)
                    : name;
            String target = kind.equals("HorizontalPodAutoscaler")
                    ? o.get("spec").get("scaleTargetRef").get("name").text(base)
                    : base;
            if (!names.contains(base) && !names.contains(target)) {
                changes.add(new SemanticChange(base + " " + shortKind, "added"));
            }
        }
    }

    private boolean ofThisRelease(YamlTree o) {
        YamlTree labels = o.get("metadata").get("labels");
        return namespaceOf(o)
                .filter(ns -> labels.get("app.kubernetes.io/instance")
                                .text("")
                                .equals(ns.release().name())
                        || labels.get("app.kubernetes.io/managed-by").text("").equals("scaleplan"))
                .isPresent();
    }

    /** Every leaf of the plan's {@code spec} against the live object's; live-only leaves not defaulted. */
    private void compareSpec(String subject, JsonNode planned, YamlTree liveObject) {
        Map<String, String> want = new LinkedHashMap<>();
        collect("spec", planned.path("spec"), want);
        Map<String, String> have = new LinkedHashMap<>();
        collect("spec", liveObject.get("spec"), have);
        for (Map.Entry<String, String> e : want.entrySet()) {
            String is = have.get(e.getKey());
            if (!same(e.getValue(), is)) {
                changes.add(new SemanticChange(subject, e.getKey() + ": " + e.getValue() + " → " + show(is)));
            }
        }
        for (Map.Entry<String, String> e : have.entrySet()) {
            if (want.containsKey(e.getKey()) || e.getValue().equals(DEFAULT_BEHAVIOR.get(e.getKey()))) {
                continue;
            }
            if (e.getKey().equals("spec.unhealthyPodEvictionPolicy")
                    && e.getValue().equals("IfHealthyBudget")) {
                continue;
            }
            changes.add(new SemanticChange(subject, e.getKey() + ": " + ABSENT + " → " + e.getValue()));
        }
    }

    private static String show(String value) {
        return value == null ? ABSENT : value;
    }

    /** Equal as text, or as the same quantity ({@code 1k} and {@code 1000}, {@code 2} and {@code 2000m}). */
    private static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        Optional<BigDecimal> x = Quantity.parse(a);
        Optional<BigDecimal> y = Quantity.parse(b);
        return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
    }

    private void deployment(Service s, YamlTree d) {
        String subject = s.name() + " " + s.workload().kind();
        YamlTree replicas = d.get("spec").get("replicas");
        if (replicas.isScalar()) {
            int count = replicas.integer("spec.replicas");
            if (!s.isAutoscaled() && s.replicas().isPresent() && s.replicas().get() != count) {
                changes.add(new SemanticChange(
                        subject, "spec.replicas: " + s.replicas().get() + " → " + count));
            } else if (s.isAutoscaled() && (count < s.minReplicas() || count > s.maxReplicas())) {
                changes.add(new SemanticChange(
                        subject,
                        "spec.replicas: " + s.minReplicas() + " to " + s.maxReplicas() + " (the HPA's range) → "
                                + count));
            }
        }
        List<YamlTree> containers =
                d.get("spec").get("template").get("spec").get("containers").items();
        YamlTree main = containers.stream()
                .filter(c -> c.get("name").text("").equals(s.name()))
                .findFirst()
                .orElse(containers.size() == 1 ? containers.get(0) : YamlTree.MISSING);
        if (main.isMissing() || s.resources().isEmpty()) {
            return;
        }
        String prefix = "spec.template.spec.containers[" + main.get("name").text("") + "].resources.";
        YamlTree resources = main.get("resources");
        YamlTree requests = resources.get("requests");
        YamlTree limits = resources.get("limits");
        resource(
                subject, prefix + "requests.cpu", s.resources().cpuRequest().map(Quantities::cpu), requests.get("cpu"));
        resource(
                subject,
                prefix + "requests.memory",
                s.resources().memoryRequest().map(Quantities::memory),
                requests.get("memory"));
        resource(subject, prefix + "limits.cpu", s.resources().cpuLimit().map(Quantities::cpu), limits.get("cpu"));
        resource(
                subject,
                prefix + "limits.memory",
                s.resources().memoryLimit().map(Quantities::memory),
                limits.get("memory"));
    }

    private void resource(String subject, String path, Optional<String> planned, YamlTree value) {
        String want = planned.orElse(null);
        String is = value.text().orElse(null);
        if (!same(want, is)) {
            changes.add(new SemanticChange(subject, path + ": " + show(want) + " → " + show(is)));
        }
    }

    private void postgres() {
        if (plan.postgres().isPresent()) {
            if (live.postgres().isEmpty()) {
                notes.add("PostgreSQL not compared: give psql's output of SELECT name, setting, unit, pending_restart,"
                        + " sourcefile FROM pg_settings");
            } else {
                postgres(plan.postgres().get(), live.postgres().get(), SETTINGS);
            }
        }
        for (Postgres pg : plan.namedPostgres()) {
            String name = pg.name().orElseThrow();
            List<PgSettingsTable.Row> rows = live.namedPostgres().get(name);
            if (rows == null) {
                notes.add(pg.title() + " not compared: give --postgres " + name + "=FILE, psql's output of SELECT"
                        + " name, setting, unit, pending_restart, sourcefile FROM pg_settings on that server");
                continue;
            }
            String file = pg.hosting() instanceof Hosting.Managed
                    ? PostgresEmitter.parameters(pg)
                    : PostgresEmitter.folder(pg) + "10-settings.sql";
            postgres(pg, rows, file);
        }
    }

    /** One instance's settings against the pg_settings rows of its server; differences named by {@code file}. */
    private void postgres(Postgres pg, List<PgSettingsTable.Row> liveRows, String file) {
        boolean managed = pg.hosting() instanceof Hosting.Managed;
        // a managed server's values are set in its parameter group, never with ALTER SYSTEM
        String set = managed ? "" : "ALTER SYSTEM SET ";
        Map<String, PgSettingsTable.Row> rows = new LinkedHashMap<>();
        liveRows.forEach(r -> rows.put(r.name(), r));
        Set<String> planned = new java.util.HashSet<>();
        for (Tuning.Tuned t : Tuning.settings(pg)) {
            planned.add(t.name());
            PgSettingsTable.Row row = rows.get(t.name());
            if (row == null) {
                notes.add(t.name() + ": not in the server's pg_settings (another PostgreSQL version?)");
                continue;
            }
            String is = row.valueWithUnit();
            if (!PgSettingsTable.sameValue(t.name(), t.value(), is)) {
                changes.add(new SemanticChange(file, set + t.name() + ": '" + t.value() + "' → '" + is + "'"));
            }
            if (row.pendingRestart().orElse(false)) {
                changes.add(new SemanticChange(
                        file,
                        set + t.name() + ": pending restart (the server runs '" + is
                                + "'; a changed value waits for a restart)"));
            }
        }
        for (PgSettingsTable.Row row : rows.values()) {
            if (planned.contains(row.name())) {
                continue;
            }
            if (!managed
                    && row.sourcefile()
                            .filter(f -> f.endsWith("postgresql.auto.conf"))
                            .isPresent()) {
                changes.add(new SemanticChange(
                        file, "+ ALTER SYSTEM SET " + row.name() + " = '" + row.valueWithUnit() + "'"));
            } else if (row.pendingRestart().orElse(false)) {
                changes.add(new SemanticChange(
                        file,
                        row.name() + ": pending restart (not in the plan; the server runs '" + row.valueWithUnit()
                                + "')"));
            }
        }
    }

    private void redis() {
        if (plan.redis().isPresent()) {
            if (live.redis().isEmpty()) {
                notes.add("Redis not compared: give the output of redis-cli CONFIG GET '*'");
            } else {
                redis(plan.redis().get(), live.redis().get(), REDIS_CONF);
            }
        }
        for (Redis r : plan.namedRedis()) {
            String name = r.name().orElseThrow();
            List<RedisReader.Pair> pairs = live.namedRedis().get(name);
            if (pairs == null) {
                notes.add(r.title() + " not compared: give --redis " + name + "=FILE, the output of redis-cli CONFIG"
                        + " GET '*' on that server");
                continue;
            }
            String file = r.hosting() instanceof Hosting.Managed
                    ? RedisEmitter.folder(r) + "parameters.conf"
                    : r.isBitnami() ? RedisEmitter.conf(r) : RedisEmitter.script(r);
            redis(r, pairs, file);
        }
    }

    /** One instance's maxmemory and policy against its server's CONFIG GET; differences named by {@code file}. */
    private void redis(Redis redis, List<RedisReader.Pair> livePairs, String file) {
        Map<String, String> pairs = new LinkedHashMap<>();
        livePairs.forEach(p -> pairs.put(p.name(), p.value()));
        Map<String, String> want = new LinkedHashMap<>();
        for (String[] d : RedisEmitter.directives(redis)) {
            want.put(d[0], d[1]);
        }
        for (String name : List.of("maxmemory", "maxmemory-policy")) {
            if (name.equals("maxmemory") && redis.hosting() instanceof Hosting.Managed) {
                continue; // the node type fixes it, not a parameter the plan sets
            }
            String planned = want.get(name);
            String is = pairs.get(name);
            if (is == null) {
                continue;
            }
            String shown = name.equals("maxmemory")
                    ? RedisReader.memory(is).map(KubeValues::redisMemory).orElse(is)
                    : is;
            boolean serverDefault = name.equals("maxmemory") ? is.equals("0") : is.equals("noeviction");
            if (planned == null) {
                if (!serverDefault) {
                    changes.add(new SemanticChange(file, "+ " + name + " " + shown));
                }
            } else if (!planned.equals(shown)) {
                changes.add(new SemanticChange(file, name + ": " + planned + " → " + shown));
            }
        }
    }

    private static void collect(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                collect(path + key(f.getKey()), f.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), out);
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.put(path, node.asText());
        }
    }

    private static void collect(String path, YamlTree node, Map<String, String> out) {
        switch (node.kind()) {
            case MAP -> node.fields().forEach((k, v) -> collect(path + key(k), v, out));
            case LIST -> {
                for (int i = 0; i < node.items().size(); i++) {
                    collect(path + "[" + i + "]", node.items().get(i), out);
                }
            }
            case SCALAR -> out.put(path, node.text(""));
            case MISSING -> {}
        }
    }

    private static String key(String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return "." + key;
        }
        return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
