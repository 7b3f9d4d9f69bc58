package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Code.Chain;
import io.scaleplan.compiler.importer.Estate.RedisFacts;
import java.util.List;

/** The {@code .redis(...)} of the imported plan: the release, replicas or cluster, memory and policy. */
final class RedisBlock {
    private final RedisFacts redis;

    RedisBlock(RedisFacts redis) {
        this.redis = redis;
    }

    List<String> comments() {
        return redis.comments;
    }

    Chain chain(Code code) {
        Chain c = new Chain();
        boolean cluster = redis.clusterNodes != null;
        String defaultRelease = cluster ? "redis-cluster" : "redis";
        if (redis.hosting != null && redis.hosting.managed()) {
            c.call(
                    "managed($T.$L, $S)",
                    PlanWriter.managedService(),
                    redis.hosting.service(),
                    redis.hosting.identifier());
        } else if (redis.hosting != null) {
            c.call(redis.hosting.configFile() ? "inChartWithConfigFile($S)" : "inChart($S)", redis.hosting.workload());
        } else {
            c.call("release($S)", redis.release == null ? defaultRelease : redis.release.value());
        }
        if (redis.hosting != null) {
            // not a Bitnami release: no replicas or cluster of one
        } else if (cluster) {
            c.call(
                    "cluster($L, $L)",
                    redis.clusterNodes.value(),
                    redis.clusterReplicas == null ? 1 : redis.clusterReplicas.value());
        } else if (redis.replicas != null && redis.replicas.value() > 0) {
            c.call("replicas($L)", redis.replicas.value());
        }
        if (redis.maxmemory != null) {
            c.call("maxmemory($L)", code.memory(redis.maxmemory.value()));
        }
        if (redis.evictionPolicy != null) {
            c.call(
                    "evictionPolicy($T.$L)",
                    PlanWriter.evictionPolicy(),
                    RedisReader.policy(redis.evictionPolicy.value())
                            .orElseThrow()
                            .name());
        }
        PlanWriter.resources(c, redis.resources, code);
        return c;
    }
}
