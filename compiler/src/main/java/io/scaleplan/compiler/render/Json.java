package io.scaleplan.compiler.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON writer: objects and arrays one member per line, two-space indent, {@code "key":
 * value}, empty containers as {@code {}} and {@code []}, keys in insertion order, LF, one trailing
 * newline. Written by hand over the tree so that the bytes depend on nothing but the tree.
 */
public final class Json {
    private Json() {}

    /** {@code document} as JSON text. */
    public static String render(JsonNode document) {
        StringBuilder out = new StringBuilder();
        write(out, document, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                indent(out, depth + 1);
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey()))
                        .append(": ");
                write(out, f.getValue(), depth + 1);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(out, depth + 1);
                write(out, node.get(i), depth + 1);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append(']');
        } else {
            // TextNode quotes and escapes; numbers, booleans and null print as JSON
            out.append(node.toString());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
