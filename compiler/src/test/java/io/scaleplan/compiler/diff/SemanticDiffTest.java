package io.scaleplan.compiler.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each differ on fixture files of its kind: before/ and after/ states of one plan's folder. */
class SemanticDiffTest {

    private static OutputDiff fixtures() throws IOException, URISyntaxException {
        Path root =
                Path.of(SemanticDiffTest.class.getResource("before").toURI()).getParent();
        return OutputDiff.compare(read(root.resolve("before")), read(root.resolve("after")));
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<String> describe(String path) throws Exception {
        return fixtures().files().stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow()
                .describe();
    }

    @Test
    void kubernetesResourcesByFieldPathNamedAsAReaderWould() throws Exception {
        assertThat(describe("production/k8s/usage-metering-hpa.yaml"))
                .containsExactly(
                        "production · usage-metering HPA · spec.maxReplicas: 20 → 50",
                        "production · usage-metering HPA · spec.metrics[2].pods.target.averageValue: 1k → 1500m",
                        "production · usage-metering HPA · metadata.labels.tier: (absent) → backend");
    }

    @Test
    void helmValuesByFieldPathNamedByTheirFile() throws Exception {
        assertThat(describe("production/helm/arka-values.yaml"))
                .containsExactly(
                        "production · helm/arka-values.yaml · attestationService.autoscaling.maxReplicas: 8 → 12",
                        "production · helm/arka-values.yaml · attestationService.resources.requests.memory: 256Mi → 384Mi");
    }

    @Test
    void sqlByStatementSettingsByWhatTheySet() throws Exception {
        assertThat(describe("production/sql/10-settings.sql"))
                .containsExactly(
                        "production · sql/10-settings.sql · ALTER SYSTEM SET max_connections: 200 → 300",
                        "production · sql/10-settings.sql · - ALTER SYSTEM SET work_mem = '16MB'",
                        "production · sql/10-settings.sql · - CREATE INDEX IF NOT EXISTS usage_by_tenant ON usage"
                                + " (tenant_id)",
                        "production · sql/10-settings.sql · + ALTER SYSTEM SET effective_cache_size TO '6GB'",
                        "production · sql/10-settings.sql · + DO $$ BEGIN PERFORM 1; END $$");
    }

    @Test
    void redisConfigByDirective() throws Exception {
        assertThat(describe("production/redis/redis.conf"))
                .containsExactly(
                        "production · redis/redis.conf · maxmemory: 2gb → 4gb",
                        "production · redis/redis.conf · - save 300 10",
                        "production · redis/redis.conf · + save 60 10000",
                        "production · redis/redis.conf · - appendonly no",
                        "production · redis/redis.conf · + tcp-keepalive 60");
    }

    @Test
    void redisCommandsByConfigSetKey() throws Exception {
        assertThat(describe("production/redis/apply.redis"))
                .containsExactly(
                        "production · redis/apply.redis · CONFIG SET maxmemory: 2gb → 4gb",
                        "production · redis/apply.redis · + CONFIG SET hz 20");
    }

    @Test
    void markdownTablesByRowAndColumn() throws Exception {
        assertThat(describe("production/CAPACITY.md"))
                .containsExactly(
                        "production · CAPACITY.md · + Capacity of production · attestation-service",
                        "production · CAPACITY.md · Capacity of production · usage-metering · max pods: 20 → 50",
                        "production · CAPACITY.md · Capacity of production · usage-metering · rps: 20000 → 50000");
    }

    @Test
    void aChangeOfCommentsOnlyIsSaidToBeOne() throws Exception {
        assertThat(describe("production/k8s/usage-metering-pdb.yaml"))
                .containsExactly("production · k8s/usage-metering-pdb.yaml · comments or layout changed");
    }

    @Test
    void yamlThatDoesNotParseIsComparedByLine() throws Exception {
        assertThat(describe("production/k8s/broken.yaml"))
                .containsExactly("production · k8s/broken.yaml · line 1: not: [valid → not: [valid, still");
    }

    @Test
    void filesAddedAndRemoved() throws Exception {
        OutputDiff diff = fixtures();
        assertThat(diff.files())
                .extracting(f -> f.status().label() + " " + f.path())
                .containsExactly(
                        "changed production/CAPACITY.md",
                        "changed production/helm/arka-values.yaml",
                        "added production/k8s/attestation-service-hpa.yaml",
                        "changed production/k8s/broken.yaml",
                        "removed production/k8s/policy-engine-pdb.yaml",
                        "changed production/k8s/usage-metering-hpa.yaml",
                        "changed production/k8s/usage-metering-pdb.yaml",
                        "changed production/redis/apply.redis",
                        "changed production/redis/redis.conf",
                        "changed production/sql/10-settings.sql");
        assertThat(describe("production/k8s/attestation-service-hpa.yaml"))
                .containsExactly("production · k8s/attestation-service-hpa.yaml · added");
    }

    @Test
    void documentsOfAMultiDocumentFileMatchedByKindAndName() {
        String before = "kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n---\n"
                + "kind: ConfigMap\nmetadata:\n  name: b\ndata:\n  \"app.kubernetes.io/x\": \"2\"\n";
        String after = "kind: ConfigMap\nmetadata:\n  name: b\ndata:\n  \"app.kubernetes.io/x\": \"3\"\n---\n"
                + "kind: ConfigMap\nmetadata:\n  name: c\ndata: {}\n";
        assertThat(OutputDiff.compare(Map.of("p/k8s/m.yaml", before), Map.of("p/k8s/m.yaml", after))
                        .files()
                        .get(0)
                        .describe())
                .containsExactly(
                        "p · a ConfigMap · removed",
                        "p · b ConfigMap · data[\"app.kubernetes.io/x\"]: 2 → 3",
                        "p · c ConfigMap · added");
    }

    @Test
    void listItemsNamedByTheirNameSoAnInsertionChangesNothingAfterIt() {
        String before =
                """
                groups:
                - name: plan
                  rules:
                  - record: scaleplan_plan:max_replicas
                    expr: vector(20)
                    labels: {namespace: arka, service: usage-metering}
                  - record: scaleplan_plan:max_replicas
                    expr: vector(8)
                    labels: {namespace: arka, service: web}
                - name: alerts
                  rules:
                  - alert: ScaleplanHpaAtMax
                    expr: up == 0
                  - alert: ScaleplanGone
                    expr: up == 2
                    labels: {severity: warning}
                """;
        String after =
                """
                groups:
                - name: plan
                  rules:
                  - record: scaleplan_plan:max_replicas
                    expr: vector(3)
                    labels: {namespace: arka, service: attestation}
                  - record: scaleplan_plan:max_replicas
                    expr: vector(24)
                    labels: {namespace: arka, service: usage-metering}
                  - record: scaleplan_plan:max_replicas
                    expr: vector(8)
                    labels: {namespace: arka, service: web}
                - name: alerts
                  rules:
                  - alert: ScaleplanHpaAtMax
                    expr: up == 1
                """;
        assertThat(OutputDiff.compare(
                                Map.of("p/monitoring/alerts.rules.yaml", before),
                                Map.of("p/monitoring/alerts.rules.yaml", after))
                        .files()
                        .get(0)
                        .describe())
                .containsExactly(
                        "p · monitoring/alerts.rules.yaml · groups[name=alerts].rules[alert=ScaleplanGone]: removed",
                        "p · monitoring/alerts.rules.yaml · groups[name=plan].rules[record=scaleplan_plan:max_replicas"
                                + "{service=\"attestation\"}]: added",
                        "p · monitoring/alerts.rules.yaml · groups[name=plan].rules[record=scaleplan_plan:max_replicas"
                                + "{service=\"usage-metering\"}].expr: vector(20) → vector(24)",
                        "p · monitoring/alerts.rules.yaml · groups[name=alerts].rules[alert=ScaleplanHpaAtMax].expr:"
                                + " up == 0 → up == 1");
    }

    @Test
    void aRuleFileLargerThanSnakeYamlsDefaultLimitIsStillComparedByField() {
        // a 5,000-service estate's rule file is about 4 MB; SnakeYAML stops at 3 MiB by default
        StringBuilder rules = new StringBuilder("groups:\n- name: plan\n  rules:\n");
        for (int i = 0; i < 40_000; i++) {
            rules.append("  - record: scaleplan_plan:max_replicas\n    expr: vector(20)\n    labels: {service: svc-")
                    .append(i)
                    .append("}\n");
        }
        String before = rules.toString();
        String after = before.replace(
                "vector(20)\n    labels: {service: svc-39999}", "vector(24)\n    labels: {service: svc-39999}");
        assertThat(before.length()).isGreaterThan(3 * 1024 * 1024);
        assertThat(OutputDiff.compare(Map.of("p/monitoring/r.yaml", before), Map.of("p/monitoring/r.yaml", after))
                        .files()
                        .get(0)
                        .describe())
                .containsExactly("p · monitoring/r.yaml · groups[name=plan].rules[record=scaleplan_plan:max_replicas"
                        + "{service=\"svc-39999\"}].expr: vector(20) → vector(24)");
    }

    @Test
    void listsWithoutADistinctNameForEachItemAreIndexed() {
        String before = "kind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n"
                + "      - name: app\n        image: a:1\n      - name: app\n        image: b:1\n"
                + "  metrics:\n  - type: Pods\n    value: 1\n";
        String after = before.replace("b:1", "b:2").replace("value: 1", "value: 2");
        assertThat(OutputDiff.compare(Map.of("p/k8s/web.yaml", before), Map.of("p/k8s/web.yaml", after))
                        .files()
                        .get(0)
                        .describe())
                .containsExactly(
                        "p · web Deployment · spec.template.spec.containers[1].image: b:1 → b:2",
                        "p · web Deployment · spec.metrics[0].value: 1 → 2");
    }

    @Test
    void unifiedDiffIsGitsFormat() {
        assertThat(UnifiedDiff.format("p/a.txt", "one\ntwo\nthree\n", "one\n2\nthree\n"))
                .isEqualTo("--- a/p/a.txt\n+++ b/p/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n");
        assertThat(UnifiedDiff.format("p/a.txt", null, "one\n"))
                .isEqualTo("--- /dev/null\n+++ b/p/a.txt\n@@ -0,0 +1 @@\n+one\n");
    }

    @Test
    void textReportWithColourOnlyWhenAsked() {
        OutputDiff diff = OutputDiff.compare(
                Map.of("p/x.conf", "# Generated by scaleplan\nmaxmemory 1gb\n"),
                Map.of("p/x.conf", "# Generated by scaleplan\nmaxmemory 2gb\n"));
        assertThat(new TextReport(false, false).render(diff))
                .isEqualTo("p: 1 changed, 0 added, 0 removed\n~ p/x.conf\n    p · x.conf · maxmemory: 1gb → 2gb\n");
        assertThat(new TextReport(true, false).render(diff))
                .isEqualTo("\u001b[1mp: 1 changed, 0 added, 0 removed\u001b[0m\n\u001b[33m~ p/x.conf\u001b[0m\n"
                        + "    p · x.conf · maxmemory: 1gb → 2gb\n");
        assertThat(new TextReport(false, false).render(new OutputDiff(List.of())))
                .isEqualTo("no differences\n");
    }

    @Test
    void markdownReportSummarisesThenCollapsesTheDetail() {
        OutputDiff diff = OutputDiff.compare(
                Map.of("p/x.conf", "# Generated by scaleplan\nmaxmemory 1gb\n", "q/old.conf", "a 1\n"),
                Map.of("p/x.conf", "# Generated by scaleplan\nmaxmemory 2gb\n"));
        assertThat(new MarkdownReport(true).render(diff))
                .isEqualTo(
                        """
                        ### scaleplan: 2 files changed in p, q

                        **p**
                        - plan unchanged; outputs changed: x.conf

                        **q**
                        - removed: 1 file deleted

                        **Impact**
                        - restarts: none; the changes apply without restarting anything

                        <details><summary><code>p</code>: 1 changed, 0 added, 0 removed</summary>

                        - `x.conf` changed
                          - maxmemory: 1gb → 2gb

                          ```diff
                          --- a/p/x.conf
                          +++ b/p/x.conf
                          @@ -1,2 +1,2 @@
                           # Generated by scaleplan
                          -maxmemory 1gb
                          +maxmemory 2gb
                          ```

                        </details>

                        <details><summary><code>q</code>: 0 changed, 0 added, 1 removed</summary>

                        - `old.conf` removed

                        </details>
                        """);
    }
}
