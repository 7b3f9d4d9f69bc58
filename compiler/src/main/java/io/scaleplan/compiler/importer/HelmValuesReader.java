package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.BehaviorFacts;
import io.scaleplan.compiler.importer.Estate.BudgetFact;
import io.scaleplan.compiler.importer.Estate.Fact;
import io.scaleplan.compiler.importer.Estate.PodsMetricFact;
import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Helm values files: the platform chart's ({@code usageMetering.autoscaling.maxReplicas}, the keys
 * the runbook's {@code helm upgrade --set} uses) and the Bitnami {@code postgresql}, {@code redis}
 * and {@code redis-cluster} charts'. Which chart a file is for is read from its keys; the release
 * from its name ({@code arka-values.yaml} is release {@code arka}).
 */
final class HelmValuesReader {
    private static final Set<String> SERVICE_KEYS = Set.of("replicaCount", "autoscaling", "resources", "pdb");

    private final Estate estate;
    private final ChartHandles chart;
    private final KubernetesReader kubernetes;

    HelmValuesReader(Estate estate, ChartHandles chart, KubernetesReader kubernetes) {
        this.estate = estate;
        this.chart = chart;
        this.kubernetes = kubernetes;
    }

    void read(YamlTree values, String fileName) {
        Optional<String> release = fileName.endsWith("-values.yaml")
                ? Optional.of(fileName.substring(0, fileName.length() - "-values.yaml".length()))
                : Optional.empty();
        if (!values.isMap()) {
            throw new ImportException(values.file(), values.line(), values.column(), "a values file must be a mapping");
        }
        if (values.get("primary").isMap() || values.get("readReplicas").isMap()) {
            postgres(values, release);
        } else if (values.get("master").isMap() || values.get("replica").isMap()) {
            redis(values, release);
        } else if (values.get("cluster").isMap()) {
            redisCluster(values, release);
        } else {
            platform(values, release);
        }
    }

    private void platform(YamlTree values, Optional<String> release) {
        Optional<String> platformRelease = release.filter(DslTypes::isDns1123Label);
        if (estate.release == null) {
            platformRelease.ifPresent(r -> estate.release = new Fact<>(r, values.where()));
        }
        for (Map.Entry<String, YamlTree> e : values.fields().entrySet()) {
            String key = e.getKey();
            YamlTree node = e.getValue();
            boolean service = node.isMap() && node.fields().keySet().stream().anyMatch(SERVICE_KEYS::contains);
            Optional<String> name = chart.serviceName(key);
            if (!service || name.isEmpty() || !DslTypes.isHelmKey(key)) {
                estate.warn(node, "chart value " + key + " is not a service's scaling; kept as a comment");
                estate.planComments.add(
                        "chart value " + key + " (" + node.where() + "): " + KubernetesReader.flat(node));
                continue;
            }
            ServiceFacts s = estate.service(name.get());
            platformRelease.ifPresent(
                    r -> s.release = estate.merge(s.release, r, values.where(), s.name + "'s Helm release"));
            service(s, key, node);
        }
    }

    private void service(ServiceFacts s, String key, YamlTree node) {
        s.helmKey = estate.merge(s.helmKey, key, node.where(), s.name + "'s Helm key");
        for (Map.Entry<String, YamlTree> e : node.fields().entrySet()) {
            YamlTree v = e.getValue();
            switch (e.getKey()) {
                case "replicaCount" ->
                    s.replicas = estate.merge(s.replicas, v.integer("replicaCount"), v.where(), s.name + "'s replicas");
                case "autoscaling" -> autoscaling(s, v);
                case "resources" -> kubernetes.resources(v, s.resources, s.name);
                case "pdb" -> pdb(s, v);
                default -> {
                    estate.warn(
                            v,
                            "chart value " + key + "." + e.getKey() + " is not imported (set it with the"
                                    + " chart's typed values); kept as a comment");
                    s.comments.add("chart value " + key + "." + e.getKey() + " (" + v.where() + "): "
                            + KubernetesReader.flat(v));
                }
            }
        }
    }

