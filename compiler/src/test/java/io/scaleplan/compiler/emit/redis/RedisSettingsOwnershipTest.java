package io.scaleplan.compiler.emit.redis;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.ScalingPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * One mechanism per Redis setting, on a real redis-server 7.0.15: the chart's configuration
 * ({@code master.configuration}) owns maxmemory and its policy, and the Bitnami container copies it
 * into the redis.conf the server runs at every start. Version 1 applied through both paths (the
 * chart's configuration and apply.redis, whose CONFIG REWRITE writes into that copy), then version
 * 2 through the chart (a new ConfigMap, the pod's restart): the server runs version 2.
 */
class RedisSettingsOwnershipTest {
    @TempDir
    Path dir;

    private static ScalingPlan plan(int maxmemoryMib) {
        return ScalingPlan.builder("owner")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(1))
                .redis(r -> r.maxmemory(mib(maxmemoryMib))
                        .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
                        .limits(cores(1), gib(2)))
                .build();
    }

    private static String file(ScalingPlan plan, String path) {
        return new PlanCompiler()
                .compile(plan).files().stream()
                        .filter(f -> f.path().equals("owner/" + path))
                        .map(GeneratedFile::content)
                        .findFirst()
                        .orElseThrow();
    }

    /** The pod's start: the chart's ConfigMap copied over the redis.conf the server runs. */
    private Path start(ScalingPlan plan) throws Exception {
        JsonNode values = new YAMLMapper().readTree(file(plan, "helm/redis-values.yaml"));
        Path configMap = Files.writeString(
                dir.resolve("master.conf"), values.at("/master/configuration").asText());
        return Files.copy(configMap, dir.resolve("redis.conf"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aSettingAppliedThroughBothPathsEndsAtTheChartsNewerValue() throws Exception {
        Path conf = start(plan(512));
        try (RedisProcess redis = RedisProcess.start(conf, dir);
                Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            RedisServerTest.apply(jedis, file(plan(512), "redis/apply.redis"));
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(512L << 20));
            assertThat(Files.readString(conf)).contains("maxmemory 512mb");
        }
        conf = start(plan(768));
        try (RedisProcess redis = RedisProcess.start(conf, dir);
                Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(768L << 20));
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
        }
    }
}
