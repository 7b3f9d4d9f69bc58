package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every generated PrometheusRule validates against the CRD's OpenAPI schema
 * (../shared/reference/crds, prometheus-operator 0.93), made strict as kubeconform makes
 * Kubernetes' schemas: an object with declared properties takes no others, so a misspelt field is
 * an error instead of being pruned by the API server. Runs in the {@code conformance} profile.
 */
@Tag("conformance")
class PrometheusRuleConformanceTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static JsonSchema schema() throws IOException {
        String ref = System.getProperty("scaleplan.reference");
        Path crd = Path.of(
                ref == null ? "../../shared/reference" : ref, "crds", "monitoring.coreos.com_prometheusrules.yaml");
        assertThat(crd).as("the conformance profile needs the reference CRDs").isRegularFile();
        JsonNode root = YAML.readTree(crd.toFile());
        JsonNode v1 = null;
        for (JsonNode version : root.at("/spec/versions")) {
            if (version.get("name").asText().equals("v1")) {
                v1 = version.at("/schema/openAPIV3Schema");
            }
        }
        assertThat(v1).as("v1 schema in %s", crd).isNotNull();
        ObjectNode strict = v1.deepCopy();
        strict(strict);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(strict);
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.forEach(PrometheusRuleConformanceTest::strict);
        } else if (node.isArray()) {
            node.forEach(PrometheusRuleConformanceTest::strict);
        }
    }

    @TestFactory
    List<DynamicTest> everyPrometheusRuleValidatesAgainstTheCrd() throws IOException {
        JsonSchema schema = schema();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> folder :
                Monitoring.foldersWithGoldens().entrySet()) {
            String rule = folder.getValue().get("prometheus-rule.yaml");
            tests.add(DynamicTest.dynamicTest(folder.getKey(), () -> {
                JsonNode doc = YAML.readTree(rule);
                assertThat(doc.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
                assertThat(doc.get("kind").asText()).isEqualTo("PrometheusRule");
                Set<ValidationMessage> errors = schema.validate(doc);
                assertThat(errors).as(folder.getKey()).isEmpty();
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests;
    }

    @Test
    void theStrictSchemaRejectsAMisspeltField() throws IOException {
        JsonNode doc = YAML.readTree(Monitoring.folders().get("production").get("prometheus-rule.yaml"));
        ObjectNode rule = (ObjectNode) doc.at("/spec/groups/0/rules/0");
        rule.set("fore", rule.remove("for"));
        assertThat(schema().validate(doc))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("fore"));
    }
}
