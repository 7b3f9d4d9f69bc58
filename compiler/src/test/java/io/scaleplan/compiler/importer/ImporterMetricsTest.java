package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HPA someone else wrote, with External, Object and ContainerResource metrics: what a plan can
 * say becomes builder calls; what it cannot (an averageUtilization that is no number, a
 * matchExpressions selector) is a warning and a comment, never a crash.
 */
class ImporterMetricsTest {
    @TempDir
    Path temp;

    private static final String HPA =
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 2
              maxReplicas: 12
              metrics:
                - type: External
                  external:
                    metric: {name: sqs_visible, selector: {matchLabels: {queue: orders}}}
                    target: {type: AverageValue, averageValue: "30"}
                - type: Object
                  object:
                    describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}
                    metric: {name: requests_per_second}
                    target: {type: Value, value: 2k}
                - type: ContainerResource
                  containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 60}}
                - type: ContainerResource
                  containerResource: {name: memory, container: proxy, target: {type: AverageValue, averageValue: 200Mi}}
                - type: ContainerResource
                  containerResource: {name: cpu, container: side, target: {type: Utilization, averageUtilization: lots}}
                - type: External
                  external:
                    metric: {name: lag, selector: {matchExpressions: [{key: topic, operator: Exists}]}}
                    target: {type: Value, value: "100"}
            """;

    @Test
    void everyMetricTypeAPlanCanSayIsImportedAndTheRestIsWarnedAbout() throws IOException {
        Path input =
                Files.writeString(Files.createDirectories(temp.resolve("in")).resolve("api-hpa.yaml"), HPA);
        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(input), temp.resolve("src"))
                        .packageName("io.example")
                        .planName("shop")
                        .build());
        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        String source = Files.readString(imported.written().orElseThrow());
        assertThat(source)
                .contains(
                        ".containerCpuUtilization(\"app\", percent(60))",
                        ".containerMemoryAverage(\"proxy\", mib(200))",
                        ".objectMetric(DescribedObject.of(\"networking.k8s.io/v1\", \"Ingress\", \"main\"),"
                                + " \"requests_per_second\", ValueTarget.value(2_000))",
                        ".externalMetric(\"sqs_visible\", Map.of(\"queue\", \"orders\"), ValueTarget.averageValue(30))")
                .doesNotContain("\"side\"", "\"lag\"");
        assertThat(imported.problems())
                .filteredOn(p -> p.level() == ImportProblem.Level.WARNING)
                .hasSize(2)
                .allMatch(p -> p.toString().contains("cannot be expressed in a plan"));
        // the written plan compiles
        PlanSources.compile(
                List.of(imported.written().orElseThrow()), temp.resolve("classes"), List.of(), List.of("-proc:none"));
    }
}
