package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * A Redis of the plan: either one master with streaming replicas (the Bitnami {@code redis} chart)
 * or a Redis Cluster (the Bitnami {@code redis-cluster} chart), with a memory limit and an eviction
 * policy; or, with {@link Builder#inChart(String)} or {@link Builder#managed(ManagedService,
 * String)}, a server inside the team's chart or at a provider (see {@link Hosting}). The default
 * instance is declared with {@link ScalingPlan.Builder#redis(java.util.function.Consumer)},
 * further ones by name with {@link ScalingPlan.Builder#redis(String, java.util.function.Consumer)}:
 *
 * <pre>{@code
 * .redis(r -> r
 *         .release("redis")
 *         .replicas(3)
 *         .maxmemory(gib(2))
 *         .evictionPolicy(EvictionPolicy.ALLKEYS_LRU)
 *         .limits(cores(1), gib(3)))
 * }</pre>
 *
 * compiles to {@code helm/redis-values.yaml}, {@code redis/redis.conf}:
 *
 * <pre>
 * maxmemory 2gb
 * maxmemory-policy allkeys-lru
 * </pre>
 *
 * and {@code redis/apply.redis}, the same as {@code CONFIG SET} commands for {@code redis-cli}
 * followed by {@code CONFIG REWRITE}. Memory is written exactly: {@code 2gb} is 2<sup>31</sup>
 * bytes, where Redis would read {@code 2g} as 2×10<sup>9</sup>.
 *
 * @param release the Helm release ({@code redis}, or {@code redis-cluster} in cluster mode)
 * @param replicas replicas of the master (standalone mode; 0 in cluster mode)
 * @param cluster the cluster's shape, in cluster mode
 * @param maxmemory the memory limit of each node's data set; empty for Redis' default (none)
 * @param evictionPolicy what to evict at maxmemory; empty for Redis' default ({@code noeviction})
 * @param resources requests and limits of each Redis pod
 * @param source where {@code redis(...)} was called
 * @param safeMemoryShare the share of the container's memory limit maxmemory may take
 * @param name the instance's name, for a plan with several; empty for the plan's default instance
 *     ({@code redis(spec)}), whose outputs keep the paths of a plan with one
 * @param hosting where the server lives: a Bitnami release (the default), the team's chart, or a
 *     managed service; {@link #release()} is meaningful for a Bitnami release only
 */
public record Redis(
        String release,
        int replicas,
        Optional<Cluster> cluster,
        Optional<Memory> maxmemory,
        Optional<EvictionPolicy> evictionPolicy,
        Resources resources,
        SourceLocation source,
        Percent safeMemoryShare,
        Optional<String> name,
        Hosting hosting) {

    /** The share of the container's memory limit maxmemory may take by default: the rest is fork/COW and buffers. */
    public static final Percent DEFAULT_SAFE_MEMORY_SHARE = new Percent(75);

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Redis {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(maxmemory, "maxmemory");
        Objects.requireNonNull(evictionPolicy, "evictionPolicy");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(source, "source");
        if (!Names.isDns1123Label(release)) {
            throw new IllegalArgumentException("not a valid release name: " + Names.show(release));
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        Objects.requireNonNull(safeMemoryShare, "safeMemoryShare");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hosting, "hosting");
        name.ifPresent(n -> {
            if (!Names.isDns1123Label(n)) {
                throw new IllegalArgumentException("not a valid instance name: " + Names.show(n));
            }
        });
        if (hosting instanceof Hosting.Managed m && m.service().engine() != ManagedService.Engine.REDIS) {
            throw new IllegalArgumentException(m.service() + " is not a Redis service");
        }
        if (!(hosting instanceof Hosting.Bitnami) && (cluster.isPresent() || replicas > 0)) {
            throw new IllegalArgumentException("replicas and cluster mode are a Bitnami release's: " + hosting);
        }
        if (safeMemoryShare.value() < 1 || safeMemoryShare.value() > 100) {
            throw new IllegalArgumentException("safe memory share must be 1% to 100%: " + safeMemoryShare);
        }
        if (cluster.isPresent() && replicas > 0) {
            throw new IllegalArgumentException("cluster mode takes replicas per master, not replicas: " + replicas);
        }
        maxmemory.ifPresent(m -> {
            if (m.bytes() == 0) {
                throw new IllegalArgumentException("maxmemory must be greater than 0");
            }
        });
    }

    /** The plan's only (default) Redis, in a Bitnami release: the record as it was before instances had names. */
    public Redis(
            String release,
            int replicas,
            Optional<Cluster> cluster,
            Optional<Memory> maxmemory,
            Optional<EvictionPolicy> evictionPolicy,
            Resources resources,
            SourceLocation source,
            Percent safeMemoryShare) {
        this(
                release,
                replicas,
                cluster,
                maxmemory,
                evictionPolicy,
                resources,
                source,
                safeMemoryShare,
                Optional.empty(),
                Hosting.BITNAMI);
    }

    /** Whether the server is a Bitnami release scaleplan writes an overlay for. */
    public boolean isBitnami() {
        return hosting instanceof Hosting.Bitnami;
    }

    /**
     * Whether {@code CONFIG REWRITE} can persist a {@code CONFIG SET}: the server runs with a
     * config file (a Bitnami release rebuilds one from the chart's configuration at each start; a
     * managed service refuses {@code CONFIG} altogether).
     */
    public boolean hasConfigFile() {
        return hosting instanceof Hosting.Bitnami || hosting instanceof Hosting.InChart c && c.configFile();
    }

    /** The plan element of this Redis: {@code redis}, or {@code redis sessions} for a named one. */
    public PlanElement element(PlanElement plan) {
        return name.map(plan::redis).orElseGet(plan::redis);
    }

    /** How outputs name it: {@code Redis}, or {@code Redis sessions}. */
    public String title() {
        return name.map(n -> "Redis " + n).orElse("Redis");
    }

    /** Whether this is a Redis Cluster. */
    public boolean isCluster() {
        return cluster.isPresent();
    }

    /**
     * A Redis Cluster's shape: {@code nodes} pods in all, each master with {@code replicasPerMaster}
     * replicas (Bitnami {@code cluster.nodes}, {@code cluster.replicas}).
     *
     * @param nodes all nodes, masters and replicas; at least 1
     * @param replicasPerMaster replicas of each master; at least 0
     */
    public record Cluster(int nodes, int replicasPerMaster) {
        /**
         * Checks every invariant and copies collections into unmodifiable ones. Plans use the
         * builders, which report a wrong value with its source line before it gets here.
         */
        public Cluster {
            if (nodes < 1) {
                throw new IllegalArgumentException("cluster nodes must be at least 1: " + nodes);
            }
            if (replicasPerMaster < 0) {
                throw new IllegalArgumentException("replicas per master must not be negative: " + replicasPerMaster);
            }
        }
    }

    /** Builds the Redis part of a plan; every method checks its argument where it is called. */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final PodResources resources;
        private final SourceLocation source;
        private String release;
        private int replicas;
        private SourceLocation replicasAt;
        private Cluster cluster;
        private Memory maxmemory;
        private EvictionPolicy policy;
        private Percent safeMemoryShare = DEFAULT_SAFE_MEMORY_SHARE;
        private final String name;
        private final HostingChoice hosting;
        private SourceLocation releaseAt;
        private SourceLocation clusterAt;

        Builder(Problems problems, String planName, SourceLocation source) {
            this(problems, planName, null, source);
        }

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.name = name;
            PlanElement plan = PlanElement.plan(planName);
            this.element = name == null ? plan.redis() : plan.redis(name);
            this.source = source;
            this.resources = new PodResources(problems, element);
            this.hosting = new HostingChoice(problems, element, ManagedService.Engine.REDIS);
        }

        /**
         * The Helm release; default {@code redis}, or {@code redis-cluster} in cluster mode, or the
         * instance's name for a named one. Only for a Bitnami release.
         */
        public Builder release(String name) {
            problems.requireLabel(element, "Helm release", name);
            this.release = name;
            this.releaseAt = SourceLocation.capture();
            return this;
        }

        /**
         * The server is a workload of the team's own chart started without a config file, as
         * Online Boutique's {@code redis-cart} ({@code redis:alpine}, arguments only): scaleplan
         * writes {@code apply.redis} with {@code CONFIG SET} and no {@code CONFIG REWRITE} (which
         * fails there with "ERR The server is running without a config file"), and says that the
         * settings last until the server restarts unless the chart's container args carry them.
         * No overlay and no {@code helm upgrade}. Its {@link #limits(Cpu, Memory)}, when given,
         * are the chart's, for the maxmemory check only.
         */
        public Builder inChart(String workload) {
            hosting.inChart(workload, false);
            return this;
        }

        /**
         * As {@link #inChart(String)}, for a server that runs with a config file it may rewrite:
         * {@code apply.redis} ends with {@code CONFIG REWRITE}, as for a Bitnami release.
         */
        public Builder inChartWithConfigFile(String workload) {
            hosting.inChart(workload, true);
            return this;
        }

        /**
         * The cache is a managed service ({@code managed(ManagedService.AWS_ELASTICACHE,
         * "sessions-prod")}): scaleplan writes the parameter values to set in its parameter group
         * or configuration ({@code parameters.conf}); no {@code CONFIG SET}, which managed
         * services refuse, and no Helm release.
         */
        public Builder managed(ManagedService service, String identifier) {
            hosting.managed(service, identifier);
            return this;
        }

        /** Replicas of the master (Bitnami redis {@code replica.replicaCount}); 0 for a lone master. */
        public Builder replicas(int count) {
            if (count < 0) {
                problems.errorHere(RuleId.INVALID_REDIS_TOPOLOGY, element, "replicas must be at least 0, was " + count);
            }
            this.replicas = count;
            this.replicasAt = SourceLocation.capture();
            return this;
        }

        /**
         * Cluster mode (Bitnami {@code redis-cluster}): {@code cluster(6, 1)} is three masters with
         * one replica each, the runbook's "Redis Cluster Mode".
         */
        public Builder cluster(int nodes, int replicasPerMaster) {
            boolean ok = true;
            if (nodes < 1) {
                problems.errorHere(
                        RuleId.INVALID_REDIS_TOPOLOGY, element, "cluster nodes must be at least 1, was " + nodes);
                ok = false;
            }
            if (replicasPerMaster < 0) {
                problems.errorHere(
                        RuleId.INVALID_REDIS_TOPOLOGY,
                        element,
                        "cluster replicas per master must be at least 0, was " + replicasPerMaster);
                ok = false;
            }
            if (ok) {
                this.cluster = new Cluster(nodes, replicasPerMaster);
                this.clusterAt = SourceLocation.capture();
            }
            return this;
        }

        /**
         * The share of the Redis container's memory limit that maxmemory may take (default 75 %): the
         * rest is for the fork of BGSAVE/AOF rewrites (copy-on-write), replication and client buffers.
         * Checked by SP121.
         */
        public Builder safeMemoryShare(Percent share) {
            Objects.requireNonNull(share, "share");
            if (share.value() < 1 || share.value() > 100) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY, element, "safe memory share must be 1% to 100%, was " + share);
                return this;
            }
            this.safeMemoryShare = share;
            return this;
        }

        /** The data set's memory limit ({@code maxmemory}); greater than 0. */
        public Builder maxmemory(Memory limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.bytes() == 0) {
                problems.errorHere(
                        RuleId.INVALID_MAXMEMORY,
                        element,
                        "maxmemory must be greater than 0 (Redis reads 0 as no limit): leave maxmemory out instead");
                return this;
            }
            this.maxmemory = limit;
            return this;
        }

        /** What Redis evicts at maxmemory ({@code maxmemory-policy}). */
        public Builder evictionPolicy(EvictionPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** CPU and memory requests of each Redis pod. */
        public Builder requests(Cpu cpu, Memory memory) {
            resources.requests(cpu, memory);
            return this;
        }

        /** CPU and memory limits of each Redis pod. */
        public Builder limits(Cpu cpu, Memory memory) {
            resources.limits(cpu, memory);
            return this;
        }

        boolean check() {
            boolean topology = replicasAt != null && replicas > 0 || clusterAt != null;
            if (!hosting.check(
                    release,
                    releaseAt,
                    !topology ? null : clusterAt != null ? "cluster(...)" : "replicas(" + replicas + ")",
                    "topology",
                    clusterAt != null ? clusterAt : replicasAt,
                    !resources.build().isEmpty(),
                    resources.source(),
                    "")) {
                return false;
            }
            if (cluster != null && replicasAt != null && replicas > 0) {
                problems.error(
                        RuleId.INVALID_REDIS_TOPOLOGY,
                        element,
                        "replicas(" + replicas + ") with cluster mode: a cluster takes replicas per master,"
                                + " cluster(nodes, replicasPerMaster)",
                        replicasAt);
                return false;
            }
            return true;
        }

        SourceLocation source() {
            return source;
        }

        Optional<String> name() {
            return Optional.ofNullable(name);
        }

        Redis build() {
            String releaseName =
                    release != null ? release : name != null ? name : cluster != null ? "redis-cluster" : "redis";
            boolean bitnami = hosting.get() instanceof Hosting.Bitnami;
            return new Redis(
                    releaseName,
                    cluster == null && bitnami ? Math.max(replicas, 0) : 0,
                    bitnami ? Optional.ofNullable(cluster) : Optional.empty(),
                    Optional.ofNullable(maxmemory),
                    Optional.ofNullable(policy),
                    resources.build(),
                    source,
                    safeMemoryShare,
                    Optional.ofNullable(name),
                    hosting.get());
        }
    }
}
