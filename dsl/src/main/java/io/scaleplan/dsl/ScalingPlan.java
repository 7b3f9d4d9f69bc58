package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A scaling plan: the services of one Helm release in one namespace, with how each is scaled. The
 * entry point for plan authors is {@link #builder(String)}; units come from {@link Units}. An estate
 * across namespaces declares a {@link Namespace} block per further namespace, each with its own
 * release ({@link Builder#namespace(String, Consumer)}); node fit, the connection budget and
 * capacity are summed over all of them.
 *
 * <p>This plan:
 *
 * <pre>{@code
 * import static io.scaleplan.dsl.Units.*;
 *
 * ScalingPlan.builder("production")
 *         .namespace("arka-system")
 *         .helmRelease("arka", "./arka-engine")
 *         .service("usage-metering", s -> s
 *                 .requests(cores(1), gib(2))
 *                 .limits(cores(2), gib(4))
 *                 .autoscale(a -> a
 *                         .replicas(3, 20)
 *                         .cpuUtilization(percent(70))
 *                         .podsMetric("http_requests_per_second", 1_000))
 *                 .maxUnavailable(pods(1)))
 *         .build();
 * }</pre>
 *
 * compiles, among other files, to {@code generated/production/k8s/usage-metering-hpa.yaml}:
 *
 * <pre>
 * apiVersion: autoscaling/v2
 * kind: HorizontalPodAutoscaler
 * metadata:
 *   name: usage-metering-hpa
 *   namespace: arka-system
 *   labels: ...
 * spec:
 *   scaleTargetRef:
 *     apiVersion: apps/v1
 *     kind: Deployment
 *     name: usage-metering
 *   minReplicas: 3
 *   maxReplicas: 20
 *   metrics:
 *     - type: Resource
 *       resource:
 *         name: cpu
 *         target:
 *           type: Utilization
 *           averageUtilization: 70
 *     - type: Pods
 *       pods:
 *         metric:
 *           name: http_requests_per_second
 *         target:
 *           type: AverageValue
 *           averageValue: 1k
 * </pre>
 *
 * and to {@code generated/production/helm/arka-values.yaml}:
 *
 * <pre>
 * usageMetering:
 *   autoscaling:
 *     enabled: true
 *     minReplicas: 3
 *     maxReplicas: 20
 *     targetCPUUtilizationPercentage: 70
 *   resources:
 *     requests:
 *       cpu: "1"
 *       memory: 2Gi
 *     limits:
 *       cpu: "2"
 *       memory: 4Gi
 * </pre>
 *
 * @param name the plan's name, a DNS-1123 label; its outputs go to {@code generated/<name>/}
 * @param namespace the Kubernetes namespace of the services (of a plan across namespaces, its first)
 * @param release the Helm release the values overlay is for (of a plan across namespaces, its first
 *     namespace's)
 * @param services the services, in declaration order; names and Helm keys are unique
 * @param nodePools the node pools the pods run on; names are unique
 * @param databaseClients PostgreSQL clients outside the services, for the connection budget
 * @param ruleSettings severity overrides and suppressions
 * @param source where {@code builder(...)} was called
 * @param postgres the plan's PostgreSQL server, if it has one
 * @param redis the plan's Redis, if it has one
 * @param loadProfile the traffic {@code scaleplan simulate} replays, if the plan has one
 * @param namespaces every namespace of the plan with its release and services, in declaration
 *     order; the first is {@code namespace} with {@code release}. An empty list means that one only,
 *     holding every service
 * @param namedPostgres the plan's further PostgreSQL instances, each with a name ({@code
 *     postgres("orders", ...)}), in declaration order
 * @param namedRedis the plan's further Redis instances, each with a name, in declaration order
 */
public record ScalingPlan(
        String name,
        String namespace,
        HelmRelease release,
        List<Service> services,
        List<NodePool> nodePools,
        List<DatabaseClient> databaseClients,
        RuleSettings ruleSettings,
        SourceLocation source,
        java.util.Optional<Postgres> postgres,
        java.util.Optional<Redis> redis,
        java.util.Optional<LoadProfile> loadProfile,
        List<Namespace> namespaces,
        List<Postgres> namedPostgres,
        List<Redis> namedRedis) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ScalingPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(release, "release");
        services = List.copyOf(services);
        nodePools = List.copyOf(nodePools);
        databaseClients = List.copyOf(databaseClients);
        Objects.requireNonNull(ruleSettings, "ruleSettings");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(loadProfile, "loadProfile");
        namedPostgres = List.copyOf(namedPostgres);
        namedRedis = List.copyOf(namedRedis);
        postgres.ifPresent(pg -> {
            if (pg.name().isPresent()) {
                throw new IllegalArgumentException(
                        "the default PostgreSQL has a name: " + pg.name().get());
            }
        });
        redis.ifPresent(r -> {
            if (r.name().isPresent()) {
                throw new IllegalArgumentException(
                        "the default Redis has a name: " + r.name().get());
            }
        });
        java.util.Set<String> pgNames = new java.util.HashSet<>();
        for (Postgres pg : namedPostgres) {
            if (!pgNames.add(
                    pg.name().orElseThrow(() -> new IllegalArgumentException("a named PostgreSQL without a name")))) {
                throw new IllegalArgumentException(
                        "PostgreSQL instance declared twice: " + pg.name().get());
            }
        }
        java.util.Set<String> redisNames = new java.util.HashSet<>();
        for (Redis r : namedRedis) {
            if (!redisNames.add(
                    r.name().orElseThrow(() -> new IllegalArgumentException("a named Redis without a name")))) {
                throw new IllegalArgumentException(
                        "Redis instance declared twice: " + r.name().get());
            }
        }
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid plan name: " + Names.show(name));
        }
        if (!Names.isDns1123Label(namespace)) {
            throw new IllegalArgumentException("not a valid namespace: " + Names.show(namespace));
        }
        Map<String, Service> byName = new LinkedHashMap<>();
        for (Service s : services) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("service declared twice: " + s.name());
            }
        }
        namespaces = namespaces.isEmpty()
                ? List.of(new Namespace(namespace, release, List.copyOf(byName.keySet()), source))
                : List.copyOf(namespaces);
        checkNamespaces(namespace, release, namespaces, byName);
    }

    private static void checkNamespaces(
            String namespace, HelmRelease release, List<Namespace> namespaces, Map<String, Service> byName) {
        if (!namespaces.get(0).name().equals(namespace)
                || !namespaces.get(0).release().equals(release)) {
            throw new IllegalArgumentException("the first namespace is not the plan's namespace and release: "
                    + namespaces.get(0).name() + ", " + namespace);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> releases = new java.util.HashSet<>();
        Map<String, String> placed = new LinkedHashMap<>();
        for (Namespace ns : namespaces) {
            if (!names.add(ns.name())) {
                throw new IllegalArgumentException("namespace declared twice: " + ns.name());
            }
            if (!ns.release().isPlainManifests() && !releases.add(ns.release().name())) {
                throw new IllegalArgumentException(
                        "Helm release in two namespaces: " + ns.release().name());
            }
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (String service : ns.services()) {
                Service s = byName.get(service);
                if (s == null) {
                    throw new IllegalArgumentException("namespace " + ns.name() + " names no service: " + service);
                }
                if (placed.putIfAbsent(service, ns.name()) != null) {
                    throw new IllegalArgumentException("service in two namespaces: " + service);
                }
                if (!keys.add(s.helmKey())) {
                    throw new IllegalArgumentException("Helm values key used twice: " + s.helmKey());
                }
            }
        }
        if (placed.size() != byName.size()) {
            throw new IllegalArgumentException("services in no namespace: "
                    + byName.keySet().stream()
                            .filter(n -> !placed.containsKey(n))
                            .toList());
        }
    }

    /** A plan with at most one PostgreSQL and one Redis: the record as it was before instances had names. */
    public ScalingPlan(
            String name,
            String namespace,
            HelmRelease release,
            List<Service> services,
            List<NodePool> nodePools,
            List<DatabaseClient> databaseClients,
            RuleSettings ruleSettings,
            SourceLocation source,
            java.util.Optional<Postgres> postgres,
            java.util.Optional<Redis> redis,
            java.util.Optional<LoadProfile> loadProfile) {
        this(
                name,
                namespace,
                release,
                services,
                nodePools,
                databaseClients,
                ruleSettings,
                source,
                postgres,
                redis,
                loadProfile,
                List.of(),
                List.of(),
                List.of());
    }

    /** Every PostgreSQL instance: the default (unnamed) one first, if any, then the named ones in declaration order. */
    public List<Postgres> databases() {
        List<Postgres> out = new ArrayList<>();
        postgres.ifPresent(out::add);
        out.addAll(namedPostgres);
        return List.copyOf(out);
    }

    /** Every Redis instance: the default (unnamed) one first, if any, then the named ones in declaration order. */
    public List<Redis> caches() {
        List<Redis> out = new ArrayList<>();
        redis.ifPresent(out::add);
        out.addAll(namedRedis);
        return List.copyOf(out);
    }

    /** The PostgreSQL instance named {@code instance}, if the plan has one. */
    public java.util.Optional<Postgres> database(String instance) {
        return namedPostgres.stream()
                .filter(p -> p.name().orElseThrow().equals(instance))
                .findFirst();
    }

    /**
     * The PostgreSQL instance that {@code database} (a service's or client's {@code database(...)})
     * means: the one it names, else the plan's default (unnamed) one, else its only one. Empty when
     * it names none that exists, or names none and the plan has several, all named.
     */
    public java.util.Optional<Postgres> databaseFor(java.util.Optional<String> database) {
        if (database.isPresent()) {
            return database(database.get());
        }
        if (postgres.isPresent()) {
            return postgres;
        }
        return namedPostgres.size() == 1 ? java.util.Optional.of(namedPostgres.get(0)) : java.util.Optional.empty();
    }

    /** The PostgreSQL instance {@code service}'s pool connects to; see {@link #databaseFor(java.util.Optional)}. */
    public java.util.Optional<Postgres> databaseOf(Service service) {
        return databaseFor(service.database());
    }

    /** Starts a plan named {@code name}: a DNS-1123 label, also the folder of its outputs. */
    public static Builder builder(String name) {
        DeclaredName.plan(name);
        return new Builder(name, SourceLocation.capture());
    }

    /** Whether the plan's services live in more than one namespace. */
    public boolean spansNamespaces() {
        return namespaces.size() > 1;
    }

    /** The namespace {@code service}, one of the plan's, lives in. */
    public Namespace namespaceOf(Service service) {
        if (!spansNamespaces()) {
            return namespaces.get(0);
        }
        return namespaces.stream()
                .filter(ns -> ns.contains(service))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("not a service of plan " + name + ": " + service.name()));
    }

    /**
     * The plan as one namespace sees it: only {@code ns}'s services, {@code ns} and its release as
     * the plan's; node pools, the data tier and the rest as they are. What the outputs written per
     * release (values overlays, chart renders) and the objects' namespaces and labels are made from;
     * never what the rules sum over. A plan with one namespace is its own.
     */
    public ScalingPlan inNamespace(Namespace ns) {
        if (!namespaces.contains(ns)) {
            throw new IllegalArgumentException("not a namespace of plan " + name + ": " + ns.name());
        }
        if (!spansNamespaces()) {
            return this;
        }
        return toBuilder()
                .namespace(ns.name())
                .release(ns.release())
                .services(services.stream().filter(ns::contains).toList())
                .namespaces(List.of())
                .build();
    }

    /** {@link #inNamespace(Namespace)} of every namespace, in declaration order. */
    public List<ScalingPlan> byNamespace() {
        return spansNamespaces() ? namespaces.stream().map(this::inNamespace).toList() : List.of(this);
    }

    /** The node pool named {@code poolName}, if the plan has one. */
    public java.util.Optional<NodePool> nodePool(String poolName) {
        return nodePools.stream().filter(p -> p.name().equals(poolName)).findFirst();
    }

    /**
     * The pool {@code service} runs on: the one it names, or the plan's only pool. Empty when the
     * plan declares no pool, or several and the service names none (or an unknown one).
     */
    public java.util.Optional<NodePool> poolOf(Service service) {
        return service.nodePool().isPresent()
                ? nodePool(service.nodePool().get())
                : nodePools.size() == 1 ? java.util.Optional.of(nodePools.get(0)) : java.util.Optional.empty();
    }

    /**
     * This plan under another name, with {@code newServices}, {@code newNodePools} and {@code
     * newPostgres} in place of its own, and the
     * source of the definition that derived it: how an {@link EventPlan}'s phases are made. The
     * load profile stays: a phase changes the plan, not the traffic.
     */
    public ScalingPlan derive(
            String newName,
            List<Service> newServices,
            List<NodePool> newNodePools,
            java.util.Optional<Postgres> newPostgres,
            SourceLocation newSource) {
        return toBuilder()
                .name(newName)
                .services(newServices)
                .nodePools(newNodePools)
                .postgres(newPostgres)
                .source(newSource)
                .build();
    }

    /** As {@link #derive(String, List, List, java.util.Optional, SourceLocation)}, with the named PostgreSQL instances too. */
    public ScalingPlan derive(
            String newName,
            List<Service> newServices,
            List<NodePool> newNodePools,
            java.util.Optional<Postgres> newPostgres,
            List<Postgres> newNamedPostgres,
            SourceLocation newSource) {
        return toBuilder()
                .name(newName)
                .services(newServices)
                .nodePools(newNodePools)
                .postgres(newPostgres)
                .namedPostgres(newNamedPostgres)
                .source(newSource)
                .build();
    }

    /**
     * A copy of this plan to change, as an event phase derives its plan: {@code
     * plan.toBuilder().services(raised).build()}. Unlike {@link #builder(String)}, it sets the
     * record's fields as they are and {@link Copy#build()} checks them as the record does,
     * throwing {@link IllegalArgumentException}.
     */
    public Copy toBuilder() {
        return new Copy(this);
    }

    /** A {@link ScalingPlan} being derived from another: every field starts as the original's. */
    public static final class Copy {
        private String name;
        private String namespace;
        private HelmRelease release;
        private List<Service> services;
        private List<NodePool> nodePools;
        private List<DatabaseClient> databaseClients;
        private RuleSettings ruleSettings;
        private SourceLocation source;
        private java.util.Optional<Postgres> postgres;
        private java.util.Optional<Redis> redis;
        private java.util.Optional<LoadProfile> loadProfile;
        private List<Namespace> namespaces;
        private List<Postgres> namedPostgres;
        private List<Redis> namedRedis;

        private Copy(ScalingPlan p) {
            name = p.name;
            namespace = p.namespace;
            release = p.release;
            services = p.services;
            nodePools = p.nodePools;
            databaseClients = p.databaseClients;
            ruleSettings = p.ruleSettings;
            source = p.source;
            postgres = p.postgres;
            redis = p.redis;
            loadProfile = p.loadProfile;
            // one namespace is derived again from the copy's namespace, release and services
            namespaces = p.spansNamespaces() ? p.namespaces : List.of();
            namedPostgres = p.namedPostgres;
            namedRedis = p.namedRedis;
        }

        /** See {@link ScalingPlan#name()}. */
        public Copy name(String newName) {
            this.name = newName;
            return this;
        }

        /** See {@link ScalingPlan#namespace()}. */
        public Copy namespace(String newNamespace) {
            this.namespace = newNamespace;
            return this;
        }

        /** See {@link ScalingPlan#release()}. */
        public Copy release(HelmRelease newRelease) {
            this.release = newRelease;
            return this;
        }

        /** See {@link ScalingPlan#services()}. */
        public Copy services(List<Service> newServices) {
            this.services = newServices;
            return this;
        }

        /** See {@link ScalingPlan#nodePools()}. */
        public Copy nodePools(List<NodePool> newNodePools) {
            this.nodePools = newNodePools;
            return this;
        }

        /** See {@link ScalingPlan#databaseClients()}. */
        public Copy databaseClients(List<DatabaseClient> newClients) {
            this.databaseClients = newClients;
            return this;
        }

        /** See {@link ScalingPlan#ruleSettings()}. */
        public Copy ruleSettings(RuleSettings newSettings) {
            this.ruleSettings = newSettings;
            return this;
        }

        /** See {@link ScalingPlan#source()}. */
        public Copy source(SourceLocation newSource) {
            this.source = newSource;
            return this;
        }

        /** See {@link ScalingPlan#postgres()}. */
        public Copy postgres(java.util.Optional<Postgres> newPostgres) {
            this.postgres = newPostgres;
            return this;
        }

        /** See {@link ScalingPlan#redis()}. */
        public Copy redis(java.util.Optional<Redis> newRedis) {
            this.redis = newRedis;
            return this;
        }

        /** See {@link ScalingPlan#loadProfile()}. */
        public Copy loadProfile(java.util.Optional<LoadProfile> newLoadProfile) {
            this.loadProfile = newLoadProfile;
            return this;
        }

        /** See {@link ScalingPlan#namespaces()}; empty for one namespace holding every service. */
        public Copy namespaces(List<Namespace> newNamespaces) {
            this.namespaces = newNamespaces;
            return this;
        }

        /** See {@link ScalingPlan#namedPostgres()}. */
        public Copy namedPostgres(List<Postgres> newNamedPostgres) {
            this.namedPostgres = newNamedPostgres;
            return this;
        }

        /** See {@link ScalingPlan#namedRedis()}. */
        public Copy namedRedis(List<Redis> newNamedRedis) {
            this.namedRedis = newNamedRedis;
            return this;
        }

        /** The derived plan, checked as the record checks every plan. */
        public ScalingPlan build() {
            return new ScalingPlan(
                    name,
                    namespace,
                    release,
                    services,
                    nodePools,
                    databaseClients,
                    ruleSettings,
                    source,
                    postgres,
                    redis,
                    loadProfile,
                    namespaces,
                    namedPostgres,
                    namedRedis);
        }
    }

    /** The service named {@code serviceName}, if the plan has one. */
    public java.util.Optional<Service> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    /**
     * Builds a {@link ScalingPlan}. Every method checks its argument where it is called; {@link
     * #build()} checks the whole and throws a {@link PlanDefinitionException} listing every
     * problem, each with the source line of the call that caused it.
     */
    public static final class Builder {
        private final Problems problems = new Problems();
        private final String name;
        private final PlanElement element;
        private final SourceLocation source;
        /** The plan's own namespace, release and services: what the calls outside a namespace block declare. */
        private final Namespace.Builder primary;
        /** The further namespaces, {@link #namespace(String, Consumer)}. */
        private final List<Namespace.Builder> blocks = new ArrayList<>();

        private final List<NodePool.Builder> nodePools = new ArrayList<>();
        private final List<DatabaseClient> databaseClients = new ArrayList<>();
        private final Map<String, Severity> severities = new java.util.TreeMap<>();
        private final List<Suppression> suppressions = new ArrayList<>();
        private Postgres.Builder postgres;
        private Redis.Builder redis;
        private LoadProfile.Builder loadProfile;
        private final Map<String, Postgres.Builder> namedPostgres = new LinkedHashMap<>();
        private final Map<String, Redis.Builder> namedRedis = new LinkedHashMap<>();

        Builder(String name, SourceLocation source) {
            this.source = source;
            problems.requireLabel(PlanElement.plan("plan " + Names.show(name)), "plan name", name, source);
            this.name = name;
            this.element = PlanElement.plan(name);
            this.primary = new Namespace.Builder(problems, name, null, source);
        }

        /** The Kubernetes namespace of the plan's services; a DNS-1123 label. Default {@code default}. */
        public Builder namespace(String namespace) {
            problems.requireLabel(element, "namespace", namespace);
            primary.name(namespace);
            return this;
        }

        /**
         * Adds a further namespace, with its own Helm release and services: {@code
         * namespace("payments", ns -> ns.helmRelease("payments", "./charts/payments").service("ledger",
         * s -> ...))}. The calls outside any block declare the plan's own namespace ({@link
         * #namespace(String)}); a plan may also consist of blocks only. Node pools, the data tier,
         * database clients and the load profile stay the plan's: the rules add up node fit, the
         * connection budget and capacity across all namespaces. See {@link Namespace}.
         */
        public Builder namespace(String namespace, Consumer<Namespace.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            problems.requireLabel(element, "namespace", namespace, at);
            Namespace.Builder b = new Namespace.Builder(problems, name, namespace, at);
            spec.accept(b);
            blocks.add(b);
            return this;
        }

        /**
         * The Helm release the values overlay is for and the chart it installs, as {@code helm
         * upgrade RELEASE CHART} takes them: {@code helmRelease("arka", "./arka-engine")}.
         */
        public Builder helmRelease(String release, String chartReference) {
            primary.helmRelease(release, chartReference);
            return this;
        }

        /**
         * Who creates the services' HorizontalPodAutoscalers and PodDisruptionBudgets: {@link
         * ObjectOwner#SCALEPLAN} (default; standalone manifests in {@code k8s/}, the chart's own
         * turned off) or {@link ObjectOwner#CHART} (the platform chart renders them from the values
         * overlay; no manifests). Never both: one owner per object.
         */
        public Builder scalingObjects(ObjectOwner owner) {
            primary.scalingObjects(owner);
            return this;
        }

        /**
         * The services are Deployments the team applies from plain manifests or kustomize, not from
         * a Helm chart: no values overlay and no {@code helm upgrade}; the HPAs and PDBs are
         * standalone manifests selecting {@code app.kubernetes.io/name: <service>}, and fixed replica
         * counts and resources are kustomize patches of the Deployments ({@code k8s/patches/}, a
         * Component for the team's overlay).
         * Instead of {@link #helmRelease(String, String)}.
         */
        public Builder plainManifests() {
            primary.plainManifests();
            return this;
        }

        /**
         * Where the release's chart keeps the values scaleplan writes: {@link
         * ChartLayout#ARKA_ENGINE} (the default), {@link ChartLayout#HELM_CREATE}, {@link
         * ChartLayout#BITNAMI}, {@link ChartLayout#BITNAMI_FLAT}, or the chart's own, declared with
         * {@link ChartLayout#builder(String)}.
         */
        public Builder chartLayout(ChartLayout layout) {
            primary.chartLayout(layout);
            return this;
        }

        /**
         * Adds a service: the Deployment {@code serviceName} (a DNS-1123 label), configured by
         * {@code spec}. Services are emitted in name order, so reordering them changes nothing.
         */
        public Builder service(String serviceName, Consumer<Service.Builder> spec) {
            primary.service(serviceName, spec);
            return this;
        }

        /**
         * Declares a node pool the pods run on, checked for fit at maxReplicas:
         * {@code p -> p.allocatable(millicores(3_920), gib(14)).nodes(3, 20)}.
         */
        public Builder nodePool(String poolName, Consumer<NodePool.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            problems.requireLabel(element.nodePool(poolName), "node pool", poolName, at);
            NodePool.Builder b = new NodePool.Builder(problems, name, poolName, at);
            spec.accept(b);
            nodePools.add(b);
            return this;
        }

        /**
         * The plan's PostgreSQL server (Bitnami {@code postgresql} chart), tuning SQL and
         * maintenance: {@code pg -> pg.limits(cores(4), gib(16)).readReplicas(3)}. See {@link
         * Postgres}.
         */
        public Builder postgres(Consumer<Postgres.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            if (postgres != null) {
                problems.error(
                        RuleId.DATA_TIER_TWICE,
                        element.postgres(),
                        "postgres(...) is declared twice (first at " + postgres.source() + ")",
                        at);
                return this;
            }
            Postgres.Builder b = new Postgres.Builder(problems, name, at);
            spec.accept(b);
            postgres = b;
            return this;
        }

        /**
         * A further PostgreSQL instance, named {@code instanceName} (a DNS-1123 label): {@code
         * postgres("orders", pg -> pg.inChart("orders-db").instance(4, gib(16)))}. Services and
         * clients connect to it with {@code database("orders")}; its connection budget is its own.
         * Where it lives is its own too: a Bitnami release (default, named {@code instanceName}),
         * {@link Postgres.Builder#inChart(String)} or {@link Postgres.Builder#managed(ManagedService,
         * String)}. Its SQL goes to {@code sql/<instanceName>/}. A name declared twice is SP027.
         */
        public Builder postgres(String instanceName, Consumer<Postgres.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            PlanElement e = element.postgres(String.valueOf(instanceName));
            if (!problems.requireLabel(e, "PostgreSQL instance name", instanceName, at)) {
                return this;
            }
            Postgres.Builder first = namedPostgres.get(instanceName);
            if (first != null) {
                problems.error(
                        RuleId.DATA_TIER_TWICE,
                        e,
                        "PostgreSQL " + Names.show(instanceName) + " is declared twice (first at " + first.source()
                                + ")",
                        at);
                return this;
            }
            Postgres.Builder b = new Postgres.Builder(problems, name, instanceName, at);
            spec.accept(b);
            namedPostgres.put(instanceName, b);
            return this;
        }

        /**
         * A further Redis instance, named {@code instanceName}: {@code redis("cart", r ->
         * r.inChart("redis-cart").maxmemory(mib(256)))}. Where it lives is its own: a Bitnami
         * release (default, named {@code instanceName}), {@link Redis.Builder#inChart(String)} or
         * {@link Redis.Builder#managed(ManagedService, String)}. Its files go to {@code
         * redis/<instanceName>/}. A name declared twice is SP027.
         */
        public Builder redis(String instanceName, Consumer<Redis.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            PlanElement e = element.redis(String.valueOf(instanceName));
            if (!problems.requireLabel(e, "Redis instance name", instanceName, at)) {
                return this;
            }
            Redis.Builder first = namedRedis.get(instanceName);
            if (first != null) {
                problems.error(
                        RuleId.DATA_TIER_TWICE,
                        e,
                        "Redis " + Names.show(instanceName) + " is declared twice (first at " + first.source() + ")",
                        at);
                return this;
            }
            Redis.Builder b = new Redis.Builder(problems, name, instanceName, at);
            spec.accept(b);
            namedRedis.put(instanceName, b);
            return this;
        }

        /**
         * As {@link #databaseClient(String, int)}, for a client of the PostgreSQL instance {@code
         * database} ({@code postgres("orders", ...)}): counted in that instance's budget.
         */
        public Builder databaseClient(String clientName, int connections, String database) {
            SourceLocation at = SourceLocation.capture();
            if (!problems.requireLabel(element, "database", database, at)) {
                return this;
            }
            int before = databaseClients.size();
            databaseClient(clientName, connections);
            if (databaseClients.size() > before) {
                DatabaseClient c = databaseClients.remove(before);
                databaseClients.add(new DatabaseClient(c.name(), c.connections(), at, java.util.Optional.of(database)));
            }
            return this;
        }

        /**
         * Declares a PostgreSQL client outside the services (a job, a BI tool, admin sessions)
         * that holds up to {@code connections} connections, counted in the connection budget.
         */
        public Builder databaseClient(String clientName, int connections) {
            SourceLocation at = SourceLocation.capture();
            if (!problems.requireLabel(element, "database client", clientName, at)) {
                return this;
            }
            if (connections < 1) {
                problems.error(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "database client " + Names.show(clientName) + " connections must be at least 1, was "
                                + connections,
                        at);
            } else {
                databaseClients.add(new DatabaseClient(clientName, connections, at));
            }
            return this;
        }

        /**
         * Reports rule {@code ruleId} at {@code severity} instead of its default: raise a warning
         * to an error for this plan, or lower one.
         */
        public Builder severity(String ruleId, Severity severity) {
            Objects.requireNonNull(severity, "severity");
            if (!RuleId.isWellFormed(ruleId)) {
                problems.errorHere(
                        RuleId.INVALID_RULE_SETTING,
                        element,
                        "severity(" + Names.show(ruleId) + ", ...): not a rule id (SP and three digits)");
            } else {
                severities.put(ruleId, severity);
            }
            return this;
        }

        /**
         * Reports {@code rule} at {@code severity} instead of its default: {@code
         * severity(RuleId.RATE_TARGET_WITHOUT_HEADROOM, Severity.ERROR)}, the same as {@code
         * severity("SP105", Severity.ERROR)}.
         */
        public Builder severity(RuleId rule, Severity severity) {
            return severity(Objects.requireNonNull(rule, "rule").id(), severity);
        }

        /**
         * Accepts every finding of rule {@code ruleId} in this plan, with the reason a reviewer
         * reads. Prefer {@link Service.Builder#suppress(String, String)} for one service.
         */
        public Builder suppress(String ruleId, String reason) {
            Suppression s = RuleSettings.suppression(problems, element, ruleId, java.util.Optional.empty(), reason);
            if (s != null) {
                suppressions.add(s);
            }
            return this;
        }

        /** As {@link #suppress(String, String)}, naming the rule by its constant. */
        public Builder suppress(RuleId rule, String reason) {
            return suppress(Objects.requireNonNull(rule, "rule").id(), reason);
        }

        /**
         * Adds a service by its typed handle, generated from the chart ({@link HelmChart}): {@code
         * .service(ArkaEngine.USAGE_METERING, s -> ...)}. The handle gives the Deployment name and
         * the Helm values key, so neither can be misspelled.
         */
        public Builder service(ServiceRef service, Consumer<Service.Builder> spec) {
            primary.service(service, spec);
            return this;
        }

        /**
         * The plan's Redis (Bitnami {@code redis} or, in cluster mode, {@code redis-cluster}):
         * {@code r -> r.replicas(3).maxmemory(gib(2)).evictionPolicy(EvictionPolicy.ALLKEYS_LRU)}.
         * See {@link Redis}.
         */
        public Builder redis(Consumer<Redis.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            if (redis != null) {
                problems.error(
                        RuleId.DATA_TIER_TWICE,
                        element.redis(),
                        "redis(...) is declared twice (first at " + redis.source() + ")",
                        at);
                return this;
            }
            Redis.Builder b = new Redis.Builder(problems, name, at);
            spec.accept(b);
            redis = b;
            return this;
        }

        /**
         * The traffic to replay with {@code scaleplan simulate}: per service, rps over time
         * ({@code p -> p.service("usage-metering", s -> s.from(rps(3_000)).rampTo(rps(5_000),
         * minutes(20)))}). See {@link LoadProfile}.
         */
        public Builder loadProfile(String profileName, Consumer<LoadProfile.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            loadProfile = new LoadProfile.Builder(problems, name, profileName, SourceLocation.capture());
            spec.accept(loadProfile);
            return this;
        }

        /**
         * Checks the whole plan and returns its immutable model.
         *
         * @throws PlanDefinitionException listing every problem found, if there is any
         */
        public ScalingPlan build() {
            List<Namespace.Builder> declared = new ArrayList<>();
            if (primary.isDeclared() || blocks.isEmpty()) {
                declared.add(primary);
            }
            declared.addAll(blocks);
            List<Service.Builder> services = new ArrayList<>();
            Map<String, Namespace.Builder> namespaces = new LinkedHashMap<>();
            Map<String, Namespace.Builder> releases = new LinkedHashMap<>();
            for (Namespace.Builder ns : declared) {
                String nsName = ns.name() == null ? "default" : ns.name();
                PlanElement at = ns == primary ? element : element.detail("namespace " + nsName);
                Namespace.Builder sameName = namespaces.putIfAbsent(nsName, ns);
                if (sameName != null && Names.isDns1123Label(nsName)) {
                    problems.error(
                            RuleId.DUPLICATE,
                            at,
                            "namespace " + Names.show(nsName) + " is declared twice (first at " + sameName.source()
                                    + "): declare each namespace once, with all its services",
                            ns.source());
                }
                Namespace.Builder sameRelease = ns.isPlainManifests()
                        ? null
                        : ns.releaseName().map(r -> releases.putIfAbsent(r, ns)).orElse(null);
                if (sameRelease != null) {
                    problems.error(
                            RuleId.DUPLICATE,
                            at,
                            "Helm release " + Names.show(ns.releaseName().orElseThrow()) + " is already the release of"
                                    + " namespace "
                                    + Names.show(sameRelease.name() == null ? "default" : sameRelease.name())
                                    + " (at " + sameRelease.source() + "): each namespace has its own release",
                            ns.source());
                }
                ns.check(at, ns == primary);
                services.addAll(ns.services());
            }
            Map<String, Service.Builder> byName = new LinkedHashMap<>();
            for (Service.Builder s : services) {
                Service.Builder first = byName.putIfAbsent(s.name(), s);
                if (first != null) {
                    problems.error(
                            RuleId.DUPLICATE,
                            element.service(s.name()),
                            "service " + Names.show(s.name()) + " is declared twice (first at " + first.source() + ")",
                            s.source());
                }
            }
            Map<String, NodePool.Builder> pools = new LinkedHashMap<>();
            for (NodePool.Builder p : nodePools) {
                if (pools.putIfAbsent(p.name(), p) != null) {
                    problems.error(
                            RuleId.DUPLICATE,
                            element.nodePool(p.name()),
                            "node pool " + Names.show(p.name()) + " is declared twice",
                            source);
                }
                p.check();
            }
            List<Suppression> allSuppressions = new ArrayList<>(suppressions);
            services.forEach(s -> allSuppressions.addAll(s.suppressions()));
            if (postgres != null) {
                postgres.check();
            }
            if (redis != null) {
                redis.check();
            }
            namedPostgres.values().forEach(Postgres.Builder::check);
            namedRedis.values().forEach(Redis.Builder::check);
            for (Service.Builder s : services) {
                s.database().ifPresent(db -> checkDatabase(element.service(s.name()), db, s.databaseAt()));
                if (s.database().isEmpty() && s.poolSize() > 0) {
                    checkDefaultDatabase(element.service(s.name()), "service " + Names.show(s.name()), s.source());
                }
            }
            for (DatabaseClient c : databaseClients) {
                c.database().ifPresent(db -> checkDatabase(element, db, c.source()));
                if (c.database().isEmpty()) {
                    checkDefaultDatabase(element, "database client " + Names.show(c.name()), c.source());
                }
            }
            if (loadProfile != null) {
                loadProfile.check(byName.keySet());
            }
            problems.throwIfAny();
            List<Namespace> built = new ArrayList<>();
            for (Namespace.Builder ns : declared) {
                built.add(ns.build(built.isEmpty() ? name : ns.name()));
            }
            return new ScalingPlan(
                    name,
                    built.get(0).name(),
                    built.get(0).release(),
                    services.stream().map(Service.Builder::build).toList(),
                    nodePools.stream().map(NodePool.Builder::build).toList(),
                    databaseClients,
                    new RuleSettings(severities, allSuppressions),
                    source,
                    java.util.Optional.ofNullable(postgres).map(Postgres.Builder::build),
                    java.util.Optional.ofNullable(redis).map(Redis.Builder::build),
                    java.util.Optional.ofNullable(loadProfile).map(LoadProfile.Builder::build),
                    built.size() == 1 ? List.of() : built,
                    namedPostgres.values().stream().map(Postgres.Builder::build).toList(),
                    namedRedis.values().stream().map(Redis.Builder::build).toList());
        }

        private void checkDatabase(PlanElement at, String database, SourceLocation where) {
            if (!namedPostgres.containsKey(database)) {
                problems.error(
                        RuleId.UNKNOWN_DATABASE,
                        at,
                        "database(" + Names.show(database) + "): the plan declares no postgres(" + Names.show(database)
                                + ", ...)"
                                + (namedPostgres.isEmpty()
                                        ? ""
                                        : "; its named instances are " + namedPostgres.keySet()),
                        where);
            }
        }

        private void checkDefaultDatabase(PlanElement at, String who, SourceLocation where) {
            if (postgres == null && namedPostgres.size() > 1) {
                problems.error(
                        RuleId.UNKNOWN_DATABASE,
                        at,
                        who + " names no database, and the plan has " + namedPostgres.size()
                                + " PostgreSQL instances and no unnamed one: say which with database(...), one of "
                                + namedPostgres.keySet(),
                        where);
            }
        }
    }
}
