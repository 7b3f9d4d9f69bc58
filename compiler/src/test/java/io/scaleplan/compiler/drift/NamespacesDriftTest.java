package io.scaleplan.compiler.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.diff.SemanticChange;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of a plan across two namespaces: each service's objects are looked for in its own
 * namespace, so the plan's own manifests are no drift, and an HPA in the wrong namespace is.
 */
class NamespacesDriftTest {
    @TempDir
    Path temp;

    private List<SemanticChange> drift(ScalingPlan plan, String yaml) throws IOException {
        Path file = temp.resolve("live.yaml");
        Files.writeString(file, yaml);
        return Drift.compare(plan, LiveState.read(List.of(file))).changes();
    }

    private static String manifests(ScalingPlan plan) {
        StringBuilder out = new StringBuilder();
        for (GeneratedFile f : new PlanCompiler().compile(plan).files()) {
            if (f.path().matches(".*/k8s/[a-z-]+-(hpa|pdb)\\.yaml")) {
                out.append("---\n").append(f.content());
            }
        }
        return out.toString();
    }

    @Test
    void eachServiceIsComparedInItsOwnNamespace() throws IOException {
        ScalingPlan plan = Fixtures.twoNamespaces();
        String live = manifests(plan);
        assertThat(live).contains("namespace: payments").contains("namespace: storefront");
        assertThat(drift(plan, live)).isEmpty();

        // ledger's HPA found in storefront only: it is not ledger's (payments has none)
        String moved =
                live.replace("name: ledger-hpa\n  namespace: payments", "name: ledger-hpa\n  namespace: storefront");
        assertThat(moved).isNotEqualTo(live);
        assertThat(drift(plan, moved)).contains(new SemanticChange("ledger HPA", "removed"));

        // a hand edit in the second namespace is drift, named as diff names it
        String patched = live.replace("maxReplicas: 8", "maxReplicas: 12");
        assertThat(drift(plan, patched)).containsExactly(new SemanticChange("ledger HPA", "spec.maxReplicas: 8 → 12"));
    }
}
