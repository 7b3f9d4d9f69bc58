package io.scaleplan.compiler.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.Kustomize;
import io.scaleplan.testing.StrictKubernetes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl kustomize generated/two-namespaces/k8s}: the kustomization of a plan across two
 * namespaces sets no {@code namespace:}, so each object comes out in its own namespace, and each
 * is valid under the strict model.
 */
class NamespacesKustomizeIT {
    @TempDir
    Path repo;

    @Test
    void kustomizeKeepsEachObjectInItsNamespace() throws Exception {
        for (GeneratedFile f :
                new PlanCompiler().compile(Fixtures.twoNamespaces()).files()) {
            Path p = repo.resolve("generated").resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
        }
        Map<String, String> built = kustomize(repo.resolve("generated/two-namespaces/k8s"));

        assertThat(built.keySet())
                .containsExactlyInAnyOrder(
                        "storefront/HorizontalPodAutoscaler/web-hpa",
                        "storefront/PodDisruptionBudget/web-pdb",
                        "payments/HorizontalPodAutoscaler/ledger-hpa",
                        "payments/PodDisruptionBudget/ledger-pdb");
        assertThat(StrictKubernetes.hpa(built.get("payments/HorizontalPodAutoscaler/ledger-hpa"))
                        .getSpec()
                        .getMaxReplicas())
                .isEqualTo(8);
        assertThat(StrictKubernetes.hpa(built.get("storefront/HorizontalPodAutoscaler/web-hpa"))
                        .getSpec()
                        .getMaxReplicas())
                .isEqualTo(10);
        assertThat(StrictKubernetes.pdb(built.get("payments/PodDisruptionBudget/ledger-pdb"))
                        .getSpec()
                        .getSelector()
                        .getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "payments");
        assertThat(StrictKubernetes.pdb(built.get("storefront/PodDisruptionBudget/web-pdb"))
                        .getSpec()
                        .getSelector()
                        .getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "storefront");
    }

    /** The objects {@code kubectl kustomize dir} builds, as YAML by namespace, kind and name. */
    private static Map<String, String> kustomize(Path dir) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, String> byName = new HashMap<>();
        for (JsonNode d : Kustomize.build(dir)) {
            byName.put(
                    d.at("/metadata/namespace").asText() + "/" + d.path("kind").asText() + "/"
                            + d.at("/metadata/name").asText(),
                    yaml.writeValueAsString(d));
        }
        return byName;
    }
}