    private void autoscaling(ServiceFacts s, YamlTree a) {
        YamlTree enabled = a.get("enabled");
        YamlTree external = a.get("external");
        if (external.text("false").equals("true")) {
            // scaleplan's own overlay when its k8s/ manifests own the HPA (ObjectOwner.SCALEPLAN):
            // the chart's HPA is off, the service is still autoscaled, by the manifest
            s.autoscalingExternal = new Estate.Fact<>(true, external.where());
            if (estate.externalScaling == null) {
                estate.externalScaling = new Estate.Fact<>(true, external.where());
            }
            return;
        }
        if (enabled.text("false").equals("true") && estate.chartScaling == null) {
            estate.chartScaling = new Estate.Fact<>(true, enabled.where());
        }
        if (enabled.isScalar()) {
            s.autoscalingEnabled = estate.merge(
                    s.autoscalingEnabled,
                    Boolean.parseBoolean(enabled.text("")),
                    enabled.where(),
                    s.name + "'s autoscaling.enabled");
        }
        if (!a.get("enabled").text("true").equals("true")) {
            return;
        }
        for (Map.Entry<String, YamlTree> e : a.fields().entrySet()) {
            YamlTree v = e.getValue();
            switch (e.getKey()) {
                case "enabled", "external" -> {}
                case "minReplicas" ->
                    s.minReplicas =
                            estate.merge(s.minReplicas, v.integer("minReplicas"), v.where(), s.name + "'s minReplicas");
                case "maxReplicas" ->
                    s.maxReplicas =
                            estate.merge(s.maxReplicas, v.integer("maxReplicas"), v.where(), s.name + "'s maxReplicas");
                case "targetCPUUtilizationPercentage" ->
                    s.cpuUtilization = estate.merge(
                            s.cpuUtilization,
                            v.integer("targetCPUUtilizationPercentage"),
                            v.where(),
                            s.name + "'s CPU target");
                case "targetMemoryUtilizationPercentage" ->
                    s.memoryUtilization = estate.merge(
                            s.memoryUtilization,
                            v.integer("targetMemoryUtilizationPercentage"),
                            v.where(),
                            s.name + "'s memory target");
                case "behavior" -> {
                    BehaviorFacts b = kubernetes.behavior(v, false);
                    if (b.scaleUp().isPresent() || b.scaleDown().isPresent()) {
                        s.behavior = estate.merge(s.behavior, b, v.where(), s.name + "'s HPA behavior");
                    }
                }
                case "podsMetrics" -> {
                    List<PodsMetricFact> metrics = new ArrayList<>();
                    for (YamlTree m : v.items()) {
                        YamlTree value = m.get("averageValue");
                        BigDecimal average = value.text()
                                .flatMap(Quantity::parse)
                                .orElseThrow(() -> new ImportException(
                                        value.file(),
                                        value.line(),
                                        value.column(),
                                        "averageValue must be a quantity, was " + value.show()));
                        metrics.add(new PodsMetricFact(m.get("name").text(""), average));
                    }
                    s.podsMetrics =
                            estate.merge(s.podsMetrics, List.copyOf(metrics), v.where(), s.name + "'s Pods metrics");
                }
                default -> {
                    estate.warn(
                            v,
                            "chart value autoscaling." + e.getKey() + " of " + s.name + " is not imported;"
                                    + " kept as a comment");
                    s.comments.add("chart value autoscaling." + e.getKey() + " (" + v.where() + "): "
                            + KubernetesReader.flat(v));
                }
            }
        }
    }

    private void pdb(ServiceFacts s, YamlTree pdb) {
        if (!pdb.get("create").text("false").equals("true")) {
            return;
        }
        YamlTree min = pdb.get("minAvailable");
        YamlTree max = pdb.get("maxUnavailable");
        if (min.isMissing() == max.isMissing()) {
            estate.warn(pdb, s.name + "'s pdb must state exactly one of minAvailable and maxUnavailable; not imported");
            return;
        }
        YamlTree amount = min.isMissing() ? max : min;
        s.budget = estate.merge(
                s.budget,
                new BudgetFact(!min.isMissing(), kubernetes.amount(amount)),
                amount.where(),
                s.name + "'s disruption budget");
    }

