package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One workload of a plan: a Deployment (or a StatefulSet, {@link #workload()}) named {@link #name()}
 * whose settings live under {@link #helmKey()} in the chart's values. It either runs a fixed number
 * of {@link #replicas()} or is driven by an {@link #autoscaling()} HPA.
 *
 * @param name the Kubernetes name of the Deployment or StatefulSet, a DNS-1123 label ({@code
 *     usage-metering})
 * @param helmKey the top-level key of the service in the chart's values ({@code usageMetering})
 * @param replicas a fixed replica count, for services without an HPA
 * @param autoscaling the HPA, for autoscaled services
 * @param resources the container's requests and limits
 * @param disruptionBudget the PodDisruptionBudget, if any
 * @param capacity what one pod serves, for capacity planning
 * @param expectedLoad the peak load the service must serve, for capacity planning
 * @param connectionPoolSize PostgreSQL connections each pod's pool opens at most
 * @param rolloutSurge extra pods a rolling update may start (the Deployment's {@code maxSurge};
 *     Kubernetes' default is 25 %); a StatefulSet starts none, whatever this says
 * @param nodePool the node pool the pods run on; empty for the plan's only pool
 * @param source where {@code service(...)} was called
 * @param values chart values beyond those scaleplan sets, from the chart's typed setters; never a
 *     key in {@link ChartValues#OWNED_KEYS}
 * @param workload the kind of the scale target: {@link WorkloadKind#DEPLOYMENT} unless the plan
 *     says {@code statefulSet()}
 * @param podManagement how a StatefulSet creates its pods when it scales; {@link
 *     PodManagement#ORDERED_READY} (and meaningless) for a Deployment
 * @param database the PostgreSQL instance its pool connects to, by name; empty for the plan's
 *     default (the unnamed one, or the only one)
 */
public record Service(
        String name,
        String helmKey,
        Optional<Integer> replicas,
        Optional<Autoscaling> autoscaling,
        Resources resources,
        Optional<DisruptionBudget> disruptionBudget,
        Optional<Capacity> capacity,
        Optional<Rps> expectedLoad,
        Optional<Integer> connectionPoolSize,
        PodAmount rolloutSurge,
        Optional<String> nodePool,
        SourceLocation source,
        ChartValues values,
        WorkloadKind workload,
        PodManagement podManagement,
        Optional<String> database) {

    /** Kubernetes' default {@code maxSurge} of a Deployment's rolling update. */
    public static final PodAmount DEFAULT_ROLLOUT_SURGE = new Percent(25);

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(helmKey, "helmKey");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(autoscaling, "autoscaling");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(disruptionBudget, "disruptionBudget");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(expectedLoad, "expectedLoad");
        Objects.requireNonNull(connectionPoolSize, "connectionPoolSize");
        Objects.requireNonNull(rolloutSurge, "rolloutSurge");
        Objects.requireNonNull(nodePool, "nodePool");
        Objects.requireNonNull(source, "source");
        connectionPoolSize.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("connection pool size must not be negative: " + n);
            }
        });
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(podManagement, "podManagement");
        Objects.requireNonNull(database, "database");
        for (String path : values.entries().keySet()) {
            if (ChartValues.ownedKey(path) != null) {
                throw new IllegalArgumentException("chart value " + path + " is set by scaleplan itself");
            }
        }
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid service name: " + Names.show(name));
        }
        if (!Names.isHelmKey(helmKey)) {
            throw new IllegalArgumentException("not a valid Helm values key: " + Names.show(helmKey));
        }
        replicas.ifPresent(r -> {
            if (r < 0) {
                throw new IllegalArgumentException("replicas must not be negative: " + r);
            }
        });
        if (replicas.isEmpty() && autoscaling.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " has neither replicas nor autoscaling");
        }
    }

    /** This service with another replica count or HPA and expected load: an event phase's change. */
    public Service withScale(
            Optional<Integer> newReplicas, Optional<Autoscaling> newAutoscaling, Optional<Rps> newExpectedLoad) {
        return toBuilder()
                .replicas(newReplicas)
                .autoscaling(newAutoscaling)
                .expectedLoad(newExpectedLoad)
                .build();
    }

    /**
     * A copy of this service to change: {@code service.toBuilder().expectedLoad(Optional.of(rps(9_000))).build()}.
     * Unlike the plan's {@link Builder}, it sets the record's fields as they are and {@link
     * Copy#build()} checks them as the record does, throwing {@link IllegalArgumentException}.
     */
    public Copy toBuilder() {
        return new Copy(this);
    }

    /** A {@link Service} being derived from another: every field starts as the original's. */
    public static final class Copy {
        private String name;
        private String helmKey;
        private Optional<Integer> replicas;
        private Optional<Autoscaling> autoscaling;
        private Resources resources;
        private Optional<DisruptionBudget> disruptionBudget;
        private Optional<Capacity> capacity;
        private Optional<Rps> expectedLoad;
        private Optional<Integer> connectionPoolSize;
        private PodAmount rolloutSurge;
        private Optional<String> nodePool;
        private SourceLocation source;
        private ChartValues values;
        private WorkloadKind workload;
        private PodManagement podManagement;
        private Optional<String> database;

        private Copy(Service s) {
            name = s.name;
            helmKey = s.helmKey;
            replicas = s.replicas;
            autoscaling = s.autoscaling;
            resources = s.resources;
            disruptionBudget = s.disruptionBudget;
            capacity = s.capacity;
            expectedLoad = s.expectedLoad;
            connectionPoolSize = s.connectionPoolSize;
            rolloutSurge = s.rolloutSurge;
            nodePool = s.nodePool;
            source = s.source;
            values = s.values;
            workload = s.workload;
            podManagement = s.podManagement;
            database = s.database;
        }

        /** See {@link Service#name()}. */
        public Copy name(String newName) {
            this.name = newName;
            return this;
        }

        /** See {@link Service#helmKey()}. */
        public Copy helmKey(String newHelmKey) {
            this.helmKey = newHelmKey;
            return this;
        }

        /** See {@link Service#replicas()}. */
        public Copy replicas(Optional<Integer> newReplicas) {
            this.replicas = newReplicas;
            return this;
        }

        /** See {@link Service#autoscaling()}. */
        public Copy autoscaling(Optional<Autoscaling> newAutoscaling) {
            this.autoscaling = newAutoscaling;
            return this;
        }

        /** See {@link Service#resources()}. */
        public Copy resources(Resources newResources) {
            this.resources = newResources;
            return this;
        }

        /** See {@link Service#disruptionBudget()}. */
        public Copy disruptionBudget(Optional<DisruptionBudget> newBudget) {
            this.disruptionBudget = newBudget;
            return this;
        }

        /** See {@link Service#capacity()}. */
        public Copy capacity(Optional<Capacity> newCapacity) {
            this.capacity = newCapacity;
            return this;
        }

        /** See {@link Service#expectedLoad()}. */
        public Copy expectedLoad(Optional<Rps> newExpectedLoad) {
            this.expectedLoad = newExpectedLoad;
            return this;
        }

        /** See {@link Service#connectionPoolSize()}. */
        public Copy connectionPoolSize(Optional<Integer> newPoolSize) {
            this.connectionPoolSize = newPoolSize;
            return this;
        }

        /** See {@link Service#rolloutSurge()}. */
        public Copy rolloutSurge(PodAmount newSurge) {
            this.rolloutSurge = newSurge;
            return this;
        }

        /** See {@link Service#nodePool()}. */
        public Copy nodePool(Optional<String> newNodePool) {
            this.nodePool = newNodePool;
            return this;
        }

        /** See {@link Service#source()}. */
        public Copy source(SourceLocation newSource) {
            this.source = newSource;
            return this;
        }

        /** See {@link Service#values()}. */
        public Copy values(ChartValues newValues) {
            this.values = newValues;
            return this;
        }

        /** See {@link Service#workload()}. */
        public Copy workload(WorkloadKind newWorkload) {
            this.workload = newWorkload;
            return this;
        }

        /** See {@link Service#podManagement()}. */
        public Copy podManagement(PodManagement newPodManagement) {
            this.podManagement = newPodManagement;
            return this;
        }

        /** See {@link Service#database()}. */
        public Copy database(Optional<String> newDatabase) {
            this.database = newDatabase;
            return this;
        }

        /** The derived service, checked as the record checks every service. */
        public Service build() {
            return new Service(
                    name,
                    helmKey,
                    replicas,
                    autoscaling,
                    resources,
                    disruptionBudget,
                    capacity,
                    expectedLoad,
                    connectionPoolSize,
                    rolloutSurge,
                    nodePool,
                    source,
                    values,
                    workload,
                    podManagement,
                    database);
        }
    }

    /** Whether an HPA drives this service. */
    public boolean isAutoscaled() {
        return autoscaling.isPresent();
    }

    /** The most replicas the service runs: the HPA's maximum, or the fixed count. */
    public int maxReplicas() {
        return autoscaling.map(Autoscaling::maxReplicas).orElseGet(() -> replicas.orElse(0));
    }

    /** The fewest replicas the service runs: the HPA's minimum, or the fixed count. */
    public int minReplicas() {
        return autoscaling.map(Autoscaling::minReplicas).orElseGet(() -> replicas.orElse(0));
    }

    /**
     * Extra pods during a rolling update at {@code replicas} pods: a Deployment's maxSurge, rounded
     * up as Kubernetes does; 0 for a StatefulSet, which replaces its pods one at a time.
     */
    public int surgePods(int replicas) {
        return workload == WorkloadKind.STATEFUL_SET ? 0 : rolloutSurge.ofPodsRoundingUp(replicas);
    }

    /** Whether the scale target is a StatefulSet. */
    public boolean isStatefulSet() {
        return workload == WorkloadKind.STATEFUL_SET;
    }

    /**
     * Builds a service. Obtained from {@link ScalingPlan.Builder#service(String, Consumer)}:
     *
     * <pre>{@code
     * .service("usage-metering", s -> s
     *         .requests(cores(1), gib(2))
     *         .limits(cores(2), gib(4))
     *         .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70)))
     *         .maxUnavailable(pods(1))
     *         .capacityPerPod(rps(1_000)))
     * }</pre>
     *
     * Each method checks its argument; a value that can never be right is reported with the line
     * of the call, and the plan's {@code build()} then fails listing every such problem.
     */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final String name;
        private final SourceLocation source;
        private String helmKey;
        private Integer replicas;
        private Autoscaling.Builder autoscaling;
        private Cpu cpuRequest;
        private Memory memoryRequest;
        private Cpu cpuLimit;
        private Memory memoryLimit;
        private SourceLocation resourcesAt;
        private DisruptionBudget budget;
        private Rps capacityPerPod;
        private SourceLocation capacityAt;
        private double headroom = Capacity.DEFAULT_HEADROOM;
        private boolean headroomSet;
        private Rps expectedLoad;
        private Integer connectionPoolSize;
        private PodAmount rolloutSurge = DEFAULT_ROLLOUT_SURGE;
        private SourceLocation rolloutSurgeAt;
        private WorkloadKind workload = WorkloadKind.DEPLOYMENT;
        private PodManagement podManagement = PodManagement.ORDERED_READY;
        private String nodePool;
        private final java.util.List<Suppression> suppressions = new java.util.ArrayList<>();
        private ChartValues values = ChartValues.EMPTY;
        private String database;
        private SourceLocation databaseAt;

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.element = PlanElement.plan(planName).service(name);
            this.name = name;
            this.source = source;
            this.helmKey = Names.isDns1123Label(name) ? Names.lowerCamel(name) : "invalid";
        }

        /**
         * The service's top-level key in the chart's values. Defaults to the name in lower camel
         * case ({@code usage-metering} → {@code usageMetering}), as the runbook's {@code --set
         * usageMetering.autoscaling.maxReplicas=50} uses it.
         */
        public Builder helmKey(String key) {
            if (!Names.isHelmKey(key)) {
                problems.errorHere(
                        RuleId.INVALID_NAME,
                        element,
                        "Helm values key " + Names.show(key) + " is not valid (" + Names.HELM_KEY_RULE + ")");
            }
            this.helmKey = key;
            return this;
        }

        /**
         * A fixed replica count, for a service without an HPA. For an autoscaled service, raise
         * the HPA's minimum instead: the HPA overrides any fixed count within seconds.
         */
        public Builder replicas(int count) {
            if (count < 0) {
                problems.errorHere(RuleId.INVALID_REPLICAS, element, "replicas must be at least 0, was " + count);
            }
            this.replicas = count;
            return this;
        }

        /** Drives the service with an HPA: {@code a -> a.replicas(2, 10).cpuUtilization(percent(70))}. */
        public Builder autoscale(Consumer<Autoscaling.Builder> spec) {
            Autoscaling.Builder b = new Autoscaling.Builder(problems, element, SourceLocation.capture());
            spec.accept(b);
            this.autoscaling = b;
            return this;
        }

        /** The CPU and memory requests: what the scheduler reserves and what utilization is measured against. */
        public Builder requests(Cpu cpu, Memory memory) {
            return cpuRequest(cpu).memoryRequest(memory);
        }

        /** The CPU and memory limits. */
        public Builder limits(Cpu cpu, Memory memory) {
            return cpuLimit(cpu).memoryLimit(memory);
        }

        /** The CPU request; greater than 0. */
        public Builder cpuRequest(Cpu cpu) {
            this.cpuRequest = positive(cpu, "resources.requests.cpu");
            return this;
        }

        /** The memory request; greater than 0. */
        public Builder memoryRequest(Memory memory) {
            this.memoryRequest = positive(memory, "resources.requests.memory");
            return this;
        }

        /** The CPU limit; greater than 0. */
        public Builder cpuLimit(Cpu cpu) {
            this.cpuLimit = positive(cpu, "resources.limits.cpu");
            return this;
        }

        /** The memory limit; greater than 0. */
        public Builder memoryLimit(Memory memory) {
            this.memoryLimit = positive(memory, "resources.limits.memory");
            return this;
        }

        private <T> T positive(T amount, String field) {
            Objects.requireNonNull(amount, field);
            if (resourcesAt == null) {
                resourcesAt = SourceLocation.capture();
            }
            boolean zero =
                    (amount instanceof Cpu c && c.millicores() == 0) || (amount instanceof Memory m && m.bytes() == 0);
            if (zero) {
                problems.errorHere(RuleId.INVALID_QUANTITY, element, field + " must be greater than 0, was 0");
            }
            return amount;
        }

        /** A PodDisruptionBudget keeping at least this many pods available during voluntary disruptions. */
        public Builder minAvailable(PodAmount amount) {
            return budget(DisruptionBudget.Kind.MIN_AVAILABLE, amount);
        }

        /** {@link #minAvailable(PodAmount)} with a pod count: {@code minAvailable(1)}. */
        public Builder minAvailable(int pods) {
            return minAvailable(checkedPods(pods, "minAvailable"));
        }

        /** A PodDisruptionBudget letting at most this many pods be unavailable during voluntary disruptions. */
        public Builder maxUnavailable(PodAmount amount) {
            return budget(DisruptionBudget.Kind.MAX_UNAVAILABLE, amount);
        }

        /** {@link #maxUnavailable(PodAmount)} with a pod count: {@code maxUnavailable(1)}. */
        public Builder maxUnavailable(int pods) {
            return maxUnavailable(checkedPods(pods, "maxUnavailable"));
        }

        private PodAmount checkedPods(int pods, String field) {
            if (pods < 0) {
                problems.errorHere(
                        RuleId.INVALID_BUDGET,
                        element,
                        "disruption budget " + field + " must be at least 0, was " + pods);
                return new PodCount(0);
            }
            return new PodCount(pods);
        }

        private Builder budget(DisruptionBudget.Kind kind, PodAmount amount) {
            Objects.requireNonNull(amount, kind.field());
            SourceLocation at = SourceLocation.capture();
            if (budget != null) {
                problems.error(
                        RuleId.INVALID_BUDGET,
                        element,
                        "disruption budget is declared twice (" + budget.kind().field() + " at " + budget.source()
                                + ", then " + kind.field()
                                + "): a PodDisruptionBudget takes minAvailable or maxUnavailable, not both",
                        at);
                return this;
            }
            if (amount instanceof Percent p && p.value() > 100) {
                problems.error(
                        RuleId.INVALID_BUDGET,
                        element,
                        "disruption budget " + kind.field() + " must not be greater than 100%, was " + p,
                        at);
                return this;
            }
            this.budget = new DisruptionBudget(kind, amount, at);
            return this;
        }

        /** What one pod serves at its limit, in requests per second (the runbook's "Per Pod Capacity"). */
        public Builder capacityPerPod(Rps perPod) {
            Objects.requireNonNull(perPod, "perPod");
            if (perPod.perSecond() <= 0) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY, element, "capacity per pod must be greater than 0 rps, was " + perPod);
            }
            this.capacityPerPod = perPod;
            this.capacityAt = SourceLocation.capture();
            return this;
        }

        /**
         * The factor kept above expected load when sizing this service: at least 1.0; default
         * {@value Capacity#DEFAULT_HEADROOM}, the runbook's "× 1.3 (headroom)".
         */
        public Builder headroom(double factor) {
            if (!(factor >= 1.0) || !(factor <= Capacity.MAX_HEADROOM)) {
                problems.errorHere(RuleId.INVALID_QUANTITY, element, "headroom must be 1.0 to 100, was " + factor);
                return this;
            }
            this.headroom = factor;
            this.headroomSet = true;
            return this;
        }

        /**
         * The peak load the service must serve. Checked against its capacity: required pods =
         * ceil(load / capacity per pod × headroom) must not exceed the most replicas it can run.
         */
        public Builder expectedLoad(Rps load) {
            Objects.requireNonNull(load, "load");
            this.expectedLoad = load;
            return this;
        }

        /**
         * PostgreSQL connections each pod opens at most (its pool's maximum size, e.g. HikariCP's
         * {@code maximumPoolSize}). Counted in the connection budget at maxReplicas plus rollout surge.
         */
        public Builder connectionPoolSize(int connections) {
            if (connections < 0) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "connection pool size must be at least 0, was " + connections);
                return this;
            }
            this.connectionPoolSize = connections;
            return this;
        }

        /**
         * The PostgreSQL instance its pool connects to, by the name given to {@code
         * postgres("orders", ...)}; default the plan's unnamed PostgreSQL, or its only one. Its
         * {@link #connectionPoolSize(int)} counts in that database's connection budget.
         */
        public Builder database(String instance) {
            SourceLocation at = SourceLocation.capture();
            if (problems.requireLabel(element, "database", instance, at)) {
                this.database = instance;
                this.databaseAt = at;
            }
            return this;
        }

        /** The database it names and where, if it names one. */
        Optional<String> database() {
            return Optional.ofNullable(database);
        }

        int poolSize() {
            return connectionPoolSize == null ? 0 : connectionPoolSize;
        }

        SourceLocation databaseAt() {
            return databaseAt == null ? source : databaseAt;
        }

        /**
         * Extra pods a rolling update may start above the replica count (the Deployment's {@code
         * maxSurge}). Default {@code percent(25)}, Kubernetes' default. A {@link #statefulSet()} has
         * no surge, and this on one is an error (SP019).
         */
        public Builder rolloutSurge(PodAmount surge) {
            this.rolloutSurge = Objects.requireNonNull(surge, "surge");
            this.rolloutSurgeAt = SourceLocation.capture();
            return this;
        }

        /**
         * The pods belong to a StatefulSet named after the service, not a Deployment: the HPA's
         * {@code scaleTargetRef}, the post-render and kustomize patches, APPLY.md's commands and
         * the chart check name {@code StatefulSet}. Its rolling update replaces one pod at a time
         * and starts no extra pod (so it has no {@link #rolloutSurge}); it scales up one pod at a
         * time ({@link PodManagement#ORDERED_READY}, Kubernetes' default): see {@link
         * #statefulSet(PodManagement)} for {@code Parallel}.
         *
         * <pre>{@code
         * .service("ledger", s -> s
         *         .statefulSet()
         *         .requests(cores(1), gib(2))
         *         .autoscale(a -> a.replicas(3, 6).cpuUtilization(percent(70)))
         *         .maxUnavailable(1))
         * }</pre>
         */
        public Builder statefulSet() {
            return statefulSet(PodManagement.ORDERED_READY);
        }

        /**
         * A StatefulSet ({@link #statefulSet()}) with this {@code podManagementPolicy}: {@code
         * statefulSet(PodManagement.PARALLEL)} when its pods start in parallel.
         */
        public Builder statefulSet(PodManagement policy) {
            this.podManagement = Objects.requireNonNull(policy, "policy");
            this.workload = WorkloadKind.STATEFUL_SET;
            return this;
        }

        /**
         * The kind of the scale target, {@link WorkloadKind#DEPLOYMENT} by default: {@code
         * workload(WorkloadKind.STATEFUL_SET)} is {@link #statefulSet()}.
         */
        public Builder workload(WorkloadKind kind) {
            this.workload = Objects.requireNonNull(kind, "kind");
            if (kind != WorkloadKind.STATEFUL_SET) {
                this.podManagement = PodManagement.ORDERED_READY;
            }
            return this;
        }

        /** The node pool the service's pods run on, by name. Not needed when the plan has one pool. */
        public Builder nodePool(String pool) {
            problems.requireLabel(element, "node pool", pool);
            this.nodePool = pool;
            return this;
        }

        /**
         * Accepts a finding of rule {@code ruleId} for this service, with the reason a reviewer
         * reads: {@code suppress("SP105", "target set by the load test of 2026-10")}.
         */
        public Builder suppress(String ruleId, String reason) {
            Suppression s = RuleSettings.suppression(problems, element, ruleId, java.util.Optional.of(name), reason);
            if (s != null) {
                suppressions.add(s);
            }
            return this;
        }

        /**
         * As {@link #suppress(String, String)}, naming the rule by its constant: {@code
         * suppress(RuleId.RATE_TARGET_WITHOUT_HEADROOM, "target set by the load test of 2026-10")}.
         */
        public Builder suppress(RuleId rule, String reason) {
            return suppress(java.util.Objects.requireNonNull(rule, "rule").id(), reason);
        }

        java.util.List<Suppression> suppressions() {
            return suppressions;
        }

        /**
         * Chart values beyond those scaleplan sets, from the setters generated for the chart ({@link
         * HelmChart}): {@code values(ArkaEngine.USAGE_METERING.values().imageTag("1.4.2").build())}.
         * They are merged into the service's section of the values overlay. A key scaleplan owns
         * ({@code replicaCount}, {@code autoscaling}, {@code resources}, {@code pdb}) is reported
         * (SP320) and dropped: state those through the DSL; so is text with control characters
         * (SP011). A second call replaces the first.
         */
        public Builder values(ChartValues chartValues) {
            Objects.requireNonNull(chartValues, "chartValues");
            java.util.Map<String, Object> kept = new java.util.TreeMap<>(chartValues.entries());
            for (String path : chartValues.entries().keySet()) {
                String owned = ChartValues.ownedKey(path);
                if (owned != null) {
                    problems.errorHere(
                            RuleId.CHART_VALUE_OWNED,
                            element,
                            "chart value " + Names.show(path) + " is set by scaleplan itself; state " + owned
                                    + " through the DSL instead");
                    kept.remove(path);
                } else if (chartValues.entries().get(path) instanceof String text
                        && text.chars().anyMatch(Character::isISOControl)) {
                    problems.errorHere(
                            RuleId.UNSAFE_TEXT,
                            element,
                            "chart value " + Names.show(path) + " " + Names.show(text)
                                    + " contains control characters (newlines, tabs), which are not written into YAML");
                    kept.remove(path);
                }
            }
            this.values = new ChartValues(kept);
            return this;
        }

        String name() {
            return name;
        }

        String helmKey() {
            return helmKey;
        }

        SourceLocation source() {
            return source;
        }

        /** Whole-object checks; records problems and returns whether the model can be built. */
        boolean check() {
            boolean ok = true;
            if (Names.isDns1123Label(name) && !Names.isHelmKey(helmKey) && helmKey.equals(Names.lowerCamel(name))) {
                problems.error(
                        RuleId.INVALID_NAME,
                        element,
                        "service name " + Names.show(name) + " gives the Helm values key " + Names.show(helmKey)
                                + ", which is not valid (" + Names.HELM_KEY_RULE + "): set one with helmKey(...)",
                        source);
                ok = false;
            }
            if (replicas == null && autoscaling == null) {
                problems.error(
                        RuleId.INCOMPLETE,
                        element,
                        "declares neither replicas(n) nor autoscale(...): say how many pods it runs",
                        source);
                ok = false;
            }
            if (autoscaling != null && !autoscaling.check()) {
                ok = false;
            }
            if (workload == WorkloadKind.STATEFUL_SET && rolloutSurgeAt != null) {
                problems.error(
                        RuleId.SURGE_ON_STATEFUL_SET,
                        element,
                        "rolloutSurge(" + rolloutSurge + ") on a StatefulSet, which has no maxSurge: its rolling"
                                + " update replaces one pod at a time and starts no extra pod",
                        rolloutSurgeAt);
                ok = false;
            }
            if (headroomSet && capacityPerPod == null) {
                problems.error(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "headroom(" + headroom + ") is set without capacityPerPod(...)",
                        source);
                ok = false;
            }
            return ok;
        }

        Service build() {
            Resources resources = new Resources(
                    Optional.ofNullable(cpuRequest),
                    Optional.ofNullable(memoryRequest),
                    Optional.ofNullable(cpuLimit),
                    Optional.ofNullable(memoryLimit),
                    resourcesAt == null ? SourceLocation.UNKNOWN : resourcesAt);
            return new Service(
                    name,
                    helmKey,
                    Optional.ofNullable(replicas),
                    Optional.ofNullable(autoscaling).map(Autoscaling.Builder::build),
                    resources,
                    Optional.ofNullable(budget),
                    Optional.ofNullable(capacityPerPod).map(rps -> new Capacity(rps, headroom, capacityAt)),
                    Optional.ofNullable(expectedLoad),
                    Optional.ofNullable(connectionPoolSize),
                    rolloutSurge,
                    Optional.ofNullable(nodePool),
                    source,
                    values,
                    workload,
                    podManagement,
                    Optional.ofNullable(database));
        }
    }
}
