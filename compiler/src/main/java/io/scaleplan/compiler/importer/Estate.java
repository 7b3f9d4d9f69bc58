package io.scaleplan.compiler.importer;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PodAmount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the imported files say, gathered across files before the plan is written: each fact with
 * the place it was read, so that two files that disagree are reported and every comment in the
 * plan names its source line.
 */
final class Estate {
    final List<ImportProblem> problems = new ArrayList<>();
    /** Comments for the top of the plan (things no service or server owns). */
    final List<String> planComments = new ArrayList<>();

    Fact<String> planName;
    Fact<String> className;
    Fact<String> namespace;
    Fact<String> release;
    Fact<String> chart;
    /** The chart's path or reference as the plan gave it ({@code plan.yaml}'s release). */
    Fact<String> chartPath;
    /**
     * Who owned the HPAs and PDBs, as the platform chart's values say it: the first service whose
     * values turn the chart's own objects off for scaleplan's ({@code autoscaling.external: true}),
     * and the first whose values have the chart render them ({@code autoscaling.enabled: true}).
     */
    Fact<Boolean> externalScaling;

    Fact<Boolean> chartScaling;
    /** Whether an HPA or PDB manifest was read: then scaleplan's {@code k8s/} owns those objects. */
    boolean scalingManifests;

    /**
     * Who the imported plan makes the owner of the HPAs and PDBs: the chart when only its values
     * render them, else scaleplan's manifests (the DSL's default).
     */
    boolean chartOwnsScalingObjects() {
        return chartScaling != null && externalScaling == null && !scalingManifests;
    }

    final Map<String, ServiceFacts> services = new TreeMap<>();
    /** The release and chart reference of each namespace plan.yaml lists ({@code namespaces:}), by name. */
    final Map<String, Fact<Map.Entry<String, String>>> namespaceReleases = new java.util.LinkedHashMap<>();
    /** The chart each release's objects name ({@code app.kubernetes.io/name}), by release. */
    final Map<String, Fact<String>> releaseCharts = new java.util.LinkedHashMap<>();
    /** PodDisruptionBudgets whose service is decided once every file has been read. */
    final List<PendingPdb> pendingPdbs = new ArrayList<>();

    PostgresFacts postgres;
    RedisFacts redis;
    /** The named PostgreSQL and Redis instances ({@code postgres("orders", ...)}), in the plan's order. */
    final Map<String, PostgresFacts> namedPostgres = new LinkedHashMap<>();

    final Map<String, RedisFacts> namedRedis = new LinkedHashMap<>();
    /**
     * The named instance the file being read belongs to ({@code sql/orders/...}); {@code null} for
     * the default instance. {@link #postgres()} and {@link #redis()} answer for it.
     */
    String instance;

    /** Whether scaleplan's resolved plan ({@code plan.yaml}) was read: capacity, load and pools are then known. */
    boolean resolvedPlanRead;
    /** The services in the order the plan declared them ({@code plan.yaml}); others follow by name. */
    final List<String> serviceOrder = new ArrayList<>();
    /** Node pools by name, in the plan's order ({@code plan.yaml}). */
    final Map<String, NodePoolFacts> nodePools = new LinkedHashMap<>();
    /** Database clients other than the services ({@code plan.yaml}), in the plan's order. */
    final Map<String, Integer> databaseClients = new LinkedHashMap<>();
    /** The named database of each database client that has one ({@code plan.yaml}). */
    final Map<String, String> databaseClientDatabases = new LinkedHashMap<>();
    /** Rule severities by rule id ({@code plan.yaml}), as the DSL names them. */
    final Map<String, String> severities = new LinkedHashMap<>();
    /** Plan-wide suppressions ({@code plan.yaml}): rule id and reason. */
    final List<Map.Entry<String, String>> suppressions = new ArrayList<>();
    /** Pods metrics' sources by metric name (prometheus-adapter rules). */
    final Map<String, Fact<MetricSourceFact>> metricSources = new LinkedHashMap<>();
    /** The sources of Object metrics (adapter {@code rules:} naming another resource than pods), by metric. */
    final Map<String, Fact<MetricSourceFact>> objectSources = new LinkedHashMap<>();
    /** The sources of External metrics (adapter {@code externalRules:}), by metric. */
    final Map<String, Fact<MetricSourceFact>> externalSources = new LinkedHashMap<>();
    /** The event whose folder was imported: the plan is then its base and the event is written too. */
    EventReader.EventFacts event;
    /** The load profile the simulation replayed ({@code sim/load-test.js}). */
    Fact<LoadProfileFact> loadProfile;

