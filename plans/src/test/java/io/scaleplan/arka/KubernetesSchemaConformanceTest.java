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
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.dsl.DescribedObject;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Units;
import io.scaleplan.dsl.ValueTarget;
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

    /**
     * The compiler's golden plans too (the showcase, plain manifests, an event, a plan across two
     * namespaces): their HPAs and PDBs as committed under compiler/src/test/resources/golden.
     */
    @TestFactory
    List<DynamicTest> everyGoldenManifestValidatesForEveryKubernetesVersion() throws IOException {
        Path golden = Path.of("../compiler/src/test/resources/golden");
        List<Path> manifests;
        try (Stream<Path> walk = Files.walk(golden)) {
            manifests = walk.filter(p ->
                            p.toString().endsWith("-hpa.yaml") || p.toString().endsWith("-pdb.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(manifests)
                .anyMatch(p ->
                        p.toString().contains("two-namespaces") && p.toString().endsWith("ledger-hpa.yaml"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path version : versions()) {
            JsonSchema hpa = schema(version, "horizontalpodautoscaler-autoscaling-v2.json");
            JsonSchema pdb = schema(version, "poddisruptionbudget-policy-v1.json");
            for (Path manifest : manifests) {
                JsonSchema schema = manifest.toString().endsWith("-hpa.yaml") ? hpa : pdb;
                tests.add(DynamicTest.dynamicTest(version.getFileName() + " " + golden.relativize(manifest), () -> {
                    Set<ValidationMessage> errors = schema.validate(YAML.readTree(Files.readString(manifest)));
                    assertThat(errors).as(manifest.toString()).isEmpty();
                }));
            }
        }
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

    /**
     * A plan with every metric type the API has (Resource, ContainerResource, Pods, Object with a
     * Value and an AverageValue target, External with a selector and without), compiled: its HPA
     * validates for every Kubernetes version.
     */
    private static String everyMetricTypeHpa() {
        ScalingPlan plan = ScalingPlan.builder("metrics")
                .namespace("mesh")
                .helmRelease("mesh", "./mesh")
                .service("usage-metering", s -> s.requests(Units.millicores(500), Units.mib(512))
                        .autoscale(a -> a.replicas(2, 30)
                                .cpuUtilization(Units.percent(70))
                                .containerCpuUtilization("app", Units.percent(60))
                                .containerMemoryAverage("istio-proxy", Units.mib(200))
                                .podsMetric("istio_requests_rate", 80, MetricSource.rate("istio_requests_total"))
                                .requestRate("istio_requests_rate")
                                .objectMetric(
                                        DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route"),
                                        "requests_per_second",
                                        ValueTarget.value(2_000),
                                        MetricSource.rate("nginx_ingress_controller_requests"))
                                .objectMetric(
                                        DescribedObject.of("v1", "Service", "usage-metering"),
                                        "q",
                                        ValueTarget.averageValue(new java.math.BigDecimal("0.5")),
                                        MetricSource.gauge("q"))
                                .externalMetric(
                                        "sqs_messages_visible",
                                        Map.of("queue", "orders", "region", "eu-west-1"),
                                        ValueTarget.averageValue(30),
                                        MetricSource.gauge("aws_sqs_visible"))
                                .externalMetric(
                                        "lb_requests", Map.of("example.com/lb", "main"), ValueTarget.value(5_000))))
                .build();
        return new PlanCompiler()
                .compile(plan).files().stream()
                        .filter(f -> f.path().equals("metrics/k8s/usage-metering-hpa.yaml"))
                        .findFirst()
                        .orElseThrow()
                        .content();
    }

    @Test
    void everyMetricTypeValidatesForEveryKubernetesVersion() throws IOException {
        String hpa = everyMetricTypeHpa();
        JsonNode tree = YAML.readTree(hpa);
        assertThat(tree.at("/spec/metrics").findValuesAsText("type"))
                .contains("Resource", "ContainerResource", "Pods", "Object", "External");
        JsonNode misplaced = YAML.readTree(hpa.replace("describedObject:", "describedObjects:"));
        for (Path version : versions()) {
            JsonSchema schema = schema(version, "horizontalpodautoscaler-autoscaling-v2.json");
            assertThat(schema.validate(tree)).as(version.toString()).isEmpty();
            assertThat(schema.validate(misplaced)).as(version.toString()).isNotEmpty();
        }
    }
}
