package io.scaleplan.compiler.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.testing.Kustomize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's kustomize overlay over its own Deployments and a StatefulSet, with the chart-less plan's {@code k8s/}
 * folder as a resource and its {@code k8s/patches} Component, built by kubectl's kustomize: the
 * fixed counts and resources reach the Deployments, and each PDB selects its Deployment's pods.
 */
class PlainManifestsKustomizeIT {
    @TempDir
    Path repo;

    @Test
    void kustomizeBuildsTheTeamsOverlayWithThePlansPatchesAndObjects() throws Exception {
        for (GeneratedFile f :
                new PlanCompiler().compile(PlainManifestsTest.plan()).files()) {
            Path p = repo.resolve("generated").resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
        }
        Path base = Files.createDirectories(repo.resolve("deploy/base"));
        StringBuilder resources = new StringBuilder("resources:\n");
        for (String name : new String[] {"catalog", "checkout", "mailer"}) {
            Files.writeString(
                    base.resolve(name + ".yaml"),
                    """
                    apiVersion: apps/v1
                    kind: %2$s
                    metadata:
                      name: %1$s
                      namespace: shop
                    spec:
                      replicas: 1
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: %1$s
                      template:
                        metadata:
                          labels:
                            app.kubernetes.io/name: %1$s
                        spec:
                          containers:
                            - name: app
                              image: example/%1$s:1.0
                    """
                            .formatted(name, name.equals("catalog") ? "StatefulSet" : "Deployment"));
            resources.append("  - ").append(name).append(".yaml\n");
        }
        Files.writeString(base.resolve("kustomization.yaml"), resources.toString());
        Path overlay = Files.createDirectories(repo.resolve("deploy/production"));
        Files.writeString(
                overlay.resolve("kustomization.yaml"),
                """
                resources:
                  - ../base
                  - ../../generated/plain-shop/k8s
                components:
                  - ../../generated/plain-shop/k8s/patches
                """);

        Map<String, JsonNode> built = kustomize(overlay);

        // catalog is a StatefulSet: its patch targets kind StatefulSet, else kustomize would leave it at 1
        assertThat(built.get("StatefulSet/catalog").at("/spec/replicas").asInt())
                .isEqualTo(3);
        assertThat(built.get("Deployment/mailer").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(built.get("StatefulSet/catalog")
                        .at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asText())
                .isEqualTo("250m");
        assertThat(built.get("Deployment/checkout")
                        .at("/spec/template/spec/containers/0/resources/requests/memory")
                        .asText())
                .isEqualTo("512Mi");
        assertThat(built.get("HorizontalPodAutoscaler/checkout-hpa")
                        .at("/spec/maxReplicas")
                        .asInt())
                .isEqualTo(10);
        for (String name : new String[] {"catalog", "checkout"}) {
            assertThat(ChartOracle.selects(
                            built.get("PodDisruptionBudget/" + name + "-pdb").at("/spec/selector/matchLabels"),
                            built.get((name.equals("catalog") ? "StatefulSet/" : "Deployment/") + name)
                                    .at("/spec/template/metadata/labels")))
                    .as(name)
                    .isTrue();
        }
    }

    private static Map<String, JsonNode> kustomize(Path dir) throws Exception {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode d : Kustomize.build(dir)) {
            byName.put(d.path("kind").asText() + "/" + d.at("/metadata/name").asText(), d);
        }
        return byName;
    }
}
