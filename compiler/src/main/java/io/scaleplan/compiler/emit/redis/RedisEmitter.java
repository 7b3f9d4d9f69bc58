package io.scaleplan.compiler.emit.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ResolvedPlan;
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
public final class RedisEmitter implements Target {

    /** The target's name. */
    public static final String NAME = "redis";

    /** redis.conf's path below the plan's folder. */
    public static final String CONF = "redis/redis.conf";

    /** The CONFIG SET script's path below the plan's folder. */
    public static final String SCRIPT = "redis/apply.redis";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        if (plan.redis().isEmpty()) {
            return List.of();
        }
        Redis redis = plan.redis().get();
        List<String[]> directives = directives(redis);
        return List.of(
                Document.tree(
                        NAME,
                        "HelmValues",
                        redis.release(),
                        HelmCommands.valuesPath(redis.release()),
                        Headers.comment("#", plan),
                        values(redis, directives)),
                Document.text(NAME, "RedisConf", CONF, conf(plan, directives)),
                Document.text(NAME, "RedisCli", SCRIPT, apply(plan, redis, directives)));
    }

    @Override
    public List<ApplyStep> applySteps(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        ScalingPlan plan = resolved.plan();
        List<ApplyStep> out = new ArrayList<>();
        for (Document d : documents) {
            if (d.kind().equals("HelmValues")) {
                Redis r = plan.redis().orElseThrow();
                out.add(new ApplyStep(
                        ApplyStep.Stage.DATA_RELEASES,
                        List.of(
                                "# Redis (Bitnami chart): replicas, resources, configuration",
                                HelmCommands.upgrade(
                                        d.name(),
                                        HelmCommands.bitnami(r.isCluster() ? "redis-cluster" : "redis"),
                                        plan.namespace(),
                                        folder))));
            }
        }
        for (Document d : documents) {
            if (d.kind().equals("RedisCli")) {
                out.add(new ApplyStep(
                        ApplyStep.Stage.DATA_SCRIPTS,
                        List.of(
                                "# Redis runtime configuration (CONFIG SET), on the master and each replica,"
                                        + " with REDISCLI_AUTH set",
                                "redis-cli -h \"$REDIS_HOST\" -p \"${REDIS_PORT:-6379}\" < "
                                        + Shell.word(folder.command(d.path())))));
            }
        }
        return out;
    }

    /** The directives the plan sets, as name and value, in redis.conf's order. */
    public static List<String[]> directives(Redis redis) {
        List<String[]> out = new ArrayList<>();
        redis.maxmemory().ifPresent(m -> out.add(new String[] {"maxmemory", KubeValues.redisMemory(m)}));
        redis.evictionPolicy().ifPresent(p -> out.add(new String[] {"maxmemory-policy", p.redisName()}));
        return out;
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

    private static ObjectNode values(Redis redis, List<String[]> directives) {
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
                node.set("resources", KubeValues.resources(redis.resources()));
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
                    node.set("resources", KubeValues.resources(redis.resources()));
                }
            }
        }
        return values;
    }
}
