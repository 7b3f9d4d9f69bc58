package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every generated HPA and PDB validates against Kubernetes' strict JSON schemas (kubeconform's,
 * generated from the OpenAPI) of every version in ../shared/reference/kubernetes-json-schema.
 * Runs in the {@code conformance} profile.
 */
@Tag("conformance")
class KubernetesSchemaConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path schemas() {
        String ref = System.getProperty("scaleplan.reference");
        Path dir = Path.of(ref == null ? "../../shared/reference" : ref, "kubernetes-json-schema");
        assertThat(dir)
                .as("the conformance profile needs the reference schemas")
                .isDirectory();
        return dir;
    }

    private static List<Path> versions() throws IOException {
        try (Stream<Path> dirs = Files.list(schemas())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static JsonSchema schema(Path version, String file) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(version.resolve(file).toFile());
        node.remove("$schema"); // "http://json-schema.org/schema#": no specific draft; the keywords used are draft 4-7
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
    }

    @TestFactory
    List<DynamicTest> everyManifestValidatesForEveryKubernetesVersion() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> files = new java.util.TreeMap<>(ArkaPlans.files());
        files.putAll(ArkaPlans.statefulSetFiles());
        for (Path version : versions()) {
            JsonSchema hpa = schema(version, "horizontalpodautoscaler-autoscaling-v2.json");
            JsonSchema pdb = schema(version, "poddisruptionbudget-policy-v1.json");
            files.forEach((path, content) -> {
                JsonSchema schema = path.endsWith("-hpa.yaml") ? hpa : path.endsWith("-pdb.yaml") ? pdb : null;
                if (schema != null) {
                    tests.add(DynamicTest.dynamicTest(version.getFileName() + " " + path, () -> {
                        Set<ValidationMessage> errors = schema.validate(YAML.readTree(content));
                        assertThat(errors).as(path).isEmpty();
                    }));
                }
            });
        }
        assertThat(tests).isNotEmpty();
        return tests;
    }

    @Test
    void theSchemasAreStrictEnoughToCatchATypo() throws IOException {
        String hpa = ArkaPlans.files().get("production/k8s/usage-metering-hpa.yaml");
        JsonNode typo = YAML.readTree(hpa.replace("maxReplicas:", "maxReplica:"));
        JsonNode string = YAML.readTree(hpa.replace("minReplicas: 3", "minReplicas: \"3\""));
        for (Path version : versions()) {
            JsonSchema schema = schema(version, "horizontalpodautoscaler-autoscaling-v2.json");
            assertThat(schema.validate(typo)).as(version.toString()).isNotEmpty();
            assertThat(schema.validate(string)).as(version.toString()).isNotEmpty();
        }
    }
}
