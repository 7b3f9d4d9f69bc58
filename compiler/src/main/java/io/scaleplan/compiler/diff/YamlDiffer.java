package io.scaleplan.compiler.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scaleplan.compiler.render.Yaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML files, document by document and field by field. A Kubernetes document is named by its
 * object ({@code usage-metering HPA} for the HorizontalPodAutoscaler {@code usage-metering-hpa});
 * any other document by its file ({@code helm/arka-values.yaml}). Each changed leaf reads {@code
 * spec.maxReplicas: 20 → 50}, with {@code (absent)} for a side where the field does not exist; a
 * list of scalars is compared as a set ({@code resources: + web-hpa.yaml}). Text that does not
 * parse as YAML is compared line by line.
 */
final class YamlDiffer implements FileDiffer {
    private static final YAMLMapper MAPPER = Yaml.reader();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final String ABSENT = "(absent)";
    private static final Map<String, String> SHORT_KINDS = Map.of(
            "HorizontalPodAutoscaler", "HPA",
            "PodDisruptionBudget", "PDB",
            "ConfigMap", "ConfigMap",
            "Deployment", "Deployment");

    @Override
    public List<SemanticChange> describe(String path, String before, String after) {
        Map<String, Document> old;
        Map<String, Document> now;
        try {
            old = documents(path, before);
            now = documents(path, after);
        } catch (IOException e) {
            return new LineDiffer().describe(path, before, after);
        }
        List<SemanticChange> changes = new ArrayList<>();
        for (Map.Entry<String, Document> e : old.entrySet()) {
            Document was = e.getValue();
            Document is = now.get(e.getKey());
            if (is == null) {
                changes.add(new SemanticChange(was.subject(), "removed"));
                continue;
            }
            Map<String, JsonNode> aItems = new LinkedHashMap<>();
            Map<String, JsonNode> bItems = new LinkedHashMap<>();
            Map<String, JsonNode> a = leaves(was.root(), aItems);
            Map<String, JsonNode> b = leaves(is.root(), bItems);
            Set<String> whole = new HashSet<>();
            for (String item : aItems.keySet()) {
                if (!bItems.containsKey(item) && outermost(item, aItems, bItems)) {
                    whole.add(item);
                    changes.add(new SemanticChange(was.subject(), item + ": removed"));
                }
            }
            for (String item : bItems.keySet()) {
                if (!aItems.containsKey(item) && outermost(item, bItems, aItems)) {
                    whole.add(item);
                    changes.add(new SemanticChange(was.subject(), item + ": added"));
                }
            }
            for (Map.Entry<String, JsonNode> leaf : a.entrySet()) {
                if (inside(leaf.getKey(), whole)) {
                    continue;
                }
                JsonNode other = b.get(leaf.getKey());
                if (leaf.getValue().isArray() && other != null && other.isArray()) {
                    changes.addAll(listChanges(was.subject(), leaf.getKey(), leaf.getValue(), other));
                } else if (isText(leaf.getValue()) && isText(other)) {
                    changes.addAll(textChanges(was.subject(), leaf.getKey(), leaf.getValue(), other));
                } else if (!leaf.getValue().equals(other)) {
                    changes.add(new SemanticChange(
                            was.subject(), leaf.getKey() + ": " + scalar(leaf.getValue()) + " → " + scalar(other)));
                }
            }
            for (Map.Entry<String, JsonNode> leaf : b.entrySet()) {
                if (!a.containsKey(leaf.getKey()) && !inside(leaf.getKey(), whole)) {
                    changes.add(new SemanticChange(
                            was.subject(), leaf.getKey() + ": " + ABSENT + " → " + scalar(leaf.getValue())));
                }
            }
        }
        for (Map.Entry<String, Document> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                changes.add(new SemanticChange(e.getValue().subject(), "added"));
            }
        }
        return changes;
    }

    /** A list of scalars compared as a set: {@code resources: - a.yaml}, {@code resources: + b.yaml}. */
    private static List<SemanticChange> listChanges(String subject, String path, JsonNode before, JsonNode after) {
        List<String> was = new ArrayList<>();
        before.forEach(n -> was.add(scalar(n)));
        List<String> is = new ArrayList<>();
        after.forEach(n -> is.add(scalar(n)));
        List<SemanticChange> changes = new ArrayList<>();
        List<String> added = new ArrayList<>(is);
        for (String item : was) {
            if (!added.remove(item)) {
                changes.add(new SemanticChange(subject, path + ": - " + item));
            }
        }
        added.forEach(item -> changes.add(new SemanticChange(subject, path + ": + " + item)));
        if (changes.isEmpty() && !was.equals(is)) {
            changes.add(new SemanticChange(subject, path + ": reordered"));
        }
        return changes;
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual() && node.asText().contains("\n");
    }

    /**
     * A block of text (an embedded configuration file such as PostgreSQL's {@code
     * extendedConfiguration}) compared line by line: a {@code name = value} or {@code name value}
     * line keyed by its name, so one setting reads {@code primary.extendedConfiguration ·
     * max_connections: '300' → '400'}; other lines as lines removed and added.
     */
    private static List<SemanticChange> textChanges(String subject, String path, JsonNode before, JsonNode after) {
        List<KeyedEntries.Entry> was = lines(before.asText());
        List<KeyedEntries.Entry> is = lines(after.asText());
        List<SemanticChange> changes = new ArrayList<>();
        for (SemanticChange c : KeyedEntries.compare(subject, was, is)) {
            changes.add(new SemanticChange(subject, path + " · " + c.detail()));
        }
        return changes;
    }

    private static final Pattern SETTING_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)\\s*(?:=\\s*|\\s+)(.*)");

    private static List<KeyedEntries.Entry> lines(String text) {
        List<KeyedEntries.Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher m = SETTING_LINE.matcher(line);
            if (m.matches()) {
                out.add(new KeyedEntries.Entry(m.group(1), m.group(2), line));
            } else {
                out.add(new KeyedEntries.Entry(line, "", line));
            }
        }
        return out;
    }

    private record Document(String subject, JsonNode root) {}

    private static Map<String, Document> documents(String path, String text) throws IOException {
        Map<String, Document> docs = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                String kind = doc.path("kind").asText("");
                String name = doc.path("metadata").path("name").asText("");
                if (kind.isEmpty()) {
                    docs.put("#" + index, new Document(index == 0 ? path : path + " document " + (index + 1), doc));
                } else {
                    docs.put(
                            kind + "/" + name + "#" + (name.isEmpty() ? index : 0),
                            new Document(name(kind, name), doc));
                }
                index++;
            }
        } catch (RuntimeException e) {
            throw new IOException("not YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** {@code usage-metering HPA} for a HorizontalPodAutoscaler named {@code usage-metering-hpa}. */
    static String name(String kind, String name) {
        String shortKind = SHORT_KINDS.getOrDefault(kind, kind);
        if (name.isEmpty()) {
            return shortKind;
        }
        String suffix = "-" + shortKind.toLowerCase(Locale.ROOT);
        String base = name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length())
                : name;
        return base + " " + shortKind;
    }

    /**
     * Every leaf of {@code node} by field path; empty objects and lists are leaves too. An item of
     * a list of objects is named by what names it, as kustomize's field paths do: {@code
     * rules[alert=ScaleplanHpaAtMax]}, {@code containers[name=app]}, and a recording rule that shares
     * its name with others by the labels that tell them apart, {@code
     * rules[record=scaleplan_plan:max_replicas{service="usage-metering"}]}; so a rule or a container
     * added in the middle of a list changes nothing after it. A list whose items do not all have
     * such a name, each a different one, is indexed ({@code metrics[2]}), as is a promtool test
     * file's {@code tests} list, whose names say the thresholds they test.
     */
    static Map<String, JsonNode> leaves(JsonNode node) {
        return leaves(node, new LinkedHashMap<>());
    }

    /** As {@link #leaves(JsonNode)}, also collecting each named list item by its path into {@code items}. */
    private static Map<String, JsonNode> leaves(JsonNode node, Map<String, JsonNode> items) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect("", node, out, items);
        return out;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> out, Map<String, JsonNode> items) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(path + key(path, field.getKey()), field.getValue(), out, items);
            }
        } else if (node.isArray() && !node.isEmpty() && !allScalars(node)) {
            List<String> names = path.equals("tests") ? null : itemNames(node);
            for (int i = 0; i < node.size(); i++) {
                if (names == null) {
                    collect(path + "[" + i + "]", node.get(i), out, items);
                } else {
                    String item = path + "[" + names.get(i) + "]";
                    items.put(item, node.get(i));
                    collect(item, node.get(i), out, items);
                }
            }
        } else {
            out.put(path.isEmpty() ? "(document)" : path, node);
        }
    }

    private static final List<String> NAMING_FIELDS = List.of("alert", "record", "name");

    /**
     * Each item's name ({@code alert=X}, {@code record=X{label="v"}}, {@code name=X}), or null when
     * an item has none or two items would share one.
     */
    private static List<String> itemNames(JsonNode array) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : array) {
            String name = null;
            for (String field : NAMING_FIELDS) {
                JsonNode value = item.get(field);
                if (value != null && value.isValueNode() && !value.asText().isEmpty()) {
                    name = field + "=" + value.asText();
                    break;
                }
            }
            if (name == null) {
                return null;
            }
            names.add(name);
        }
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(names.get(i), n -> new ArrayList<>()).add(i);
        }
        for (List<Integer> same : byName.values()) {
            if (same.size() > 1) {
                List<String> varying = varyingLabels(array, same);
                for (int i : same) {
                    names.set(i, names.get(i) + labels(array.get(i), varying));
                }
            }
        }
        return new HashSet<>(names).size() == names.size() ? names : null;
    }

    /** The label names whose values are not the same on every item of {@code same}. */
    private static List<String> varyingLabels(JsonNode array, List<Integer> same) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        Set<String> varying = new LinkedHashSet<>();
        for (int i : same) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            array.get(i).path("labels").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                JsonNode seen = first.putIfAbsent(label.getKey(), label.getValue());
                if (seen != null && !seen.equals(label.getValue())) {
                    varying.add(label.getKey());
                }
            }
        }
        return new ArrayList<>(varying);
    }

    /** {@code {service="usage-metering"}}: the item's values of the labels {@code names}. */
    private static String labels(JsonNode item, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            JsonNode value = item.path("labels").get(name);
            parts.add(name + "=\"" + (value == null ? "" : value.asText()) + "\"");
        }
        return parts.isEmpty() ? "" : "{" + String.join(",", parts) + "}";
    }

    /** Whether {@code item} (on one side only) lies in no other item that is on one side only. */
    private static boolean outermost(String item, Map<String, JsonNode> side, Map<String, JsonNode> other) {
        for (String outer : enclosing(item)) {
            if (side.containsKey(outer) && !other.containsKey(outer)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path} is, or lies in, an item added or removed whole. */
    private static boolean inside(String path, Set<String> whole) {
        if (whole.isEmpty()) {
            return false;
        }
        if (whole.contains(path)) {
            return true;
        }
        for (String outer : enclosing(path)) {
            if (whole.contains(outer)) {
                return true;
            }
        }
        return false;
    }

    /** The paths of the list items that enclose {@code path}: {@code a[name=x]} for {@code a[name=x].b}. */
    private static List<String> enclosing(String path) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < path.length() - 1; i++) {
            char next = path.charAt(i + 1);
            if (path.charAt(i) == ']' && (next == '.' || next == '[')) {
                out.add(path.substring(0, i + 1));
            }
        }
        return out;
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String key(String parent, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return parent.isEmpty() ? key : "." + key;
        }
        return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String scalar(JsonNode node) {
        if (node == null) {
            return ABSENT;
        } else if (node.isTextual()) {
            return node.asText().isEmpty() ? "\"\"" : node.asText();
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(scalar(n)));
            return "[" + String.join(", ", items) + "]";
        }
        return node.toString();
    }
}
