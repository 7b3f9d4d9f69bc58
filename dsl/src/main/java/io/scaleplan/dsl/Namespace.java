package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One Kubernetes namespace of a plan, with the Helm release its services come from. A plan whose
 * services all live in one namespace has one (its {@link ScalingPlan#namespace()} and {@link
 * ScalingPlan#release()}); an estate across namespaces declares a block per further namespace:
 *
 * <pre>{@code
 * ScalingPlan.builder("shop")
 *         .namespace("storefront")
 *         .helmRelease("storefront", "./charts/storefront")
 *         .service("web", s -> s.replicas(3))
 *         .namespace("payments", ns -> ns
 *                 .helmRelease("payments", "./charts/payments")
 *                 .service("ledger", s -> s.autoscale(a -> a.replicas(2, 12).cpuUtilization(percent(70)))))
 *         .nodePool("general", p -> p.allocatable(cores(4), gib(16)).nodes(3, 10))
 *         .build();
 * }</pre>
 *
 * Each namespace's objects (HPAs, PDBs, the values overlay's release) carry its name; node pools,
 * the data tier and everything the rules add up (node fit, the connection budget, capacity) are the
 * plan's, summed over all its namespaces. Service names are unique across the plan; Helm release
 * names too.
 *
 * @param name the namespace, a DNS-1123 label
 * @param release the Helm release the namespace's services come from (for {@link
 *     ScalingPlan.Builder#plainManifests() plain manifests}, a name for their objects only)
 * @param services the names of the services in this namespace, in declaration order
 * @param source where the namespace was declared
 */
public record Namespace(String name, HelmRelease release, List<String> services, SourceLocation source) {

    /** Checks every invariant and copies the service names into an unmodifiable list. */
    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(release, "release");
        services = List.copyOf(services);
        Objects.requireNonNull(source, "source");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid namespace: " + Names.show(name));
        }
    }

    /** Whether {@code service} is one of this namespace's. */
    public boolean contains(Service service) {
        return services.contains(service.name());
    }

    /**
     * Declares the services of one namespace and their Helm release, inside {@link
     * ScalingPlan.Builder#namespace(String, Consumer)}. The same calls as a one-namespace plan's:
     * {@link #helmRelease(String, String)} or {@link #plainManifests()}, then the services.
     */
    public static final class Builder {
        private final Problems problems;
        private final String planName;
        private final PlanElement planElement;
        private final SourceLocation source;
        private String name;
        private String releaseName;
        private String chart;
        private ObjectOwner scalingObjects = ObjectOwner.SCALEPLAN;
        private ChartLayout chartLayout = ChartLayout.ARKA_ENGINE;
        private final List<Service.Builder> services = new ArrayList<>();
        /** Per service, the chart declared where it was added (the author class's @HelmChart), if any. */
        private final Map<Service.Builder, ChartIndex> charts = new java.util.IdentityHashMap<>();

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.planName = planName;
            this.planElement = PlanElement.plan(planName);
            this.name = name;
            this.source = source;
        }

        /**
         * The Helm release this namespace's services come from and the chart it installs, as
         * {@code helm upgrade RELEASE CHART -n NAMESPACE} takes them: {@code helmRelease("payments",
         * "./charts/payments")}. Release names are unique across the plan.
         */
        public Builder helmRelease(String release, String chartReference) {
            problems.requireLabel(planElement, "Helm release", release);
            if (!Names.isChartReference(chartReference)) {
                problems.errorHere(
                        RuleId.UNSAFE_TEXT,
                        planElement,
                        "chart reference " + Names.show(chartReference) + " is not valid (" + Names.CHART_REFERENCE_RULE
                                + ")");
            }
            this.releaseName = release;
            this.chart = chartReference;
            return this;
        }

        /**
         * Who creates this namespace's HorizontalPodAutoscalers and PodDisruptionBudgets; see
         * {@link ScalingPlan.Builder#scalingObjects(ObjectOwner)}.
         */
        public Builder scalingObjects(ObjectOwner owner) {
            this.scalingObjects = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * This namespace's services are Deployments applied from plain manifests or kustomize, not
         * from a Helm chart; see {@link ScalingPlan.Builder#plainManifests()}.
         */
        public Builder plainManifests() {
            this.chartLayout = ChartLayout.PLAIN_MANIFESTS;
            this.scalingObjects = ObjectOwner.SCALEPLAN;
            return this;
        }

        /**
         * Where this namespace's chart keeps the values scaleplan writes; see {@link
         * ScalingPlan.Builder#chartLayout(ChartLayout)}.
         */
        public Builder chartLayout(ChartLayout layout) {
            this.chartLayout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Adds a service to this namespace: the Deployment {@code serviceName} (a DNS-1123 label,
         * unique across the plan), configured by {@code spec}.
         */
        public Builder service(String serviceName, Consumer<Service.Builder> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            problems.requireLabel(planElement.service(serviceName), "service name", serviceName, at);
            Service.Builder b = new Service.Builder(problems, planName, serviceName, at);
            spec.accept(b);
            services.add(b);
            SourceLocation.authorClass().flatMap(ChartIndex::declaredFor).ifPresent(c -> charts.put(b, c));
            return this;
        }

        /**
         * Adds a service by its typed handle, generated from the chart ({@link HelmChart}); see
         * {@link ScalingPlan.Builder#service(ServiceRef, Consumer)}.
         */
        public Builder service(ServiceRef service, Consumer<Service.Builder> spec) {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(spec, "spec");
            return service(service.name(), s -> spec.accept(s.helmKey(service.helmKey())));
        }

        void name(String newName) {
            this.name = newName;
        }

        String name() {
            return name;
        }

        SourceLocation source() {
            return source;
        }

        List<Service.Builder> services() {
            return services;
        }

        boolean isPlainManifests() {
            return chartLayout.equals(ChartLayout.PLAIN_MANIFESTS);
        }

        /** Whether anything was declared for this namespace: a release, plain manifests or a service. */
        boolean isDeclared() {
            return releaseName != null || isPlainManifests() || !services.isEmpty();
        }

        /** The release name, when one was given ({@link #helmRelease(String, String)}). */
        java.util.Optional<String> releaseName() {
            return java.util.Optional.ofNullable(releaseName);
        }

        /**
         * Checks the release and the services of this namespace; {@code inPlan} is the element
         * errors about the namespace itself name ({@code plan} or {@code plan · namespace x}). The
         * plan's own namespace checks its services against the chart the author's package declares
         * ({@link HelmChart}); a further namespace only when its release installs that chart.
         */
        void check(PlanElement inPlan, boolean own) {
            boolean plain = isPlainManifests();
            if (plain && releaseName != null) {
                problems.error(
                        RuleId.DUPLICATE,
                        inPlan,
                        "plainManifests() and helmRelease(" + Names.show(releaseName) + ", ...) both say where the"
                                + " services come from: keep one",
                        source);
            } else if (releaseName == null && !plain) {
                problems.error(
                        RuleId.INCOMPLETE,
                        inPlan,
                        "no Helm release: call helmRelease(release, chart), or plainManifests() for services applied"
                                + " from plain manifests or kustomize",
                        source);
            }
            Map<String, Service.Builder> byKey = new LinkedHashMap<>();
            for (Service.Builder s : services) {
                Service.Builder sameKey = byKey.putIfAbsent(s.helmKey(), s);
                if (sameKey != null && !sameKey.name().equals(s.name())) {
                    problems.error(
                            RuleId.DUPLICATE,
                            planElement.service(s.name()),
                            "Helm values key " + Names.show(s.helmKey()) + " is already used by service "
                                    + Names.show(sameKey.name()) + " (at " + sameKey.source() + ")",
                            s.source());
                }
                s.check();
                ChartIndex declared = charts.get(s);
                if (declared != null && Names.isDns1123Label(s.name()) && (own || installs(declared))) {
                    declared.mismatch(s.name(), s.helmKey())
                            .ifPresent(why -> problems.error(
                                    RuleId.SERVICE_NOT_IN_CHART, planElement.service(s.name()), why, s.source()));
                }
            }
            if (chartLayout.scope() == ChartLayout.Scope.RELEASE && services.size() > 1) {
                problems.error(
                        RuleId.DUPLICATE,
                        planElement.service(services.get(1).name()),
                        "chart layout " + chartLayout.name() + " keeps one workload's values at the top level, but "
                                + Names.show(services.get(0).name()) + " and "
                                + Names.show(services.get(1).name())
                                + " would both write them",
                        services.get(1).source());
            }
        }

        /** Whether this namespace's release installs the chart {@code index} describes. */
        private boolean installs(ChartIndex index) {
            return releaseName != null
                    && Names.isDns1123Label(releaseName)
                    && Names.isChartReference(chart)
                    && new HelmRelease(releaseName, chart).chartName().equals(index.chart());
        }

        /** The namespace as built; {@code plainRelease} names a plain-manifests namespace's objects. */
        Namespace build(String plainRelease) {
            HelmRelease release = isPlainManifests()
                    ? new HelmRelease(plainRelease, "./" + plainRelease, ObjectOwner.SCALEPLAN, chartLayout)
                    : new HelmRelease(releaseName, chart, scalingObjects, chartLayout);
            return new Namespace(
                    name == null ? "default" : name,
                    release,
                    services.stream().map(Service.Builder::name).toList(),
                    source);
        }
    }
}
