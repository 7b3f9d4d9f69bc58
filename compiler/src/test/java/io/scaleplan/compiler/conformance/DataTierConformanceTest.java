package io.scaleplan.compiler.conformance;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every key the data-tier emitters write into a Bitnami values overlay exists in that chart's real
 * {@code values.yaml}, and every Redis directive exists in Redis 7.0.15's annotated redis.conf
 * (../shared/reference). An empty map in the chart ({@code resources: {}}) takes any keys.
 */
@Tag("conformance")
class DataTierConformanceTest {
    private static final Path REFERENCE = Path.of(System.getProperty("scaleplan.reference", "../../shared/reference"));

    private static List<GeneratedFile> compile(ScalingPlan plan) {
        return new PlanCompiler().compile(plan).files();
    }

    private static ScalingPlan standalone() {
        return ScalingPlan.builder("conformance")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .postgres(pg ->
                        pg.requests(cores(1), gib(4)).limits(cores(2), gib(8)).readReplicas(2))
                .redis(r -> r.replicas(2)
                        .maxmemory(mib(1536))
                        .evictionPolicy(EvictionPolicy.VOLATILE_LFU)
                        .requests(millicores(250), gib(1))
                        .limits(cores(1), gib(2)))
                .build();
    }

    private static ScalingPlan cluster() {
        return ScalingPlan.builder("conformance")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .redis(r -> r.cluster(6, 1)
                        .maxmemory(gib(2))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .limits(cores(1), gib(3)))
                .build();
    }

    @Test
    void postgresqlKeysExistInTheChart() throws IOException {
        assertKeysExist(file(standalone(), "helm/postgresql-values.yaml"), "postgresql");
    }

    @Test
    void redisKeysExistInTheChart() throws IOException {
        assertKeysExist(file(standalone(), "helm/redis-values.yaml"), "redis");
    }

    @Test
    void redisClusterKeysExistInTheChart() throws IOException {
        assertKeysExist(file(cluster(), "helm/redis-cluster-values.yaml"), "redis-cluster");
    }

    @Test
    void redisDirectivesExistInRedis7() throws IOException {
        String reference = Files.readString(REFERENCE.resolve("redis/redis-7.0.15.conf"));
        List<String> names = new ArrayList<>();
        for (ScalingPlan plan : List.of(standalone(), cluster())) {
            for (String line : file(plan, "redis/redis.conf").lines().toList()) {
                if (!line.startsWith("#")) {
                    names.add(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        assertThat(names).contains("maxmemory", "maxmemory-policy");
        for (String name : names) {
            assertThat(Pattern.compile("(?m)^#? ?" + Pattern.quote(name) + " ")
                            .matcher(reference)
                            .find())
                    .as("redis-7.0.15.conf documents %s", name)
                    .isTrue();
        }
    }

    private static String file(ScalingPlan plan, String path) {
        return compile(plan).stream()
                .filter(f -> f.path().equals(plan.name() + "/" + path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + path))
                .content();
    }

    private static void assertKeysExist(String overlay, String chart) throws IOException {
        Load load = new Load(LoadSettings.builder().build());
        Object values = load.loadFromString(Files.readString(REFERENCE.resolve("bitnami/" + chart + "/values.yaml")));
        Object emitted = load.loadFromString(overlay);
        List<String> missing = new ArrayList<>();
        walk("", emitted, values, missing);
        assertThat(missing).as("keys not in bitnami/%s/values.yaml", chart).isEmpty();
    }

    private static void walk(String path, Object emitted, Object reference, List<String> missing) {
        if (!(emitted instanceof Map<?, ?> map)) {
            return;
        }
        if (!(reference instanceof Map<?, ?> ref)) {
            missing.add(path + " (not a map in the chart)");
            return;
        }
        if (ref.isEmpty()) {
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = path.isEmpty() ? e.getKey().toString() : path + "." + e.getKey();
            if (!ref.containsKey(e.getKey())) {
                missing.add(key);
            } else {
                walk(key, e.getValue(), ref.get(e.getKey()), missing);
            }
        }
    }
}