    /** A node pool: bounds, allocatable and reserved resources, the provider's node group. */
    record NodePoolFacts(
            String name,
            int minNodes,
            int maxNodes,
            Cpu allocatableCpu,
            Memory allocatableMemory,
            Cpu reservedCpu,
            Memory reservedMemory,
            Optional<String> eksCluster,
            Optional<String> eksNodegroup,
            String where) {}

    /** Where a Pods metric comes from: a counter's rate over a window, or a gauge. */
    record MetricSourceFact(boolean rate, String series, long windowSeconds) {}

    /** A stage of a load profile: the rate reached at the end of {@code seconds} (0 for a step). */
    record Stage(long target, long seconds) {}

    /** A load profile: its name and each service's start rate and stages, in the profile's order. */
    record LoadProfileFact(String name, Map<String, Long> start, Map<String, List<Stage>> stages) {}

    /** A value and where it was read ({@code file:line}). */
    record Fact<T>(T value, String where) {
        Fact {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(where, "where");
        }
    }

    void warn(String file, int line, int column, String message) {
        problems.add(new ImportProblem(ImportProblem.Level.WARNING, file, line, column, message));
    }

    void warn(YamlTree at, String message) {
        warn(at.file(), at.line(), at.column(), message);
    }

    void note(String file, int line, String message) {
        problems.add(new ImportProblem(ImportProblem.Level.NOTE, file, line, 0, message));
    }

    void error(String file, int line, int column, String message) {
        problems.add(new ImportProblem(ImportProblem.Level.ERROR, file, line, column, message));
    }

