package io.scaleplan.compiler.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.dsl.ChartKey;
import io.scaleplan.dsl.ChartLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartRendererTest {

    @Test
    void lookupCallsAnswerAnEmptyMapAndNothingElseChanges() {
        String template =
                """
                # lookup in a comment stays
                {{- $s := (lookup "v1" "Secret" .Release.Namespace "x").data }}
                {{ include "common.secrets.lookup" (dict "secret" "x") }}
                {{- $lookup := 1 }}{{ $lookup }}
                """;

        assertThat(ChartRenderer.offline(template))
                .isEqualTo(
                        """
                        # lookup in a comment stays
                        {{- $s := (omit (dict) "v1" "Secret" .Release.Namespace "x").data }}
                        {{ include "common.secrets.lookup" (dict "secret" "x") }}
                        {{- $lookup := 1 }}{{ $lookup }}
                        """);
    }

    @Test
    void helmTemplateOutputIsReadWithTheTemplateOfEachObject() throws Exception {
        List<RenderedObject> objects = ChartRenderer.parse(
                """
                ---
                # Source: nginx/templates/pdb.yaml
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                ---
                # Source: nginx/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                """);

        assertThat(objects)
                .extracting(RenderedObject::describe)
                .containsExactly(
                        "PodDisruptionBudget/web (nginx/templates/pdb.yaml)",
                        "Deployment/web (nginx/templates/deployment.yaml)");
        assertThat(objects.get(1).at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void chartKeysTakeHyphensAndRefuseWhatNoChartCouldHave() {
        assertThat(ChartKey.of("pod-disruption.max-unavailable")
                        .under("cartService")
                        .toString())
                .isEqualTo("cartService.pod-disruption.max-unavailable");
        assertThatThrownBy(() -> ChartKey.of("autoscaling..min"))
                .hasMessage("not a chart values key: \"\" (letters, digits, '_' and '-', at most 63 characters)");
        assertThatThrownBy(() -> ChartKey.of("a b")).hasMessageStartingWith("not a chart values key: ");
    }

    @Test
    void aLayoutNeedsTheHpaSwitchAndRangeTogether() {
        assertThatThrownBy(
                        () -> ChartLayout.builder("half").minReplicas("hpa.min").build())
                .hasMessage("chart layout half: an HPA needs keys for autoscalingEnabled, minReplicas and maxReplicas"
                        + " together");
        assertThatThrownBy(() ->
                        ChartLayout.builder("half").maxUnavailable("pdb.max").build())
                .hasMessage("chart layout half: a PodDisruptionBudget's budget needs a pdbCreate key");
    }
}
