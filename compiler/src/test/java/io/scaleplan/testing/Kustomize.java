package io.scaleplan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** kubectl's kustomize, for the tests that build a generated kustomization (skipped without kubectl). */
public final class Kustomize {
    private Kustomize() {}

    /** The objects {@code kubectl kustomize dir} builds, in its order; the build must succeed. */
    public static List<JsonNode> build(Path dir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "kubectl is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<JsonNode> objects = new ArrayList<>();
        try (var docs =
                new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(out)) {
            while (docs.hasNext()) {
                objects.add(docs.next());
            }
        }
        return objects;
    }
}