    /**
     * {@code current} or, when absent, the new fact; when both exist and disagree, a warning names
     * both places and the later file wins (files are read in the order given).
     */
    <T> Fact<T> merge(Fact<T> current, T value, String where, String what) {
        if (current != null && !current.value().equals(value)) {
            int colon = where.lastIndexOf(':');
            String file = colon > 0 ? where.substring(0, colon) : where;
            int line = colon > 0 ? parseInt(where.substring(colon + 1)) : 0;
            warn(
                    file,
                    line,
                    0,
                    what + " is " + show(value) + " here but " + show(current.value()) + " at " + current.where()
                            + "; the plan takes " + show(value));
        }
        return new Fact<>(value, where);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    ServiceFacts service(String name) {
        return services.computeIfAbsent(name, ServiceFacts::new);
    }

    PostgresFacts postgres() {
        if (instance != null) {
            return namedPostgres.computeIfAbsent(instance, n -> new PostgresFacts());
        }
        if (postgres == null) {
            postgres = new PostgresFacts();
        }
        return postgres;
    }

    RedisFacts redis() {
        if (instance != null) {
            return namedRedis.computeIfAbsent(instance, n -> new RedisFacts());
        }
        if (redis == null) {
            redis = new RedisFacts();
        }
        return redis;
    }

    /** A container's requests and limits. */
    static final class ResourceFacts {
        Fact<Cpu> cpuRequest;
        Fact<Memory> memoryRequest;
        Fact<Cpu> cpuLimit;
        Fact<Memory> memoryLimit;

        boolean isEmpty() {
            return cpuRequest == null && memoryRequest == null && cpuLimit == null && memoryLimit == null;
        }
    }

    /** One HPA scaling policy: {@code Pods}/{@code Percent}, value, period in seconds. */
    record Policy(String type, int value, int periodSeconds) {}

    /** One direction of an HPA's behavior. */
    record Rules(Optional<Integer> stabilizationWindowSeconds, Optional<String> selectPolicy, List<Policy> policies) {
        Rules {
            policies = List.copyOf(policies);
        }
    }

    /** An HPA's behavior. */
    record BehaviorFacts(Optional<Rules> scaleUp, Optional<Rules> scaleDown) {}

    /** A Pods metric of an HPA. */
    record PodsMetricFact(String name, BigDecimal averageValue) {}

    /**
     * An External, Object or ContainerResource metric of an HPA: its type ({@code External},
     * {@code Object}, {@code ContainerResource}), the metric's name (the resource for
     * ContainerResource), the selector (External) or the described object's apiVersion, kind and
     * name (Object) or the container (ContainerResource), and the target: its {@code target.type} and
     * amount as written.
     */
    record OtherMetricFact(
            String type,
            String name,
            java.util.SortedMap<String, String> selector,
            List<String> object,
            String container,
            String targetType,
            String amount) {}

    /** A PodDisruptionBudget: {@code minAvailable} or {@code maxUnavailable} and the amount. */
    record BudgetFact(boolean minAvailable, PodAmount amount) {}

    /** What the files say about one service (a Deployment or StatefulSet of the platform chart). */
    static final class ServiceFacts {
        final String name;
        Fact<String> helmKey;
        Fact<Integer> replicas;
        Fact<Integer> minReplicas;
        Fact<Integer> maxReplicas;
        Fact<Integer> cpuUtilization;
        Fact<Integer> memoryUtilization;
        Fact<List<PodsMetricFact>> podsMetrics;
        Fact<List<OtherMetricFact>> otherMetrics;
        /** The metrics the resolved plan ({@code plan.yaml}) says are the service's request rate. */
        Fact<List<String>> requestRates;
        /** The named database the service connects to ({@code plan.yaml}), else the default. */
        Fact<String> database;

        Fact<BehaviorFacts> behavior;
        /** The HPA object that autoscales it: {@code name} and where, to find a second one. */
        Fact<String> hpa;

        Fact<Boolean> autoscalingEnabled;
        /** The chart's values say scaleplan's manifest autoscales it ({@code autoscaling.external: true}). */
        Fact<Boolean> autoscalingExternal;

        final ResourceFacts resources = new ResourceFacts();
        Fact<BudgetFact> budget;
        Fact<PodAmount> rolloutSurge;
        /** The kind of the scale target, when a StatefulSet or an HPA's target says it; a Deployment otherwise. */
        Fact<io.scaleplan.dsl.WorkloadKind> workload;

        Fact<io.scaleplan.dsl.PodManagement> podManagement;
        /** What only the resolved plan ({@code plan.yaml}) says: capacity, load, pool, node pool. */
        Fact<Long> capacityPerPod;

        Fact<String> headroom;
        Fact<Long> expectedLoad;
        Fact<Integer> connectionPoolSize;
        /** The namespace its objects name ({@code metadata.namespace}) or plan.yaml gives it. */
        Fact<String> namespace;
        /** The Helm release its objects' labels or its values file name. */
        Fact<String> release;

        Fact<String> nodePool;
        /** Service-level suppressions: rule id and reason. */
        final List<Map.Entry<String, String>> suppressions = new ArrayList<>();

        final List<String> comments = new ArrayList<>();
        /**
         * Whether a Kubernetes object (HPA, Deployment) or the resolved plan ({@code plan.yaml}) names
         * it: its name is then the Deployment's.
         */
        boolean fromKubernetes;

        ServiceFacts(String name) {
            this.name = name;
        }

        /** Takes every fact of {@code other} this one lacks: the same service read under another name. */
        void absorb(ServiceFacts other) {
            helmKey = helmKey != null ? helmKey : other.helmKey;
            replicas = replicas != null ? replicas : other.replicas;
            minReplicas = minReplicas != null ? minReplicas : other.minReplicas;
            maxReplicas = maxReplicas != null ? maxReplicas : other.maxReplicas;
            cpuUtilization = cpuUtilization != null ? cpuUtilization : other.cpuUtilization;
            memoryUtilization = memoryUtilization != null ? memoryUtilization : other.memoryUtilization;
            podsMetrics = podsMetrics != null ? podsMetrics : other.podsMetrics;
            otherMetrics = otherMetrics != null ? otherMetrics : other.otherMetrics;
            requestRates = requestRates != null ? requestRates : other.requestRates;
            behavior = behavior != null ? behavior : other.behavior;
            autoscalingEnabled = autoscalingEnabled != null ? autoscalingEnabled : other.autoscalingEnabled;
            budget = budget != null ? budget : other.budget;
            rolloutSurge = rolloutSurge != null ? rolloutSurge : other.rolloutSurge;
            workload = workload != null ? workload : other.workload;
            podManagement = podManagement != null ? podManagement : other.podManagement;
            capacityPerPod = capacityPerPod != null ? capacityPerPod : other.capacityPerPod;
            headroom = headroom != null ? headroom : other.headroom;
            expectedLoad = expectedLoad != null ? expectedLoad : other.expectedLoad;
            connectionPoolSize = connectionPoolSize != null ? connectionPoolSize : other.connectionPoolSize;
            nodePool = nodePool != null ? nodePool : other.nodePool;
            suppressions.addAll(other.suppressions);
            resources.cpuRequest = resources.cpuRequest != null ? resources.cpuRequest : other.resources.cpuRequest;
            resources.memoryRequest =
                    resources.memoryRequest != null ? resources.memoryRequest : other.resources.memoryRequest;
            resources.cpuLimit = resources.cpuLimit != null ? resources.cpuLimit : other.resources.cpuLimit;
            resources.memoryLimit = resources.memoryLimit != null ? resources.memoryLimit : other.resources.memoryLimit;
            comments.addAll(other.comments);
        }

        boolean isAutoscaled() {
            if (autoscalingEnabled != null) {
                return autoscalingEnabled.value();
            }
            return hpa != null || maxReplicas != null;
        }
    }

    /**
     * A service read from chart values under a key whose kebab case names no Deployment
     * ({@code cartService}) is the one Kubernetes object of the same scale that has no values key
     * ({@code cart}), when there is exactly one.
     */
    void reconcileHelmKeys() {
        for (ServiceFacts values : List.copyOf(services.values())) {
            if (values.fromKubernetes || values.helmKey == null) {
                continue;
            }
            String key = values.helmKey.value();
            List<ServiceFacts> byDefaultKey = services.values().stream()
                    .filter(k -> k.fromKubernetes && k.helmKey == null)
                    .filter(k -> ChartHandles.lowerCamel(k.name).equals(key))
                    .toList();
            if (byDefaultKey.size() == 1) {
                // the service's default key (usageMetering for usage-metering, billing00020 for billing-00020)
                byDefaultKey.get(0).absorb(values);
                services.remove(values.name);
                continue;
            }
            List<ServiceFacts> candidates = services.values().stream()
                    .filter(k -> k.fromKubernetes && k.helmKey == null)
                    .filter(k -> values.autoscalingExternal != null
                            ? k.isAutoscaled()
                            : k.isAutoscaled() == values.isAutoscaled())
                    .filter(k -> same(k.minReplicas, values.minReplicas) && same(k.maxReplicas, values.maxReplicas))
                    .toList();
            if (candidates.size() == 1) {
                ServiceFacts k = candidates.get(0);
                note(
                        values.helmKey
                                .where()
                                .substring(0, Math.max(0, values.helmKey.where().lastIndexOf(':'))),
                        0,
                        "values key " + values.helmKey.value() + " is taken for service " + k.name
                                + " (the only Kubernetes object of the same scale without a values key)");
                k.absorb(values);
                services.remove(values.name);
            }
        }
    }

    private static boolean same(Fact<?> a, Fact<?> b) {
        return a == null || b == null || a.value().equals(b.value());
    }

    /** A PodDisruptionBudget read before it is known which service it protects. */
    record PendingPdb(
            String name, Map<String, String> matchLabels, BudgetFact budget, YamlTree at, List<String> extra) {}

    /** Whether a file says a setting was stated or derived (scaleplan's own scripts say so). */
    enum Origin {
        STATED,
        DERIVED,
        UNKNOWN
    }

    /** A PostgreSQL setting as read: its value as PostgreSQL reads it, where, and its origin. */
    record Setting(String name, String value, String where, Origin origin) {}

    /** An index to build. */
    record IndexFact(String name, String table, List<String> columns, String where) {}

    /** What the files say about PostgreSQL (the Bitnami postgresql chart). */
    static final class PostgresFacts {
        Fact<String> release;
        Fact<Integer> majorVersion;
        Fact<Integer> readReplicas;
        final ResourceFacts resources = new ResourceFacts();
        /** Settings by name, in the order first read; the last value read wins. */
        final Map<String, Setting> settings = new LinkedHashMap<>();

        final List<IndexFact> indexes = new ArrayList<>();
        final List<String> vacuumAnalyze = new ArrayList<>();
        /** PgTune's inputs when a scaleplan-generated script names them. */
        String workload;

        String storage;
        String databaseSize;
        /** The machine PgTune derived for, when a scaleplan-generated file names it ({@code 2 vCPUs, memory 1GB}). */
        Integer vcpus;

        String memory;
        /** Where the server lives, as {@code plan.yaml} says: {@code inChart: orders-db ...}, {@code managed: AWS_RDS id}. */
        Hosting hosting;

        final List<String> comments = new ArrayList<>();
    }

    /**
     * Where an instance lives when it is not a Bitnami release: a workload of the team's chart
     * ({@code service} empty; {@code configFile} whether it runs with one), or a managed service.
     */
    record Hosting(String workload, boolean configFile, String service, String identifier) {
        boolean managed() {
            return service != null;
        }
    }

    /** What the files say about Redis (the Bitnami redis or redis-cluster chart). */
    static final class RedisFacts {
        Fact<String> release;
        Fact<Integer> replicas;
        Fact<Integer> clusterNodes;
        Fact<Integer> clusterReplicas;
        Fact<Memory> maxmemory;
        Fact<String> evictionPolicy;
        Hosting hosting;
        final ResourceFacts resources = new ResourceFacts();
        final List<String> comments = new ArrayList<>();
    }
}
