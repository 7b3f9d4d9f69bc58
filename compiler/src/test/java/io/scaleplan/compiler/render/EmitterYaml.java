package io.scaleplan.compiler.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;

/**
 * How {@link Yaml#render} wrote YAML before {@link YamlWriter}: Jackson's YAML generator over
 * SnakeYAML's emitter, with the project's quoting ({@link YamlScalars}). The reference the direct
 * writer is compared with.
 */
final class EmitterYaml {
    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
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

    private EmitterYaml() {}

    static String render(String header, JsonNode document) {
        try {
            String body = MAPPER.writeValueAsString(document).replace("\r\n", "\n");
            return header + (body.endsWith("\n") ? body : body + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render YAML", e);
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
