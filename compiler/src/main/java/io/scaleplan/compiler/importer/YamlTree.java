package io.scaleplan.compiler.importer;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it was read ({@code file:line:column}), so that every finding
 * of an import and a drift report can point at the line. Read-only; a missing key yields {@link
 * #MISSING}, so lookups chain: {@code doc.get("spec").get("maxReplicas")}.
 */
public final class YamlTree {
    /** What a lookup of an absent key or index returns. */
    public static final YamlTree MISSING = new YamlTree(Kind.MISSING, "", 0, 0, null, Map.of(), List.of());

    /** The shape of a node. */
    public enum Kind {
        MAP,
        LIST,
        SCALAR,
        MISSING
    }

    private final Kind kind;
    private final String file;
    private final int line;
    private final int column;
    private final String scalar;
    private final Map<String, YamlTree> fields;
    private final List<YamlTree> items;

    private YamlTree(
            Kind kind,
            String file,
            int line,
            int column,
            String scalar,
            Map<String, YamlTree> fields,
            List<YamlTree> items) {
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.column = column;
        this.scalar = scalar;
        this.fields = fields;
        this.items = items;
    }

    /**
     * Every document of {@code text}; empty documents are left out.
     *
     * @throws ImportException with the file, line and column when the text is not YAML
     */
    public static List<YamlTree> parseAll(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        // `kubectl get hpa,pdb,deploy -A -o yaml` of a large cluster, or the plan.yaml of a large
        // estate, is more than SnakeYAML's default 3 MiB
        options.setCodePointLimit(256 << 20);
        List<YamlTree> docs = new ArrayList<>();
        try {
            for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
                if (node != null) {
                    docs.add(of(node, file));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ImportException(
                    file,
                    mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1,
                    "malformed YAML: " + problem + context);
        } catch (YAMLException e) {
            throw new ImportException(file, 1, 1, "malformed YAML: " + e.getMessage());
        }
        return docs;
    }

    private static YamlTree of(Node node, String file) {
        int line = node.getStartMark().getLine() + 1;
        int column = node.getStartMark().getColumn() + 1;
        if (node instanceof MappingNode map) {
            Map<String, YamlTree> fields = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                fields.put(key, of(t.getValueNode(), file));
            }
            return new YamlTree(Kind.MAP, file, line, column, null, Collections.unmodifiableMap(fields), List.of());
        } else if (node instanceof SequenceNode seq) {
            List<YamlTree> items = new ArrayList<>();
            for (Node n : seq.getValue()) {
                items.add(of(n, file));
            }
            return new YamlTree(Kind.LIST, file, line, column, null, Map.of(), List.copyOf(items));
        }
        ScalarNode s = (ScalarNode) node;
        boolean isNull = s.getTag().getValue().endsWith(":null");
        return isNull
                ? new YamlTree(Kind.MISSING, file, line, column, null, Map.of(), List.of())
                : new YamlTree(Kind.SCALAR, file, line, column, s.getValue(), Map.of(), List.of());
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMissing() {
        return kind == Kind.MISSING;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    /** The field {@code key} of a map, or {@link #MISSING}. */
    public YamlTree get(String key) {
        YamlTree v = fields.get(key);
        return v == null ? MISSING : v;
    }

    /** The fields of a map, in file order. */
    public Map<String, YamlTree> fields() {
        return fields;
    }

    /** The items of a list. */
    public List<YamlTree> items() {
        return items;
    }

    /** The text of a scalar; empty for anything else. */
    public Optional<String> text() {
        return Optional.ofNullable(scalar);
    }

    /** The text of a scalar, or {@code fallback}. */
    public String text(String fallback) {
        return scalar == null ? fallback : scalar;
    }

    /** The file the node was read from. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code file:line}. */
    public String where() {
        return file + ":" + line;
    }

    /**
     * The scalar as an int.
     *
     * @throws ImportException when it is not one
     */
    public int integer(String what) {
        String t = scalar == null ? "" : scalar.trim();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new ImportException(file, line, column, what + " must be a whole number, was " + show());
        }
    }

    /** How the node reads in a message: the scalar, or its shape. */
    public String show() {
        return switch (kind) {
            case SCALAR -> "\"" + scalar + "\"";
            case MAP -> "a mapping";
            case LIST -> "a list";
            case MISSING -> "nothing";
        };
    }
}
