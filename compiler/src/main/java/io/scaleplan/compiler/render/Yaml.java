package io.scaleplan.compiler.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * The one YAML writer. Documents are Jackson trees built in the order their keys must appear
 * (apiVersion, kind, metadata, spec); output is block style, two-space indent, list items indented
 * under their key, LF line ends, no document marker, one trailing newline, and strings quoted
 * whenever a YAML 1.1 or 1.2 reader could take them for anything but a string ({@link
 * YamlScalars}). {@link YamlWriter} writes the text directly; it is the text Jackson's YAML
 * generator with SnakeYAML's emitter wrote before, at a fraction of the cost.
 */
public final class Yaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Yaml() {}

    /** A new, empty mapping node whose keys keep insertion order. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new, empty sequence node. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** The document as YAML, preceded by {@code header} (comment lines, each ending in LF). */
    public static String render(String header, JsonNode document) {
        StringBuilder out = new StringBuilder(header.length() + 512);
        out.append(header);
        YamlWriter.write(document, out);
        if (out.length() == header.length() || out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out.toString();
    }

    /** The tree of a YAML document {@link #render} wrote (comments are not part of it). */
    public static JsonNode read(String yaml) {
        try {
            return Reader.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read YAML", e);
        }
    }

    /** A plain JSON rendering of a tree, for messages and tests. */
    public static String json(JsonNode node) {
        try {
            return JsonMapper.builder().build().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's YAML reader, loaded when a document is first read back, not for writing. */
    private static final class Reader {
        static final YAMLMapper MAPPER = new YAMLMapper();
    }
}
