package io.scaleplan.compiler.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.diff.SemanticChange;
import io.scaleplan.compiler.importer.ImportException;
import io.scaleplan.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift of Kubernetes objects against the showcase plan: what is drift, and what the API server adds. */
class DriftTest {
    private static final String CHECKOUT_HPA =
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: checkout-hpa
              namespace: shop
              resourceVersion: "812"
              managedFields: [{manager: kubectl, operation: Update}]
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}
              minReplicas: 3
              maxReplicas: %d
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 65}}
                - type: Resource
                  resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
                - type: Pods
                  pods: {metric: {name: http_requests_per_second}, target: {type: AverageValue, averageValue: "600"}}
                - type: Pods
                  pods: {metric: {name: queue_depth}, target: {type: AverageValue, averageValue: 500m}}
              behavior:
                scaleUp:
                  stabilizationWindowSeconds: 0
                  selectPolicy: Max
                  policies: [{type: Percent, value: 100, periodSeconds: 15}, {type: Pods, value: 4, periodSeconds: 15}]
                scaleDown:
                  stabilizationWindowSeconds: %d
                  selectPolicy: Min
                  policies: [{type: Percent, value: 10, periodSeconds: 60}]
            status: {currentReplicas: 3, desiredReplicas: 3}
            """;
    private static final String CART_HPA =
            """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: cart-hpa, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}
              minReplicas: 2
              maxReplicas: 6
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 150}}
            """;
    private static final String ON_DEPLOYMENT =
            """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: "on", namespace: shop}
            spec:
              replicas: %d
              template:
                spec:
                  containers: [{name: "on", image: "shop/on:1"}]
            """;

    @TempDir
    Path temp;

    private List<SemanticChange> drift(String yaml) throws IOException {
        Path file = temp.resolve("live.yaml");
        Files.writeString(file, yaml);
        return Drift.compare(Fixtures.showcase(), LiveState.read(List.of(file))).changes();
    }

    @Test
    void quantitiesByValueAndServerFieldsAreNotDrift() throws IOException {
        assertThat(drift(CHECKOUT_HPA.formatted(30, 300) + CART_HPA + ON_DEPLOYMENT.formatted(2)))
                .isEmpty();
        assertThat(drift(CHECKOUT_HPA.formatted(30, 300) + ON_DEPLOYMENT.formatted(2)))
                .containsExactly(new SemanticChange("cart HPA", "removed"));
    }

    @Test
    void aHandPatchAndAKubectlScaleAreDrift() throws IOException {
        assertThat(drift(CHECKOUT_HPA.formatted(45, 600) + CART_HPA + ON_DEPLOYMENT.formatted(5)))
                .containsExactly(
                        new SemanticChange("checkout HPA", "spec.maxReplicas: 30 → 45"),
                        new SemanticChange(
                                "checkout HPA", "spec.behavior.scaleDown.stabilizationWindowSeconds: 300 → 600"),
                        new SemanticChange("on Deployment", "spec.replicas: 2 → 5"));
    }

    private static final String LEDGER =
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: ledger-hpa, namespace: ledger}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: %1$s, name: ledger}
              minReplicas: 3
              maxReplicas: 8
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
                - type: Pods
                  pods: {metric: {name: http_requests_per_second}, target: {type: AverageValue, averageValue: "300"}}
            ---
            apiVersion: apps/v1
            kind: %1$s
            metadata: {name: ledger, namespace: ledger}
            spec:
              replicas: %2$d
              podManagementPolicy: OrderedReady
              template:
                spec:
                  containers:
                    - name: ledger
                      resources: {requests: {cpu: "1", memory: 2Gi}, limits: {cpu: "2", memory: 4Gi}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api-hpa, namespace: ledger}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 2
              maxReplicas: 10
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
            """;

    private List<SemanticChange> statefulDrift(String yaml) throws IOException {
        Path file = temp.resolve("live.yaml");
        Files.writeString(file, yaml);
        return Drift.compare(Fixtures.stateful(), LiveState.read(List.of(file))).changes();
    }

    @Test
    void aStatefulSetIsComparedAsTheStatefulSetItIs() throws IOException {
        assertThat(statefulDrift(LEDGER.formatted("StatefulSet", 5))).isEmpty();
        // kubectl scale statefulset/ledger --replicas=12: beyond the HPA's range
        assertThat(statefulDrift(LEDGER.formatted("StatefulSet", 12)))
                .containsExactly(
                        new SemanticChange("ledger StatefulSet", "spec.replicas: 3 to 8 (the HPA's range) → 12"));
        // the cluster runs it as a Deployment: the HPA targets the other kind, and the kind itself differs
        assertThat(statefulDrift(LEDGER.formatted("Deployment", 5)))
                .containsExactly(
                        new SemanticChange("ledger HPA", "spec.scaleTargetRef.kind: StatefulSet → Deployment"),
                        new SemanticChange(
                                "ledger StatefulSet",
                                "kind: StatefulSet → Deployment (the cluster runs ledger as a Deployment)"));
    }

    @Test
    void aMalformedLiveFileIsAnErrorAtItsLine() throws IOException {
        Path file = temp.resolve("live.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: List\nitems: [\n");

        assertThatThrownBy(() -> LiveState.read(List.of(file)))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":4:1: malformed YAML");
    }
}
