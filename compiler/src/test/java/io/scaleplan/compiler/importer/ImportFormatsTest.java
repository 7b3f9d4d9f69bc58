package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input forms import reads besides plain manifests: kustomize folders, psql's and redis-cli's output. */
class ImportFormatsTest {
    private static final String HPA =
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: %1$s-hpa, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %1$s}
              minReplicas: 2
              maxReplicas: 4
            """;

    @TempDir
    Path temp;

    private String importDry(Path... inputs) {
        ImportResult result = new Importer()
                .run(ImportRequest.builder(List.of(inputs), temp.resolve("src"))
                        .packageName("io.scaleplan.x")
                        .planName("x")
                        .stated(true)
                        .dryRun(true)
                        .build());
        assertThat(result.failed()).as("%s", result.problems()).isFalse();
        return result.source().orElseThrow();
    }

    @Test
    void aKustomizeFolderImportsTheResourcesItLists() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("overlay/base"));
        Files.writeString(dir.resolve("web.yaml"), HPA.formatted("web"));
        Files.writeString(dir.resolve("unlisted.yaml"), HPA.formatted("unlisted"));
        Files.writeString(temp.resolve("overlay/kustomization.yaml"), "resources:\n  - base/web.yaml\n");

        String source = importDry(temp.resolve("overlay"));

        assertThat(source)
                .contains(".service(\"web\", s -> s.autoscale(a -> a.replicas(2, 4)))")
                .doesNotContain("unlisted");
    }

    @Test
    void psqlsPgSettingsOutputImportsTheSettingsInTheirUnits() throws IOException {
        Path table = temp.resolve("pg_settings.txt");
        Files.writeString(
                table,
                """
                      name       | setting | unit
                -----------------+---------+------
                 max_connections | 300     |
                 shared_buffers  | 524288  | 8kB
                 work_mem        | 13797   | kB
                 max_wal_size    | 8192    | MB
                 jit             | off     |
                 listen_addresses| *       |
                (6 rows)
                """);

        String source = importDry(table);

        assertThat(source)
                .contains(".maxConnections(300)", ".sharedBuffers(gib(4))", ".workMem(kib(13_797))")
                .contains(".set(PgSetting.MAX_WAL_SIZE, gib(8))", ".set(PgSetting.JIT, false)")
                .doesNotContain("listen_addresses");
    }

    @Test
    void redisClisConfigGetOutputImportsMaxmemoryAndItsPolicy() throws IOException {
        Path output = temp.resolve("config-get.txt");
        Files.writeString(
                output,
                """
                 1) "maxmemory"
                 2) "2147483648"
                 3) "maxmemory-policy"
                 4) "allkeys-lru"
                 5) "appendonly"
                 6) "no"
                """);

        String source = importDry(output);

        assertThat(source)
                .contains(".maxmemory(gib(2))", ".evictionPolicy(EvictionPolicy.ALLKEYS_LRU)")
                .doesNotContain("appendonly");
    }
}
