package io.scaleplan.compiler.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scaleplan.compiler.emit.report.ResolvedPlanEmitter;
import io.scaleplan.compiler.render.Yaml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A change at the level of one plan (or one event phase), read from the two states of its
 * resolved plan ({@code plan.yaml}): what changed in the plan, field by field, and what that does
 * (the derived facts that moved, and the steps that restart or otherwise disrupt something).
 *
 * @param root the plan's folder under the output root ({@code production}, {@code black-friday/03-post-event})
 * @param changes {@code usage-metering · maxReplicas: 20 → 24}, in the order of the resolved plan
 * @param impact {@code connection budget: 229 → 249 of 300}
 * @param disruptions restarts and other disruptive steps the change brings
 * @param files the plan's changed output files
 * @param baseline whether the base state had a resolved plan to compare with
 */
public record PlanSummary(
        String root,
        List<String> changes,
        List<String> impact,
        List<String> disruptions,
        List<FileDiff> files,
        boolean baseline) {
    /** The resolved plan's name in each plan folder. */
    public static final String RESOLVED_PLAN = ResolvedPlanEmitter.PATH;

    private static final YAMLMapper MAPPER = Yaml.reader();
    private static final Pattern PHASE_FOLDER = Pattern.compile("\\d{2}-[a-z0-9-]+");
    private static final String UNSET = "(unset)";

    public PlanSummary {
        Objects.requireNonNull(root, "root");
        changes = List.copyOf(changes);
        impact = List.copyOf(impact);
        disruptions = List.copyOf(disruptions);
        files = List.copyOf(files);
    }

    /** The summaries of every plan folder with a changed file, plans sorted, phases in order. */
    public static List<PlanSummary> of(OutputDiff diff) {
        Map<String, List<FileDiff>> byRoot = new LinkedHashMap<>();
        diff.files().forEach(f -> byRoot.computeIfAbsent(root(f.path()), r -> new ArrayList<>())
                .add(f));
        List<PlanSummary> out = new ArrayList<>();
        byRoot.forEach((root, files) -> out.add(summarise(root, files)));
        return out;
    }

    /** The plan folder a path belongs to: its plan, or its plan and event phase ({@code black-friday/03-post-event}). */
    public static String root(String path) {
        String[] segments = path.split("/");
        if (segments.length > 2 && PHASE_FOLDER.matcher(segments[1]).matches()) {
            return segments[0] + "/" + segments[1];
        }
        return segments[0];
    }

    /** {@code production}, or {@code black-friday · post-event} for a phase folder. */
    public String label() {
        int slash = root.indexOf('/');
        return slash < 0 ? root : root.substring(0, slash) + " · " + root.substring(slash + 4);
    }

    /** The plan the folder belongs to: for a phase, its event. */
    public String plan() {
        int slash = root.indexOf('/');
        return slash < 0 ? root : root.substring(0, slash);
    }

    /** Whether the folder is an event phase. */
    public boolean isPhase() {
        return root.indexOf('/') >= 0;
    }

    /** Whether every file of the folder is new. */
    public boolean isNew() {
        return files.stream().allMatch(f -> f.status() == FileDiff.Status.ADDED);
    }

    /** Whether every file of the folder is gone. */
    public boolean isRemoved() {
        return files.stream().allMatch(f -> f.status() == FileDiff.Status.REMOVED);
    }

    /** Whether this folder's plan-level change is the same as {@code other}'s (and not empty). */
    public boolean sameChangeAs(PlanSummary other) {
        return !changes.isEmpty() && changes.equals(other.changes) && impact.equals(other.impact);
    }

    /** The changed files other than the resolved plan, paths relative to the folder. */
    public List<FileDiff> outputFiles() {
        return files.stream()
                .filter(f -> !f.path().equals(root + "/" + RESOLVED_PLAN))
                .toList();
    }

    /** A path relative to this folder. */
    public String relative(FileDiff f) {
        return f.path().substring(root.length() + 1);
    }

    private static PlanSummary summarise(String root, List<FileDiff> files) {
        Optional<FileDiff> resolved = files.stream()
                .filter(f -> f.path().equals(root + "/" + RESOLVED_PLAN))
                .findFirst();
        if (resolved.isEmpty()) {
            return new PlanSummary(root, List.of(), List.of(), List.of(), files, true);
        }
        FileDiff plan = resolved.get();
        Map<List<String>, String> before = flatten(plan.before());
        Map<List<String>, String> after = flatten(plan.after());
        boolean newFolder = files.stream().allMatch(f -> f.status() == FileDiff.Status.ADDED);
        boolean baseline = plan.before() != null || newFolder;
        List<String> changes = new ArrayList<>();
        List<String> impact = new ArrayList<>();
        if (!baseline) {
            after.forEach((key, value) -> {
                if (key.get(0).equals("impact")) {
                    impact.add(key.get(1) + ": " + value);
                }
            });
            return new PlanSummary(root, List.of(), impact, List.of(), files, false);
        }
        if (plan.status() == FileDiff.Status.REMOVED) {
            return new PlanSummary(
                    root, List.of("plan removed: its outputs are deleted"), List.of(), List.of(), files, true);
        }
        changes.addAll(settingChanges(before, after, newFolder));
        for (List<String> key : keys(before, after)) {
            if (key.get(0).equals("impact")) {
                String was = before.get(key);
                String is = after.get(key);
                if (!Objects.equals(was, is)) {
                    impact.add(key.get(1) + ": " + arrow(was, is));
                }
            }
        }
        return new PlanSummary(root, changes, impact, disruptions(before, after), files, true);
    }

    /** The plan's settings that changed; a whole service, pool or data store added or removed is one line. */
    private static List<String> settingChanges(
            Map<List<String>, String> before, Map<List<String>, String> after, boolean newFolder) {
        List<String> out = new ArrayList<>();
        Set<List<String>> reported = new LinkedHashSet<>();
        // every prefix of every key, once: whether an owner exists is then a lookup, not a scan of
        // all keys per key (which made diff quadratic: 25 s of CPU at 1,000 services)
        Set<List<String>> wasPrefixes = prefixes(before.keySet());
        Set<List<String>> isPrefixes = prefixes(after.keySet());
        for (List<String> key : keys(before, after)) {
            if (key.get(0).equals("impact") || reported.contains(key)) {
                continue;
            }
            List<String> owner = owner(key);
            if (owner != null && !newFolder) {
                boolean was = wasPrefixes.contains(owner);
                boolean is = isPrefixes.contains(owner);
                if (was != is) {
                    Map<List<String>, String> side = is ? after : before;
                    List<String> fields = new ArrayList<>();
                    side.forEach((k, v) -> {
                        if (startsWith(k, owner)) {
                            reported.add(k);
                            fields.add(String.join(" · ", k.subList(owner.size(), k.size())) + " " + v);
                        }
                    });
                    out.add((is ? "new " : "removed ") + ownerName(owner) + ": " + shorten(fields));
                    continue;
                }
            }
            String was = before.get(key);
            String is = after.get(key);
            if (!Objects.equals(was, is) && !newFolder) {
                out.add(name(key) + ": " + arrow(was, is));
            }
        }
        if (newFolder) {
            long services = after.keySet().stream()
                    .filter(k -> k.get(0).equals("services"))
                    .map(k -> k.get(1))
                    .distinct()
                    .count();
            out.add("new plan: " + services + " service" + (services == 1 ? "" : "s")
                    + (after.keySet().stream().anyMatch(k -> k.get(0).equals("postgres")) ? ", PostgreSQL" : "")
                    + (after.keySet().stream().anyMatch(k -> k.get(0).equals("redis")) ? ", Redis" : ""));
        }
        return out;
    }

    private static String shorten(List<String> fields) {
        int shown = Math.min(4, fields.size());
        String text = String.join(", ", fields.subList(0, shown));
        return fields.size() > shown ? text + ", … (" + (fields.size() - shown) + " more)" : text;
    }

    /** The element a key belongs to, for keys under services, node pools, postgres and redis. */
    private static List<String> owner(List<String> key) {
        return switch (key.get(0)) {
            case "services", "nodePools" -> key.size() > 2 ? key.subList(0, 2) : null;
            case "postgres", "redis" -> key.subList(0, 1);
            default -> null;
        };
    }

    private static String ownerName(List<String> owner) {
        return switch (owner.get(0)) {
            case "services" -> "service " + owner.get(1);
            case "nodePools" -> "node pool " + owner.get(1);
            case "postgres" -> "PostgreSQL";
            default -> "Redis";
        };
    }

    /** {@code usage-metering · maxReplicas}, {@code postgres · max_connections}, {@code node pool x · nodes}. */
    static String name(List<String> key) {
        List<String> k = key;
        return switch (k.get(0)) {
            case "services" -> String.join(" · ", k.subList(1, k.size()));
            case "nodePools" -> "node pool " + String.join(" · ", k.subList(1, k.size()));
            case "databaseClients" -> "database client " + String.join(" · ", k.subList(1, k.size()));
            case "postgres" -> "postgres · " + k.get(k.size() - 1);
            default -> String.join(" · ", k);
        };
    }

    /**
     * {@code 229 → 249 of 300}: the old and the new value, with the words they end in alike said
     * once.
     */
    static String arrow(String before, String after) {
        if (before == null || after == null) {
            return (before == null ? UNSET : before) + " → " + (after == null ? UNSET : after);
        }
        List<String> a = Arrays.asList(before.split(" "));
        List<String> b = Arrays.asList(after.split(" "));
        int prefix = 0;
        while (prefix < a.size() - 1 && prefix < b.size() - 1 && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - 1 - prefix
                && suffix < b.size() - 1 - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        String head = String.join(" ", a.subList(0, prefix));
        String tail = String.join(" ", a.subList(a.size() - suffix, a.size()));
        return (head.isEmpty() ? "" : head + " ")
                + String.join(" ", a.subList(prefix, a.size() - suffix))
                + " → "
                + String.join(" ", b.subList(prefix, b.size() - suffix))
                + (tail.isEmpty() ? "" : " " + tail);
    }

    /** Restarts and other disruptive steps that the changed settings bring. */
    private static List<String> disruptions(Map<List<String>, String> before, Map<List<String>, String> after) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> restartOnChange = new LinkedHashSet<>();
        for (Map<List<String>, String> side : List.of(before, after)) {
            String names = side.get(List.of("postgres", "restartOnChange"));
            if (names != null) {
                restartOnChange.addAll(Arrays.asList(names.split(", ")));
            }
        }
        List<String> restartSettings = new ArrayList<>();
        for (List<String> key : keys(before, after)) {
            String was = before.get(key);
            String is = after.get(key);
            if (Objects.equals(was, is)) {
                continue;
            }
            String field = key.get(key.size() - 1);
            switch (key.get(0)) {
                case "services" -> {
                    String service = key.get(1);
                    if (has(before, "services", service)
                            && has(after, "services", service)
                            && (field.startsWith("requests.")
                                    || field.startsWith("limits.")
                                    || field.startsWith("values."))) {
                        out.add(service + " pods roll (the pod template changes)");
                    } else if (field.equals("maxReplicas") && was != null && is != null && number(is) < number(was)) {
                        out.add(service + " may be scaled down to " + is + " pods");
                    } else if (field.equals("minReplicas") && was != null && is != null && number(is) > number(was)) {
                        out.add(service + " scales out to at least " + is + " pods");
                    } else if (field.equals("replicas") && was != null && is != null) {
                        out.add(service + " is scaled from " + was + " to " + is + " pods");
                    } else if (field.equals("workload")
                            && has(before, "services", service)
                            && has(after, "services", service)) {
                        // plan.yaml states only a StatefulSet's kind: absent is a Deployment
                        out.add(service + " becomes a " + (is == null ? "Deployment" : is)
                                + " (new pods replace the " + (was == null ? "Deployment" : was)
                                + "'s; its HPA, PDB and patches name the new kind)");
                    } else if (field.equals("podManagement") && was != null && is != null) {
                        out.add(service + "'s podManagementPolicy " + arrow(was, is)
                                + " is immutable on a StatefulSet: it is recreated (kubectl delete statefulset "
                                + service
                                + " --cascade=orphan, then the upgrade; the new StatefulSet adopts the pods)");
                    } else if (was != null
                            && is == null
                            && !after.keySet().stream()
                                    .anyMatch(k -> k.get(0).equals("services")
                                            && k.get(1).equals(service))) {
                        out.add(service + "'s HPA, PDB and values are removed");
                    }
                }
                case "postgres" -> {
                    if (key.size() == 3 && key.get(1).equals("settings") && restartOnChange.contains(field)) {
                        restartSettings.add(field + " " + arrow(was, is));
                    } else if (rollsPods(was, is, field, "majorVersion")) {
                        out.add("PostgreSQL pods roll (" + field + ")");
                    }
                }
                case "redis" -> {
                    if (rollsPods(was, is, field, "topology")) {
                        out.add("Redis pods roll (" + field + ")");
                    }
                }
                case "nodePools" -> {
                    if (field.equals("nodes") && was != null && is != null) {
                        out.add("node pool " + key.get(1) + " is resized: " + was + " → " + is + " nodes");
                    }
                }
                default -> {}
            }
        }
        if (!restartSettings.isEmpty()) {
            out.add("PostgreSQL restarts: " + String.join(", ", restartSettings));
        }
        return List.copyOf(out);
    }

    /** Whether a data store's {@code field} changing between two values replaces its pods. */
    private static boolean rollsPods(String was, String is, String field, String shapeField) {
        return was != null
                && is != null
                && (field.startsWith("requests.") || field.startsWith("limits.") || field.equals(shapeField));
    }

    private static boolean has(Map<List<String>, String> side, String section, String name) {
        return side.keySet().stream()
                .anyMatch(k ->
                        k.size() > 2 && k.get(0).equals(section) && k.get(1).equals(name));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every prefix of every key (the keys themselves included). */
    private static Set<List<String>> prefixes(Set<List<String>> keys) {
        Set<List<String>> out = new java.util.HashSet<>();
        for (List<String> k : keys) {
            for (int n = 1; n <= k.size(); n++) {
                out.add(k.subList(0, n));
            }
        }
        return out;
    }

    private static boolean startsWith(List<String> key, List<String> prefix) {
        return key.size() >= prefix.size() && key.subList(0, prefix.size()).equals(prefix);
    }

    private static List<List<String>> keys(Map<List<String>, String> before, Map<List<String>, String> after) {
        Set<List<String>> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        return new ArrayList<>(keys);
    }

    /** The resolved plan's scalars by key path; empty for absent or unreadable text. */
    static Map<List<String>, String> flatten(String yaml) {
        Map<List<String>, String> out = new LinkedHashMap<>();
        if (yaml == null) {
            return out;
        }
        try {
            JsonNode root = MAPPER.readTree(yaml);
            if (root != null) {
                flatten(root, new ArrayList<>(), out);
            }
        } catch (JsonProcessingException e) {
            // not ours to judge here: the file-level diff shows what changed
        }
        return out;
    }

    private static void flatten(JsonNode node, List<String> path, Map<List<String>, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                List<String> next = new ArrayList<>(path);
                next.add(e.getKey());
                flatten(e.getValue(), next, out);
            });
        } else if (!path.isEmpty()) {
            out.put(List.copyOf(path), node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
