package io.scaleplan.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/** Assertions on one generated YAML document: an HPA, a PDB, a Helm values overlay. */
public final class ManifestAssert extends AbstractAssert<ManifestAssert, JsonNode> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final String name;

    ManifestAssert(String name, String yaml) {
        super(parse(yaml), ManifestAssert.class);
        this.name = name;
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HPA's {@code spec.minReplicas}. */
    public ManifestAssert hasMinReplicas(int expected) {
        return hasInt("spec.minReplicas", expected);
    }

    /** The HPA's {@code spec.maxReplicas}. */
    public ManifestAssert hasMaxReplicas(int expected) {
        return hasInt("spec.maxReplicas", expected);
    }

    /** The number at a dotted path ({@code usageMetering.autoscaling.maxReplicas}). */
    public ManifestAssert hasInt(String path, int expected) {
        JsonNode node = at(path);
        if (!node.isInt() || node.asInt() != expected) {
            failWithMessage("expected %s %s to be %s, but was %s", name, path, expected, node);
        }
        return this;
    }

    /** The text (or number, as written) at a dotted path ({@code usageMetering.resources.requests.cpu}). */
    public AbstractStringAssert<?> value(String path) {
        return Assertions.assertThat(at(path).asText()).as(name + " " + path);
    }

    private JsonNode at(String path) {
        isNotNull();
        JsonNode node = actual;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        if (node.isMissingNode()) {
            failWithMessage("expected %s to have %s, but it has none", name, path);
        }
        return node;
    }
}
