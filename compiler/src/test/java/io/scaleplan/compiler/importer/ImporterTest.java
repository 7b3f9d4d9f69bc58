package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.cli.Main;
import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scaleplan import} on inputs no plan wrote: the scaling runbook's own manifests and
 * commands, and manifests rendered from Bitnami charts. Each imported plan is compiled for real
 * (javac) and by scaleplan, and its outputs are checked for the imported values.
 */
class ImporterTest {
    private static final Path FIXTURES = Path.of("src/test/resources/import");

    @TempDir
    Path temp;

    private Path sources() {
        return temp.resolve("plans/src/main/java");
    }

    private ImportResult importInto(String pkg, String plan, Path... inputs) {
        return new Importer()
                .run(ImportRequest.builder(List.of(inputs), sources())
                        .packageName(pkg)
                        .planName(plan)
                        .build());
    }

    private Map<String, String> compile(ImportResult imported) {
        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        ClassLoader loader = PlanSources.compile(
                List.of(imported.written().orElseThrow()), temp.resolve("classes"), List.of(), List.of("-proc:none"));
        Compilation compilation = new PlanCompiler()
                .compile(
                        PlanSources.instantiate(loader, imported.qualifiedName().orElseThrow())
                                .define());
        assertThat(compilation.hasErrors()).as("%s", compilation.diagnostics()).isFalse();
        Map<String, String> files = new TreeMap<>();
        for (GeneratedFile f : compilation.files()) {
            files.put(f.path().substring(f.path().indexOf('/') + 1), f.content());
        }
        return files;
    }

