package io.scaleplan.compiler.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML writer. Documents are Jackson trees built in the order their keys must appear
 * (apiVersion, kind, metadata, spec); output is block style, two-space indent, list items indented
 * under their key, LF line ends, no document marker, one trailing newline, and strings quoted
 * whenever a YAML 1.1 or 1.2 reader could take them for anything but a string ({@link
 * YamlScalars}). {@link YamlWriter} writes the text directly: the text Jackson's YAML generator
 * with SnakeYAML's emitter wrote before ({@link #renderWithEmitter}), at a tenth of the cost.
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
        try {
            YamlWriter.write(document, out);
        } catch (YamlWriter.Unsupported e) {
            return renderWithEmitter(header, document);
        }
        if (out.length() == header.length() || out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The document as Jackson's YAML generator over SnakeYAML's emitter writes it, with the same
     * quoting: what {@link #render} wrote before {@link YamlWriter}, and still writes for a tree with
     * a node the writer does not know (binary data, a wrapped object), which no emitter makes.
     */
    static String renderWithEmitter(String header, JsonNode document) {
        try {
            String body = Emitter.MAPPER.writeValueAsString(document).replace("\r\n", "\n");
            return header + (body.endsWith("\n") ? body : body + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render YAML", e);
        }
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

    /**
     * Jackson's YAML reader for what scaleplan wrote and reads back (diff, the resolved plan, the
     * chart stage), however large. SnakeYAML stops at 3 MiB of text by default, which the rule
     * files of an estate of about 4,000 services exceed (and {@code plan.yaml} of about 6,500):
     * the limit here is 1 GiB.
     */
    public static YAMLMapper reader() {
        return Reader.MAPPER;
    }

    /** Jackson's YAML reader, loaded when a document is first read back, not for writing. */
    private static final class Reader {
        static final YAMLMapper MAPPER;

        static {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(1 << 30);
            MAPPER = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
        }
    }

    /** Jackson's YAML generator, configured as the writer's output; loaded only when used. */
    private static final class Emitter {
        static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
                .stringQuotingChecker(new StrictQuoting())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build());

        static {
            MAPPER.disable(SerializationFeature.INDENT_OUTPUT);
        }
    }

    private static final class StrictQuoting extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return YamlScalars.needsQuotes(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return YamlScalars.needsQuotes(value);
        }
    }
}
