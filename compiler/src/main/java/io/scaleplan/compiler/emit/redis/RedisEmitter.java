package io.scaleplan.compiler.emit.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis} target: the Bitnami {@code redis} (or {@code redis-cluster}) values overlay,
 * {@code redis/redis.conf} with the directives the plan sets, and {@code redis/apply.redis}, the
 * same as one {@code CONFIG SET} of every directive then {@code CONFIG REWRITE}, for {@code
 * redis-cli < apply.redis}. redis-cli has no comment syntax, so that file's header is an {@code
 * ECHO}.
 *
 * <p>All or nothing: Redis 7 checks every directive and value of a multi-parameter {@code CONFIG
 * SET} before it applies any, and applies none when one is unknown or rejected (an older server
 * refuses the form outright); redis-cli goes on after an error, so one command per directive could
 * stop half-way.
 */
public final class RedisEmitter implements Emitter {

    @Override
    public List<GeneratedFile> emit(ScalingPlan plan) {
        if (plan.redis().isEmpty()) {
            return List.of();
        }
        Redis redis = plan.redis().get();
        List<String[]> directives = directives(redis);
        String dir = plan.name() + "/";
        return List.of(
                new GeneratedFile(dir + "helm/" + redis.release() + "-values.yaml", values(plan, redis, directives)),
                new GeneratedFile(dir + "redis/redis.conf", conf(plan, directives)),
                new GeneratedFile(dir + "redis/apply.redis", apply(plan, redis, directives)));
    }

    /** The directives the plan sets, as name and value, in redis.conf's order. */
    public static List<String[]> directives(Redis redis) {
        List<String[]> out = new ArrayList<>();
        redis.maxmemory().ifPresent(m -> out.add(new String[] {"maxmemory", memory(m)}));
        redis.evictionPolicy().ifPresent(p -> out.add(new String[] {"maxmemory-policy", p.redisName()}));
        return out;
    }

    /**
     * A memory size as Redis reads it, exactly: {@code 2gb} (2<sup>31</sup> bytes), {@code 512mb},
     * {@code 64kb} or bytes. Never {@code 2g}, which Redis reads as 2×10<sup>9</sup>.
     */
    public static String memory(Memory m) {
        long b = m.bytes();
        if (b % (1L << 30) == 0) {
            return (b >> 30) + "gb";
        }
        if (b % (1L << 20) == 0) {
            return (b >> 20) + "mb";
        }
        if (b % 1024 == 0) {
            return (b >> 10) + "kb";
        }
        return Long.toString(b);
    }

    private static String confLines(List<String[]> directives) {
        StringBuilder out = new StringBuilder();
        for (String[] d : directives) {
            out.append(d[0]).append(' ').append(d[1]).append('\n');
        }
        return out.toString();
    }

    private static String conf(ScalingPlan plan, List<String[]> directives) {
        return Headers.comment("#", plan) + confLines(directives);
    }

    private static String apply(ScalingPlan plan, Redis redis, List<String[]> directives) {
        StringBuilder out = new StringBuilder();
        String marker =
                Headers.comment("#", plan).lines().findFirst().orElseThrow().substring(2);
        out.append("ECHO \"").append(marker.replace("\"", "")).append("\"\n");
        out.append("ECHO \"Run with: REDISCLI_AUTH=password redis-cli -h HOST -p PORT < apply.redis")
                .append(
                        redis.isCluster()
                                ? ", against every node of the cluster"
                                : ", against the master and each replica")
                .append("\"\n");
        if (!directives.isEmpty()) {
            out.append("ECHO \"All or nothing: one CONFIG SET (Redis 7+) sets every directive, or none when the server")
                    .append(" rejects one\"\n");
            out.append("CONFIG SET");
            for (String[] d : directives) {
                out.append(' ').append(d[0]).append(' ').append(d[1]);
            }
            out.append('\n');
        }
        out.append("CONFIG REWRITE\n");
        return out.toString();
    }

    private static String values(ScalingPlan plan, Redis redis, List<String[]> directives) {
        ObjectNode values = Yaml.object();
        String conf = confLines(directives);
        if (redis.isCluster()) {
            Redis.Cluster c = redis.cluster().get();
            ObjectNode cluster = values.putObject("cluster");
            cluster.put("nodes", c.nodes());
            cluster.put("replicas", c.replicasPerMaster());
            ObjectNode node = values.putObject("redis");
            if (!conf.isEmpty()) {
                node.put("configmap", conf);
            }
            if (!redis.resources().isEmpty()) {
                node.set("resources", HelmValuesEmitter.resources(redis.resources()));
            }
            if (node.isEmpty()) {
                values.remove("redis");
            }
        } else {
            values.put("architecture", redis.replicas() > 0 ? "replication" : "standalone");
            for (String role : List.of("master", "replica")) {
                if (role.equals("replica") && redis.replicas() == 0) {
                    continue;
                }
                ObjectNode node = values.putObject(role);
                if (role.equals("replica")) {
                    node.put("replicaCount", redis.replicas());
                }
                if (!conf.isEmpty()) {
                    node.put("configuration", conf);
                }
                if (!redis.resources().isEmpty()) {
                    node.set("resources", HelmValuesEmitter.resources(redis.resources()));
                }
            }
        }
        return Yaml.render(Headers.comment("#", plan), values);
    }
}
