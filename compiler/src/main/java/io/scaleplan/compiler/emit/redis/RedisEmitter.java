package io.scaleplan.compiler.emit.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.DataTierFiles;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Hosting;
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

    /** The folder of {@code redis}' files below the plan's: {@code redis/}, or {@code redis/<name>/} for a named one. */
    public static String folder(Redis redis) {
        return DataTierFiles.redisFolder(redis);
    }

    /** The path of {@code redis}' redis.conf. */
    public static String conf(Redis redis) {
        return folder(redis) + "redis.conf";
    }

    /** The path of {@code redis}' CONFIG SET script. */
    public static String script(Redis redis) {
        return folder(redis) + "apply.redis";
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        List<Document> out = new ArrayList<>();
        for (Redis redis : plan.caches()) {
            List<String[]> directives = directives(redis);
            if (redis.hosting() instanceof Hosting.Managed m) {
                out.add(Document.text(
                        NAME,
                        "Parameters",
                        folder(redis) + DataTierFiles.PARAMETERS,
                        ManagedRedisParameters.redis(plan, redis, m)));
                continue;
            }
            if (redis.isBitnami()) {
                out.add(Document.tree(
                        NAME,
                        "HelmValues",
                        redis.release(),
                        HelmCommands.valuesPath(redis.release()),
                        Headers.comment("#", plan),
                        values(redis, directives)));
            }
            if (redis.hasConfigFile()) {
                out.add(Document.text(NAME, "RedisConf", conf(redis), conf(plan, directives)));
            }
            out.add(Document.text(NAME, "RedisCli", script(redis), apply(plan, redis, directives)));
        }
        return out;
    }

    @Override
    public List<ApplyStep> applySteps(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        ScalingPlan plan = resolved.plan();
        List<ApplyStep> out = new ArrayList<>();
        for (Redis r : plan.caches()) {
            if (r.isBitnami()) {
                out.add(new ApplyStep(
                        ApplyStep.Stage.DATA_RELEASES,
                        List.of(
                                "# " + r.title() + " (Bitnami chart): replicas, resources, configuration",
                                HelmCommands.upgrade(
                                        r.release(),
                                        HelmCommands.bitnami(r.isCluster() ? "redis-cluster" : "redis"),
                                        plan.namespace(),
                                        folder))));
            } else if (r.hosting() instanceof Hosting.Managed m) {
                out.add(new ApplyStep(
                        ApplyStep.Stage.DATA_RELEASES,
                        ManagedRedisParameters.redisStep(r, m, folder.command(folder(r) + DataTierFiles.PARAMETERS))));
            }
        }
        for (Redis r : plan.caches()) {
            String script = script(r);
            if (documents.stream().noneMatch(d -> d.path().equals(script))) {
                continue;
            }
            String comment;
            if (r.hosting() instanceof Hosting.InChart c) {
                comment = "# " + r.title() + " runtime configuration (CONFIG SET), on each pod of workload "
                        + c.workload()
                        + " in the team's chart, with REDISCLI_AUTH set"
                        + (c.configFile()
                                ? ""
                                : ". It runs without a config file: no CONFIG REWRITE, and the settings last until"
                                        + " the server restarts; to keep them, give the chart's container args of "
                                        + c.workload() + ": " + containerArgs(directives(r)));
            } else {
                comment = "# " + r.title() + " runtime configuration (CONFIG SET), on the master and each replica,"
                        + " with REDISCLI_AUTH set";
            }
            out.add(new ApplyStep(
                    ApplyStep.Stage.DATA_SCRIPTS,
                    List.of(
                            comment,
                            "redis-cli -h \"$REDIS_HOST\" -p \"${REDIS_PORT:-6379}\" < "
                                    + Shell.word(folder.command(script)))));
        }
        return out;
    }

    /**
     * The directives as a container's args for the {@code redis} image, whose entrypoint runs
     * {@code redis-server} with args that start with {@code -}: {@code args: ['--maxmemory',
     * '256mb', '--maxmemory-policy', 'allkeys-lru']}.
     */
    public static String containerArgs(List<String[]> directives) {
        List<String> args = new ArrayList<>();
        for (String[] d : directives) {
            args.add("'--" + d[0] + "'");
            args.add("'" + d[1] + "'");
        }
        return "args: [" + String.join(", ", args) + "]";
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
                        redis.hosting() instanceof Hosting.InChart c
                                ? ", against each pod of workload " + c.workload() + " (the team's chart)"
                                : redis.isCluster()
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
        if (redis.hasConfigFile()) {
            out.append("CONFIG REWRITE\n");
        } else {
            String workload = ((Hosting.InChart) redis.hosting()).workload();
            out.append("ECHO \"Not persisted: ")
                    .append(workload)
                    .append(" runs without a config file, so there is no CONFIG REWRITE (which fails there with")
                    .append(" 'the server is running without a config file'), and these settings last until the")
                    .append(" server restarts.\"\n");
            out.append("ECHO \"To keep them, give the chart's container of ")
                    .append(workload)
                    .append(" these args: ")
                    .append(containerArgs(directives))
                    .append("\"\n");
        }
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
