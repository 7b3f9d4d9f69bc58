package io.scaleplan.compiler.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents, their one renderer and the kustomization every target contributes to. */
class DocumentTest {

    @Test
    void aDocumentStaysBelowItsPlansFolder() {
        assertThatThrownBy(() -> Document.text("t", "Sql", "../x.sql", "x\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a path below the plan's folder: ../x.sql");
        assertThatThrownBy(() -> Document.text("t", "Sql", "/x.sql", "x\n"))
                .hasMessage("not a path below the plan's folder: /x.sql");
    }

    @Test
    void theRendererWritesATreeAsYamlUnderTheFolder() {
        var tree = Yaml.object().put("a", 1);
        GeneratedFile f = Renderer.file(
                new PlanFolder("black-friday/01-pre-scale"), Document.tree("t", "K", "n", "k8s/n.yaml", "# h\n", tree));
        assertThat(f.path()).isEqualTo("black-friday/01-pre-scale/k8s/n.yaml");
        assertThat(f.content()).isEqualTo("# h\na: 1\n");
    }

    @Test
    void theKustomizationListsEveryEntryRelativeToItsFolderSorted() {
        ScalingPlan plan =
                ScalingPlan.builder("p").helmRelease("arka", "./arka-engine").build();
        assertThat(Kustomization.of(plan, List.of())).isEmpty();
        Document k = Kustomization.of(plan, List.of("k8s/b.yaml", "k8s/a.yaml")).orElseThrow();
        assertThat(k.path()).isEqualTo("k8s/kustomization.yaml");
        assertThat(Renderer.text(k)).endsWith("resources:\n  - a.yaml\n  - b.yaml\n");
        assertThatThrownBy(() -> Kustomization.of(plan, List.of("monitoring/x.yaml")))
                .hasMessage("a kustomization entry outside k8s/: monitoring/x.yaml");
    }
}