    @Test
    void theRunbooksManifestsGiveAPlanWhoseOutputsCarryTheRunbooksValues() {
        ImportResult imported = importInto("io.scaleplan.runbook", "runbook", FIXTURES.resolve("runbook"));

        Map<String, String> out = compile(imported);

        assertThat(out.get("k8s/usage-metering-hpa.yaml"))
                .contains("namespace: arka-system", "minReplicas: 3", "maxReplicas: 50", "averageUtilization: 70")
                .contains("name: http_requests_per_second", "averageValue: 1k")
                .doesNotContain("memory");
        assertThat(out.get("k8s/license-authority-hpa.yaml"))
                .contains("minReplicas: 2", "maxReplicas: 10", "averageUtilization: 80");
        assertThat(out.get("k8s/attestation-service-hpa.yaml")).contains("minReplicas: 2", "maxReplicas: 8");
        assertThat(out.get("helm/arka-values.yaml"))
                .contains(
                        """
                usageMetering:
                  autoscaling:
                    enabled: false
                    external: true
                """)
                .contains(
                        """
                  resources:
                    requests:
                      cpu: "1"
                      memory: 2Gi
                    limits:
                      cpu: "2"
                      memory: 4Gi
                """);
        // the chart owns the settings (issue 14): postgresql.conf through the overlay, the script resets
        assertThat(out.get("helm/postgresql-values.yaml")).contains("    max_connections = '500'\n");
        assertThat(out.get("sql/10-settings.sql")).contains("ALTER SYSTEM RESET max_connections;");
        assertThat(out.get("sql/20-indexes.sql"))
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_usage_events_tenant_date ON usage_events"
                        + " (tenant_id, created_at);");
        assertThat(out.get("sql/30-maintenance.sql")).contains("VACUUM (ANALYZE) usage_events;");
        assertThat(out.get("helm/postgresql-values.yaml")).contains("readReplicas:\n  replicaCount: 3\n");
        assertThat(out.get("redis/redis.conf")).endsWith("maxmemory 2gb\nmaxmemory-policy allkeys-lru\n");
        assertThat(out.get("helm/redis-values.yaml")).contains("replica:\n  replicaCount: 3\n");
        // the table says 20, the custom-metrics manifest read after it 50: said, with both places
        assertThat(imported.problems()).anySatisfy(p -> assertThat(p.format())
                .matches(".*20-usage-metering-hpa\\.yaml:12: warning: usage-metering's maxReplicas is 50 here"
                        + " but 20 at .*10-kubectl-get-hpa-deploy\\.yaml:\\d+; the plan takes 50"));
        // PostgreSQL's machine is in no file: assumed, said, and marked in the plan
        assertThat(imported.problems())
                .anySatisfy(p -> assertThat(p.message()).contains("instance(2, 8GB) is assumed"));
        assertThat(imported.source().orElseThrow())
                .contains("        return ScalingPlan.builder(\"runbook\")\n"
                        + "                .namespace(\"arka-system\")\n"
                        + "                .helmRelease(\"arka\", \"arka-engine\")\n")
                .contains(".service(\"usage-metering\", s -> s.requests(cores(1), gib(2))\n"
                        + "                        .limits(cores(2), gib(4))\n"
                        + "                        .autoscale(a -> a.replicas(3, 50)\n"
                        + "                                .cpuUtilization(percent(70))\n"
                        + "                                .podsMetric(\"http_requests_per_second\", 1_000)))\n")
                .contains("// ASSUMED: no imported file gives PostgreSQL's limits")
                .contains(".maxConnections(500)")
                .contains("import static io.scaleplan.dsl.Units.cores;")
                .doesNotContain("scalingObjects");
    }

    @Test
    void chartsRenderedFromBitnamiImportWithWhatAPlanCannotSayKeptAndReported() {
        ImportResult imported = importInto("io.scaleplan.web", "web", FIXTURES.resolve("bitnami"));

        Map<String, String> out = compile(imported);

        assertThat(out.get("k8s/my-nginx-hpa.yaml"))
                .contains("namespace: web", "name: my-nginx", "minReplicas: 2", "maxReplicas: 11")
                .contains("averageUtilization: 60", "averageUtilization: 75");
        assertThat(out.get("k8s/my-nginx-pdb.yaml")).contains("minAvailable: 1");
        assertThat(out.get("helm/my-nginx-values.yaml")).contains("cpu: 250m", "memory: 512Mi");
        List<String> warnings = imported.problems().stream()
                .filter(p -> p.level() == ImportProblem.Level.WARNING)
                .map(ImportProblem::format)
                .toList();
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .matches(".*redis-23\\.1\\.1\\.yaml:\\d+:\\d+: warning: HPA my-redis-replicas"
                                + " scales StatefulSet my-redis-replicas.*"))
                .anySatisfy(w -> assertThat(w)
                        .matches(".*redis-23\\.1\\.1\\.yaml:\\d+:\\d+: warning: PDB my-redis-master"
                                + " selects .*, no service scaleplan knows; kept as a comment"))
                .anySatisfy(w -> assertThat(w)
                        .matches(".*redis-cluster-13\\.0\\.5\\.yaml:\\d+:\\d+: warning: PDB"
                                + " my-redis-cluster selects .*"))
                .anySatisfy(w -> assertThat(w).contains("label helm.sh/chart: nginx-22.1.1"));
        assertThat(imported.problems()).anySatisfy(p -> assertThat(p.format())
                .matches(".*nginx-22\\.1\\.1\\.yaml:\\d+: note: skipped Service my-nginx.*"));
        assertThat(imported.source().orElseThrow())
                .contains("// HPA my-redis-replicas (")
                .contains("// PDB my-redis-master (")
                .contains(".service(\"my-nginx\", s -> s.requests(millicores(250), mib(256))");
    }

    @Test
    void onlineBoutiqueRenderedByHelmImportsItsDeploymentsResourcesAndReplicas() {
        ImportResult imported = importInto("io.scaleplan.shop", "boutique", FIXTURES.resolve("online-boutique"));

        Map<String, String> out = compile(imported);

        assertThat(imported.problems()).noneMatch(p -> p.level() != ImportProblem.Level.NOTE);
        assertThat(imported.problems()).anySatisfy(p -> assertThat(p.format())
                .matches(".*online-boutique-0\\.10\\.6\\.yaml:\\d+: note: skipped Service frontend-external.*"));
        assertThat(out.get("helm/boutique-values.yaml"))
                .contains(
                        """
                redisCart:
                  replicaCount: 1
                  autoscaling:
                    enabled: false
                    external: false
                  resources:
                    requests:
                      cpu: 70m
                      memory: 200Mi
                    limits:
                      cpu: 125m
                      memory: 256Mi
                """);
        assertThat(imported.source().orElseThrow())
                .contains(".namespace(\"shop\")")
                .contains(".service(\"recommendationservice\", s -> s.requests(millicores(100), mib(220))\n"
                        + "                        .limits(millicores(200), mib(450))\n"
                        + "                        .replicas(1))");
        assertThat(imported.source().orElseThrow().split("\\.service\\(", -1)).hasSize(13);
    }

    @Test
    void anEventFolderWithoutItsPostEventPhaseIsAnErrorAndNothingIsWritten() throws IOException {
        Path phase = Files.createDirectories(temp.resolve("in/sale/01-pre-scale"));
        Files.writeString(
                phase.resolve("APPLY.md"),
                "<!-- Generated by scaleplan from plan \"sale\" (com.example.Sale). Do not edit. -->\n"
                        + "# Apply: sale, phase pre-scale\n\nWhen: 2 hours before the event starts.\n");

        ImportResult result = importInto("io.scaleplan.x", "x", temp.resolve("in/sale"));

        assertThat(result.failed()).isTrue();
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.format())
                .isEqualTo(temp.resolve("in/sale") + ": error: the event has no post-event phase folder, whose files"
                        + " are the base plan's: import the base plan's folder and write the event by hand"));
        assertThat(sources()).doesNotExist();
    }

    @Test
    void aNodePoolOfAnotherProviderThanEksIsKeptAsACommentWithAWarning() throws IOException {
        Path in = Files.createDirectories(temp.resolve("in"));
        Files.writeString(
                in.resolve("plan.yaml"),
                """
                plan: shop
                namespace: shop
                release: "shop (./shop)"
                services:
                  web:
                    replicas: 2
                    capacityPerPod: "300 rps"
                    headroom: "1.5"
                    rolloutSurge: "1 pod"
                nodePools:
                  general:
                    nodes: 1..6
                    allocatable: "3920m CPU, 14800Mi"
                    reserved: "0 CPU, 0"
                    provider: "gke shop/general"
                """);

        ImportResult result = importInto("io.scaleplan.x", "shop", in);

        assertThat(result.problems()).anySatisfy(p -> assertThat(p.format())
                .matches(".*plan\\.yaml:15:\\d+: warning: node pool general's provider \"gke shop/general\" is"
                        + " kept as a comment.*"));
        assertThat(result.source().orElseThrow())
                .contains(".nodePool(\"general\", p -> p.allocatable(millicores(3_920), mib(14_800)).nodes(1, 6))")
                .contains(".service(\"web\", s -> s.replicas(2).capacityPerPod(rps(300)).headroom(1.5)"
                        + ".rolloutSurge(pods(1)))")
                .contains("// node pool general: provider gke shop/general");
    }

    @Test
    void malformedYamlIsAnErrorWithFileLineAndColumnAndNothingIsWritten() throws IOException {
        Path bad = Files.createDirectories(temp.resolve("in")).resolve("hpa.yaml");
        Files.writeString(bad, "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: [3\n");

        ImportResult result = importInto("io.scaleplan.x", "x", bad);

        assertThat(result.failed()).isTrue();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(ImportProblem.Level.ERROR);
            assertThat(p.format()).startsWith(bad + ":5:1: error: malformed YAML");
        });
        assertThat(sources()).doesNotExist();
    }

    @Test
    void aMalformedConfLineIsAnErrorAtItsColumn() throws IOException {
        Path conf = Files.createDirectories(temp.resolve("in")).resolve("postgresql.conf");
        Files.writeString(conf, "# tuned\nmax_connections = 500\n  work_mem =\n");

        ImportResult result = importInto("io.scaleplan.x", "x", conf);

        assertThat(result.failed()).isTrue();
        assertThat(result.problems())
                .singleElement()
                .extracting(ImportProblem::format)
                .isEqualTo(conf + ":3:11: error: setting work_mem has no value");
        assertThat(sources()).doesNotExist();
    }

    @Test
    void twoHpasForOneDeploymentAreAnError() throws IOException {
        Path file = Files.createDirectories(temp.resolve("in")).resolve("hpas.yaml");
        String hpa =
                """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: %s
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 5
                """;
        Files.writeString(file, hpa.formatted("web-hpa") + "---\n" + hpa.formatted("web-autoscaler"));

        ImportResult result = importInto("io.scaleplan.x", "x", file);

        assertThat(result.failed()).isTrue();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.format())
                .isEqualTo(file + ":10:1: error: two HPAs scale Deployment web: web-autoscaler here and web-hpa at "
                        + file + ":1; Kubernetes acts on neither (AmbiguousSelector): keep one"));
        assertThat(sources()).doesNotExist();
    }

    @Test
    void oneHpaImportsAndUnknownKindsAreSkippedWithANote() throws IOException {
        Path file = Files.createDirectories(temp.resolve("in")).resolve("web.yaml");
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config}
                ---
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: web-hpa, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  maxReplicas: 5
                  targetCPUUtilizationPercentage: 65
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 4
                  strategy: {rollingUpdate: {maxSurge: 1}}
                  template:
                    spec:
                      containers:
                        - name: web
                          resources: {requests: {cpu: 200m, memory: 256Mi}}
                """);

        ImportResult result = importInto("io.scaleplan.x", "shop", file);

        assertThat(result.problems())
                .extracting(ImportProblem::format)
                .contains(file + ":1: note: skipped ConfigMap web-config: a plan describes HorizontalPodAutoscalers,"
                        + " PodDisruptionBudgets and the scale of Deployments and StatefulSets");
        assertThat(compile(result).get("k8s/web-hpa.yaml"))
                .contains("minReplicas: 1", "maxReplicas: 5", "averageUtilization: 65", "namespace: shop");
        assertThat(result.source().orElseThrow())
                .contains(".service(\"web\", s -> s.requests(millicores(200), mib(256))")
                .contains(".rolloutSurge(pods(1))");
    }

    @Test
    void aStatefulSetAndItsHpaImportAsAStatefulSetWithItsPodManagement() throws IOException {
        Path file = Files.createDirectories(temp.resolve("in")).resolve("ledger.yaml");
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: ledger-hpa, namespace: bank}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: ledger}
                      minReplicas: 3
                      maxReplicas: 9
                      metrics:
                        - type: Resource
                          resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: ledger, namespace: bank, resourceVersion: "42"}
                    spec:
                      replicas: 3
                      podManagementPolicy: Parallel
                      updateStrategy: {type: RollingUpdate}
                      template:
                        spec:
                          containers:
                            - name: ledger
                              resources: {requests: {cpu: 500m, memory: 1Gi}}
                    status: {replicas: 3}
                """);

        ImportResult result = importInto("io.scaleplan.x", "bank", file);

        assertThat(result.source().orElseThrow())
                .contains(".service(\"ledger\", s -> s.statefulSet(PodManagement.PARALLEL)")
                .doesNotContain("rolloutSurge");
        assertThat(compile(result).get("k8s/ledger-hpa.yaml"))
                .contains("kind: StatefulSet\n    name: ledger", "minReplicas: 3", "maxReplicas: 9");
    }

    @Test
    void anExistingPlanIsNotReplacedWithoutForce() throws IOException {
        Path file = Files.createDirectories(temp.resolve("in")).resolve("redis.conf");
        Files.writeString(file, "maxmemory 512mb\n");
        assertThat(importInto("io.scaleplan.x", "cache", file).failed()).isFalse();
        Path written = sources().resolve("io/scaleplan/x/Cache.java");
        String before = Files.readString(written);
        Files.writeString(file, "maxmemory 1gb\n");

        ImportResult again = importInto("io.scaleplan.x", "cache", file);

        assertThat(again.failed()).isTrue();
        assertThat(again.problems())
                .filteredOn(p -> p.level() == ImportProblem.Level.ERROR)
                .extracting(ImportProblem::format)
                .containsExactly(written + ": error: exists: import writes a new plan; --force replaces it");
        assertThat(Files.readString(written)).isEqualTo(before).contains(".maxmemory(mib(512))");
    }

    @Test
    void chartValuesThatRenderTheHpaKeepTheChartItsOwnerAndExternalOnesDoNot() throws IOException {
        Path chart = Files.createDirectories(temp.resolve("chart"));
        Files.writeString(
                chart.resolve("shop-values.yaml"),
                """
                cart:
                  autoscaling:
                    enabled: true
                    minReplicas: 2
                    maxReplicas: 12
                    targetCPUUtilizationPercentage: 65
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                """);
        ImportResult chartOwned = importInto("io.scaleplan.shop", "shop", chart);

        Map<String, String> out = compile(chartOwned);

        assertThat(chartOwned.source().orElseThrow()).contains(".scalingObjects(ObjectOwner.CHART)");
        assertThat(out).doesNotContainKey("k8s/cart-hpa.yaml");
        assertThat(out.get("helm/shop-values.yaml"))
                .contains("  autoscaling:\n    enabled: true\n    external: false\n    minReplicas: 2\n"
                        + "    maxReplicas: 12\n    targetCPUUtilizationPercentage: 65\n");

        // scaleplan's own overlay when its manifest owns the HPA: the service is still autoscaled
        Path external = Files.createDirectories(temp.resolve("external"));
        Files.writeString(
                external.resolve("shop-values.yaml"),
                """
                cart:
                  autoscaling:
                    enabled: false
                    external: true
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                """);
        Files.writeString(
                external.resolve("cart-hpa.yaml"),
                """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: cart-hpa, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}
                  minReplicas: 2
                  maxReplicas: 12
                  metrics:
                    - type: Resource
                      resource: {name: cpu, target: {type: Utilization, averageUtilization: 65}}
                """);
        Files.delete(chartOwned.written().orElseThrow());
        ImportResult scaleplanOwned = importInto("io.scaleplan.shop", "shop", external);

        Map<String, String> again = compile(scaleplanOwned);

        assertThat(scaleplanOwned.source().orElseThrow())
                .doesNotContain("scalingObjects")
                .contains(".autoscale(a -> a.replicas(2, 12)");
        assertThat(again.get("k8s/cart-hpa.yaml")).contains("minReplicas: 2", "maxReplicas: 12");
        assertThat(again.get("helm/shop-values.yaml"))
                .contains("  autoscaling:\n    enabled: false\n    external: true\n");
    }

    @Test
    void derivedSettingsAreLeftToScaleplanUnlessStated() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("in"));
        Files.writeString(
                dir.resolve("postgresql-values.yaml"),
                """
                primary:
                  resources:
                    limits: {cpu: "4", memory: 16Gi}
                """);
        // PgTune's web values for 4 vCPUs and 16 GiB, and one that is not
        Files.writeString(
                dir.resolve("postgresql.auto.conf"),
                """
                max_connections = '200'
                shared_buffers = '4GB'
                effective_cache_size = '12GB'
                random_page_cost = 2.5
                """);

        String derived = importInto("io.scaleplan.x", "db", dir).source().orElseThrow();
        Files.delete(sources().resolve("io/scaleplan/x/Db.java"));
        String stated = new Importer()
                .run(ImportRequest.builder(List.of(dir), sources())
                        .packageName("io.scaleplan.x")
                        .planName("db")
                        .stated(true)
                        .dryRun(true)
                        .build())
                .source()
                .orElseThrow();

        assertThat(derived)
                .contains(".randomPageCost(2.5)")
                .doesNotContain("sharedBuffers", "maxConnections", "storage(");
        assertThat(stated)
                .contains(
                        ".maxConnections(200)",
                        ".sharedBuffers(gib(4))",
                        ".effectiveCacheSize(gib(12))",
                        ".randomPageCost(2.5)");
    }

    @Test
    void theCommandLineWritesThePlanOrExitsTwoWritingNothing() throws IOException {
        Path ok = Files.createDirectories(temp.resolve("in")).resolve("redis.conf");
        Files.writeString(ok, "maxmemory 2gb\nmaxmemory-policy allkeys-lru\nappendonly yes\n");
        Path bad = temp.resolve("in/bad.yaml");
        Files.writeString(bad, "kind: [\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int written = Main.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "import",
                ok.toString(),
                "--plans-dir",
                sources().toString(),
                "--package",
                "io.scaleplan.cache",
                "--plan",
                "cache");
        StringWriter badErr = new StringWriter();
        int refused = Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(badErr),
                "import",
                bad.toString(),
                "--plans-dir",
                temp.resolve("other").toString(),
                "--package",
                "io.scaleplan.cache");

        assertThat(written).isZero();
        assertThat(out.toString()).startsWith("wrote " + sources().resolve("io/scaleplan/cache/Cache.java"));
        assertThat(err.toString()).contains(ok + ":3:1: warning: Redis directive appendonly cannot be expressed");
        assertThat(Files.readString(sources().resolve("io/scaleplan/cache/Cache.java")))
                .contains("// appendonly yes (" + ok + ":3) is not expressible")
                .contains(".evictionPolicy(EvictionPolicy.ALLKEYS_LRU)");
        assertThat(refused).isEqualTo(2);
        assertThat(badErr.toString())
                .contains(bad + ":2:1: error: malformed YAML")
                .contains("nothing written");
        assertThat(temp.resolve("other")).doesNotExist();
        try (Stream<Path> files = Files.list(sources().resolve("io/scaleplan/cache"))) {
            assertThat(files).hasSize(1);
        }
    }
}