    private void postgres(YamlTree values, Optional<String> release) {
        Estate.PostgresFacts pg = estate.postgres();
        release.filter(DslTypes::isDns1123Label)
                .ifPresent(r -> pg.release = estate.merge(pg.release, r, values.where(), "the PostgreSQL release"));
        YamlTree replicas = values.get("readReplicas").get("replicaCount");
        if (replicas.isScalar()
                && !values.get("architecture").text("replication").equals("standalone")) {
            pg.readReplicas = estate.merge(
                    pg.readReplicas,
                    replicas.integer("readReplicas.replicaCount"),
                    replicas.where(),
                    "the read replicas");
        }
        YamlTree conf = values.get("primary").get("extendedConfiguration");
        if (conf.isScalar()) {
            new PostgresReader(estate).conf(conf.text(""), conf.file(), conf.line() + 1);
        }
        kubernetes.resources(values.get("primary").get("resources"), pg.resources, "PostgreSQL");
        for (Map.Entry<String, YamlTree> e : values.fields().entrySet()) {
            if (!Set.of("architecture", "primary", "readReplicas").contains(e.getKey())) {
                extra(e.getKey(), e.getValue(), pg.comments);
            }
        }
        for (String role : List.of("primary", "readReplicas")) {
            for (Map.Entry<String, YamlTree> e : values.get(role).fields().entrySet()) {
                // OnDelete is scaleplan's own: the restarts follow APPLY.md's order (replicas first
                // when a hot-standby setting rises), not the StatefulSet controller's
                boolean onDelete = e.getKey().equals("updateStrategy")
                        && e.getValue().get("type").text("").equals("OnDelete")
                        && e.getValue().fields().size() == 1;
                if (!onDelete
                        && !Set.of("replicaCount", "extendedConfiguration", "resources")
                                .contains(e.getKey())) {
                    extra(role + "." + e.getKey(), e.getValue(), pg.comments);
                }
            }
        }
    }

    private void extra(String key, YamlTree value, List<String> comments) {
        estate.warn(value, "chart value " + key + " cannot be expressed in a plan; kept as a comment");
        comments.add("chart value " + key + " (" + value.where() + "): " + KubernetesReader.flat(value));
    }

    private void redis(YamlTree values, Optional<String> release) {
        Estate.RedisFacts redis = estate.redis();
        release.filter(DslTypes::isDns1123Label)
                .ifPresent(r -> redis.release = estate.merge(redis.release, r, values.where(), "the Redis release"));
        YamlTree replicas = values.get("replica").get("replicaCount");
        boolean standalone = values.get("architecture").text("replication").equals("standalone");
        redis.replicas = estate.merge(
                redis.replicas,
                standalone || !replicas.isScalar() ? 0 : replicas.integer("replica.replicaCount"),
                replicas.isScalar() ? replicas.where() : values.where(),
                "the Redis replicas");
        YamlTree conf = values.get("master").get("configuration");
        if (conf.isScalar()) {
            new RedisReader(estate).conf(conf.text(""), conf.file(), conf.line() + 1);
        }
        kubernetes.resources(values.get("master").get("resources"), redis.resources, "Redis");
        for (Map.Entry<String, YamlTree> e : values.fields().entrySet()) {
            if (!Set.of("architecture", "master", "replica").contains(e.getKey())) {
                extra(e.getKey(), e.getValue(), redis.comments);
            }
        }
        for (String role : List.of("master", "replica")) {
            for (Map.Entry<String, YamlTree> e : values.get(role).fields().entrySet()) {
                if (!Set.of("replicaCount", "configuration", "resources").contains(e.getKey())) {
                    extra(role + "." + e.getKey(), e.getValue(), redis.comments);
                }
            }
        }
    }

    private void redisCluster(YamlTree values, Optional<String> release) {
        Estate.RedisFacts redis = estate.redis();
        release.filter(DslTypes::isDns1123Label)
                .ifPresent(r -> redis.release = estate.merge(redis.release, r, values.where(), "the Redis release"));
        YamlTree nodes = values.get("cluster").get("nodes");
        YamlTree replicas = values.get("cluster").get("replicas");
        redis.clusterNodes = estate.merge(
                redis.clusterNodes,
                nodes.isScalar() ? nodes.integer("cluster.nodes") : 6,
                values.get("cluster").where(),
                "the cluster's nodes");
        redis.clusterReplicas = estate.merge(
                redis.clusterReplicas,
                replicas.isScalar() ? replicas.integer("cluster.replicas") : 1,
                values.get("cluster").where(),
                "the cluster's replicas per master");
        YamlTree conf = values.get("redis").get("configmap");
        if (conf.isScalar()) {
            new RedisReader(estate).conf(conf.text(""), conf.file(), conf.line() + 1);
        }
        kubernetes.resources(values.get("redis").get("resources"), redis.resources, "Redis");
        for (Map.Entry<String, YamlTree> e : values.fields().entrySet()) {
            if (!Set.of("cluster", "redis").contains(e.getKey())) {
                extra(e.getKey(), e.getValue(), redis.comments);
            }
        }
    }
}
