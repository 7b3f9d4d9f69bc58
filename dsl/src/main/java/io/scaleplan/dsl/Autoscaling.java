package io.scaleplan.dsl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service's HorizontalPodAutoscaler ({@code autoscaling/v2}): the replica range and the metrics
 * that drive it. The HPA takes the largest replica count any metric proposes.
 *
 * @param replicas the replica range, {@code minReplicas} to {@code maxReplicas}
 * @param cpuUtilization the target average CPU use as a share of the CPU request
 * @param memoryUtilization the target average memory use as a share of the memory request
 * @param podsMetrics per-pod custom metrics with target averages
 * @param externalMetrics metrics of no Kubernetes object, with a target value or average value
 * @param objectMetrics metrics of one Kubernetes object, with a target value or average value
 * @param containerResourceMetrics CPU or memory of one named container of each pod
 * @param behavior scale-up and scale-down rates; empty for the API's defaults
 * @param source where {@code autoscale(...)} was called
 */
public record Autoscaling(
        Replicas replicas,
        Optional<Percent> cpuUtilization,
        Optional<Percent> memoryUtilization,
        List<PodsMetric> podsMetrics,
        List<ExternalMetric> externalMetrics,
        List<ObjectMetric> objectMetrics,
        List<ContainerResourceMetric> containerResourceMetrics,
        Optional<Behavior> behavior,
        SourceLocation source) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Autoscaling {
        Objects.requireNonNull(cpuUtilization, "cpuUtilization");
        Objects.requireNonNull(memoryUtilization, "memoryUtilization");
        podsMetrics = List.copyOf(podsMetrics);
        externalMetrics = List.copyOf(externalMetrics);
        objectMetrics = List.copyOf(objectMetrics);
        containerResourceMetrics = List.copyOf(containerResourceMetrics);
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(source, "source");
        cpuUtilization.ifPresent(p -> requireUtilization("cpu", p));
        memoryUtilization.ifPresent(p -> requireUtilization("memory", p));
    }

    private static void requireUtilization(String resource, Percent p) {
        if (p.value() < 1) {
            throw new IllegalArgumentException(resource + " utilization target must be at least 1%: " + p);
        }
    }

    /** An autoscaler on CPU, memory and Pods metrics only. */
    public Autoscaling(
            Replicas replicas,
            Optional<Percent> cpuUtilization,
            Optional<Percent> memoryUtilization,
            List<PodsMetric> podsMetrics,
            Optional<Behavior> behavior,
            SourceLocation source) {
        this(
                replicas,
                cpuUtilization,
                memoryUtilization,
                podsMetrics,
                List.of(),
                List.of(),
                List.of(),
                behavior,
                source);
    }

    /** An autoscaler over {@code minReplicas..maxReplicas}; see {@link Replicas} for what a range may be. */
    public Autoscaling(
            int minReplicas,
            int maxReplicas,
            Optional<Percent> cpuUtilization,
            Optional<Percent> memoryUtilization,
            List<PodsMetric> podsMetrics,
            Optional<Behavior> behavior,
            SourceLocation source) {
        this(new Replicas(minReplicas, maxReplicas), cpuUtilization, memoryUtilization, podsMetrics, behavior, source);
    }

    /** The fewest replicas; at least 1. */
    public int minReplicas() {
        return replicas.min();
    }

    /** The most replicas; at least {@link #minReplicas()}. */
    public int maxReplicas() {
        return replicas.max();
    }

    /** This autoscaler with another replica range. */
    public Autoscaling withReplicas(Replicas newReplicas) {
        return new Autoscaling(
                newReplicas,
                cpuUtilization,
                memoryUtilization,
                podsMetrics,
                externalMetrics,
                objectMetrics,
                containerResourceMetrics,
                behavior,
                source);
    }

    /** This autoscaler with another replica range. */
    public Autoscaling withReplicas(int newMin, int newMax) {
        return withReplicas(new Replicas(newMin, newMax));
    }

    /** Whether any metric is declared (an HPA without one defaults to 80 % CPU). */
    public boolean hasMetrics() {
        return cpuUtilization.isPresent()
                || memoryUtilization.isPresent()
                || !podsMetrics.isEmpty()
                || !externalMetrics.isEmpty()
                || !objectMetrics.isEmpty()
                || !containerResourceMetrics.isEmpty();
    }

    /**
     * The names of the metrics the plan declares as the service's request rate ({@link
     * Builder#requestRate(String)}), Pods, External and Object, in declaration order.
     */
    public List<String> requestRateMetrics() {
        List<String> out = new ArrayList<>();
        podsMetrics.stream().filter(PodsMetric::isRequestRate).forEach(m -> out.add(m.name()));
        externalMetrics.stream().filter(ExternalMetric::isRequestRate).forEach(m -> out.add(m.name()));
        objectMetrics.stream().filter(ObjectMetric::isRequestRate).forEach(m -> out.add(m.name()));
        return out.stream().distinct().toList();
    }

    /**
     * Builds an autoscaler:
     *
     * <pre>{@code
     * s.autoscale(a -> a
     *         .replicas(3, 20)
     *         .cpuUtilization(percent(70))
     *         .memoryUtilization(percent(80))
     *         .podsMetric("http_requests_per_second", 1_000, MetricSource.rate("http_requests_total"))
     *         .requestRate("http_requests_per_second")
     *         .externalMetric("sqs_messages_visible", Map.of("queue", "orders"), ValueTarget.averageValue(30))
     *         .objectMetric(DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route"),
     *                 "requests_per_second", ValueTarget.value(2_000))
     *         .containerCpuUtilization("app", percent(60)))
     * }</pre>
     *
     * <p>Whether a metric measures the service's requests per second is what the plan says with
     * {@link #requestRate(String)}, never what its name suggests.
     */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final SourceLocation source;
        private Integer min;
        private SourceLocation minAt;
        private Integer max;
        private Percent cpu;
        private Percent memory;
        private final List<PodsMetric> podsMetrics = new ArrayList<>();
        private final List<ExternalMetric> externalMetrics = new ArrayList<>();
        private final List<ObjectMetric> objectMetrics = new ArrayList<>();
        private final List<ContainerResourceMetric> containerResourceMetrics = new ArrayList<>();
        private final java.util.Map<String, SourceLocation> requestRates = new java.util.LinkedHashMap<>();
        private Behavior behavior;

        Builder(Problems problems, PlanElement element, SourceLocation source) {
            this.problems = problems;
            this.element = element;
            this.source = source;
        }

        /** The fewest replicas the HPA keeps; at least 1. */
        public Builder min(int minReplicas) {
            Replicas.belowOne("minReplicas", minReplicas)
                    .ifPresent(p -> problems.errorHere(RuleId.INVALID_REPLICAS, element, p));
            this.min = minReplicas;
            this.minAt = SourceLocation.capture();
            return this;
        }

        /** The most replicas the HPA may scale to; at least 1 and at least {@link #min(int)}. */
        public Builder max(int maxReplicas) {
            Replicas.belowOne("maxReplicas", maxReplicas)
                    .ifPresent(p -> problems.errorHere(RuleId.INVALID_REPLICAS, element, p));
            this.max = maxReplicas;
            return this;
        }

        /** Both ends of the replica range: {@code replicas(3, 20)}. */
        public Builder replicas(int minReplicas, int maxReplicas) {
            return min(minReplicas).max(maxReplicas);
        }

        /** The replica range as a value: {@code replicas(new Replicas(3, 20))}. */
        public Builder replicas(Replicas range) {
            Objects.requireNonNull(range, "range");
            return replicas(range.min(), range.max());
        }

        /**
         * Target average CPU use as a percentage of the CPU request ({@code
         * targetCPUUtilizationPercentage}). At least 1 %; may exceed 100 %. Needs a CPU request.
         */
        public Builder cpuUtilization(Percent target) {
            Objects.requireNonNull(target, "target");
            if (target.value() < 1) {
                problems.errorHere(
                        RuleId.INVALID_UTILIZATION,
                        element,
                        "CPU utilization target must be at least 1%, was " + target);
            }
            this.cpu = target;
            return this;
        }

        /**
         * Target average memory use as a percentage of the memory request ({@code
         * targetMemoryUtilizationPercentage}). At least 1 %. Needs a memory request.
         */
        public Builder memoryUtilization(Percent target) {
            Objects.requireNonNull(target, "target");
            if (target.value() < 1) {
                problems.errorHere(
                        RuleId.INVALID_UTILIZATION,
                        element,
                        "memory utilization target must be at least 1%, was " + target);
            }
            this.memory = target;
            return this;
        }

        /**
         * A {@code Pods} metric: the HPA holds the per-pod average of {@code metric} at {@code
         * averageValue}. The runbook's {@code http_requests_per_second} at 1000 is {@code
         * podsMetric("http_requests_per_second", 1_000)}.
         */
        public Builder podsMetric(String metric, long averageValue) {
            return podsMetric(metric, BigDecimal.valueOf(averageValue));
        }

        /** A {@code Pods} metric with a fractional target average, such as {@code 0.5}. */
        public Builder podsMetric(String metric, BigDecimal averageValue) {
            return podsMetric(metric, averageValue, Optional.empty());
        }

        /**
         * A {@code Pods} metric and the series it is derived from, which scaleplan turns into a
         * prometheus-adapter rule ({@code monitoring/prometheus-adapter.yaml}) so that the metric
         * exists: {@code podsMetric("http_requests_per_second", 750,
         * MetricSource.rate("http_requests_total"))}.
         */
        public Builder podsMetric(String metric, long averageValue, MetricSource source) {
            return podsMetric(metric, BigDecimal.valueOf(averageValue), source);
        }

        /** A {@code Pods} metric with a fractional target average and its source. */
        public Builder podsMetric(String metric, BigDecimal averageValue, MetricSource source) {
            return podsMetric(metric, averageValue, Optional.of(Objects.requireNonNull(source, "source")));
        }

        private Builder podsMetric(String metric, BigDecimal averageValue, Optional<MetricSource> source) {
            Objects.requireNonNull(averageValue, "averageValue");
            boolean ok = true;
            if (!Names.isMetricName(metric)) {
                problems.errorHere(
                        RuleId.UNSAFE_TEXT,
                        element,
                        "metric name " + Names.show(metric) + " is not valid (" + Names.METRIC_NAME_RULE + ")");
                ok = false;
            }
            if (averageValue.signum() <= 0) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "Pods metric " + Names.show(metric) + " averageValue must be greater than 0, was "
                                + averageValue.toPlainString());
                ok = false;
            }
            for (PodsMetric existing : podsMetrics) {
                if (existing.name().equals(metric)) {
                    problems.errorHere(
                            RuleId.DUPLICATE, element, "Pods metric " + Names.show(metric) + " is declared twice");
                    ok = false;
                }
            }
            if (ok) {
                podsMetrics.add(new PodsMetric(metric, averageValue.stripTrailingZeros(), source));
            }
            return this;
        }

        /**
         * An {@code External} metric: the HPA sums the series of {@code metric} that match {@code
         * selector} ({@code matchLabels}; may be empty) and holds the sum at a {@link
         * ValueTarget#value(long) value}, or the sum per replica at an {@link
         * ValueTarget#averageValue(long) averageValue}: {@code externalMetric("sqs_messages_visible",
         * Map.of("queue", "orders"), ValueTarget.averageValue(30))}.
         */
        public Builder externalMetric(String metric, java.util.Map<String, String> selector, ValueTarget target) {
            return externalMetric(metric, selector, target, Optional.empty());
        }

        /**
         * An {@code External} metric and the Prometheus series it is derived from, which scaleplan
         * turns into a prometheus-adapter {@code externalRules} entry so that the metric exists.
         */
        public Builder externalMetric(
                String metric, java.util.Map<String, String> selector, ValueTarget target, MetricSource source) {
            return externalMetric(metric, selector, target, Optional.of(Objects.requireNonNull(source, "source")));
        }

        private Builder externalMetric(
                String metric,
                java.util.Map<String, String> selector,
                ValueTarget target,
                Optional<MetricSource> source) {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(target, "target");
            boolean ok = metricName("External", metric) & positive("External", metric, target);
            for (java.util.Map.Entry<String, String> e : selector.entrySet()) {
                if (source.isPresent() && !e.getKey().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    problems.errorHere(
                            RuleId.UNSAFE_TEXT,
                            element,
                            "External metric " + Names.show(metric) + " selector key " + Names.show(e.getKey())
                                    + " is no Prometheus label name (letters, digits and '_', not starting with a"
                                    + " digit): prometheus-adapter matches the selector against the source's labels");
                    ok = false;
                } else if (!ExternalMetric.isLabelKey(e.getKey()) || !ExternalMetric.isLabelValue(e.getValue())) {
                    problems.errorHere(
                            RuleId.UNSAFE_TEXT,
                            element,
                            "External metric " + Names.show(metric) + " selector " + Names.show(e.getKey()) + "="
                                    + Names.show(e.getValue()) + " is not a valid label (" + ExternalMetric.LABEL_RULE
                                    + ")");
                    ok = false;
                }
            }
            for (ExternalMetric existing : externalMetrics) {
                if (existing.name().equals(metric) && existing.selector().equals(new java.util.TreeMap<>(selector))) {
                    problems.errorHere(
                            RuleId.DUPLICATE,
                            element,
                            "External metric " + Names.show(metric) + " with selector " + existing.selector()
                                    + " is declared twice");
                    ok = false;
                }
            }
            if (ok) {
                externalMetrics.add(
                        new ExternalMetric(metric, new java.util.TreeMap<>(selector), target, source, false));
            }
            return this;
        }

        /**
         * An {@code Object} metric: {@code metric} of one object in the service's namespace, held at
         * a {@link ValueTarget#value(long) value} (the HPA proposes {@code ceil(ready pods × value /
         * target)}) or an {@link ValueTarget#averageValue(long) averageValue} per replica: {@code
         * objectMetric(DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route"),
         * "requests_per_second", ValueTarget.value(2_000))}.
         */
        public Builder objectMetric(DescribedObject object, String metric, ValueTarget target) {
            return objectMetric(object, metric, target, Optional.empty());
        }

        /**
         * An {@code Object} metric and the Prometheus series it is derived from, labelled with {@code
         * namespace} and the object's kind in lower case ({@code ingress}); scaleplan turns it into a
         * prometheus-adapter rule so that the metric exists.
         */
        public Builder objectMetric(DescribedObject object, String metric, ValueTarget target, MetricSource source) {
            return objectMetric(object, metric, target, Optional.of(Objects.requireNonNull(source, "source")));
        }

        private Builder objectMetric(
                DescribedObject object, String metric, ValueTarget target, Optional<MetricSource> source) {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(target, "target");
            boolean ok = metricName("Object", metric) & positive("Object", metric, target);
            Optional<String> bad = object.problem();
            if (bad.isPresent()) {
                problems.errorHere(
                        RuleId.UNSAFE_TEXT,
                        element,
                        "Object metric " + Names.show(metric) + " described object " + bad.get());
                ok = false;
            }
            for (ObjectMetric existing : objectMetrics) {
                if (existing.name().equals(metric) && existing.object().equals(object)) {
                    problems.errorHere(
                            RuleId.DUPLICATE,
                            element,
                            "Object metric " + Names.show(metric) + " of " + object + " is declared twice");
                    ok = false;
                }
            }
            if (ok) {
                objectMetrics.add(new ObjectMetric(object, metric, target, source, false));
            }
            return this;
        }

        /**
         * A {@code ContainerResource} metric: the CPU use of {@code container} as a share of its CPU
         * request, averaged over the pods. At least 1 %.
         */
        public Builder containerCpuUtilization(String container, Percent target) {
            Objects.requireNonNull(target, "target");
            return containerResource(
                    ContainerResourceMetric.Resource.CPU,
                    container,
                    Optional.of(target),
                    java.util.OptionalLong.empty());
        }

        /**
         * A {@code ContainerResource} metric: the memory use of {@code container} as a share of its
         * memory request, averaged over the pods. At least 1 %.
         */
        public Builder containerMemoryUtilization(String container, Percent target) {
            Objects.requireNonNull(target, "target");
            return containerResource(
                    ContainerResourceMetric.Resource.MEMORY,
                    container,
                    Optional.of(target),
                    java.util.OptionalLong.empty());
        }

        /** A {@code ContainerResource} metric: the average CPU use of {@code container}, such as {@code millicores(300)}. */
        public Builder containerCpuAverage(String container, Cpu target) {
            Objects.requireNonNull(target, "target");
            return containerResource(
                    ContainerResourceMetric.Resource.CPU,
                    container,
                    Optional.empty(),
                    java.util.OptionalLong.of(target.millicores()));
        }

        /** A {@code ContainerResource} metric: the average memory use of {@code container}, such as {@code mib(400)}. */
        public Builder containerMemoryAverage(String container, Memory target) {
            Objects.requireNonNull(target, "target");
            return containerResource(
                    ContainerResourceMetric.Resource.MEMORY,
                    container,
                    Optional.empty(),
                    java.util.OptionalLong.of(target.bytes()));
        }

        private Builder containerResource(
                ContainerResourceMetric.Resource resource,
                String container,
                Optional<Percent> utilization,
                java.util.OptionalLong average) {
            boolean ok = problems.requireLabel(element, "container", container, SourceLocation.capture());
            if (utilization.isPresent() && utilization.get().value() < 1) {
                problems.errorHere(
                        RuleId.INVALID_UTILIZATION,
                        element,
                        "ContainerResource " + resource.apiName() + " utilization target of container "
                                + Names.show(container) + " must be at least 1%, was " + utilization.get());
                ok = false;
            }
            if (average.isPresent() && average.getAsLong() <= 0) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        element,
                        "ContainerResource " + resource.apiName() + " average value of container "
                                + Names.show(container) + " must be greater than 0");
                ok = false;
            }
            for (ContainerResourceMetric existing : containerResourceMetrics) {
                if (existing.resource() == resource && existing.container().equals(container)) {
                    problems.errorHere(
                            RuleId.DUPLICATE,
                            element,
                            "ContainerResource " + resource.apiName() + " of container " + Names.show(container)
                                    + " is declared twice");
                    ok = false;
                }
            }
            if (ok) {
                containerResourceMetrics.add(new ContainerResourceMetric(resource, container, utilization, average));
            }
            return this;
        }

        /**
         * Declares that {@code metric}, a Pods, External or Object metric of this autoscaler,
         * measures the service's requests per second, whatever it is called: its target is then
         * checked against the service's {@code capacityPerPod} and headroom (SP105), the simulator
         * feeds it the load, and the monitoring compares it with the ready pods' capacity. Without
         * this no metric is a request rate, not even one named {@code http_requests_per_second}.
         * A name that matches none of the autoscaler's metrics is SP040.
         */
        public Builder requestRate(String metric) {
            if (requestRates.containsKey(metric)) {
                problems.errorHere(
                        RuleId.DUPLICATE, element, "requestRate(" + Names.show(metric) + ") is declared twice");
            } else {
                requestRates.put(metric, SourceLocation.capture());
            }
            return this;
        }

        private boolean metricName(String type, String metric) {
            if (!Names.isMetricName(metric)) {
                problems.errorHere(
                        RuleId.UNSAFE_TEXT,
                        element,
                        type + " metric name " + Names.show(metric) + " is not valid (" + Names.METRIC_NAME_RULE + ")");
                return false;
            }
            return true;
        }

        private boolean positive(String type, String metric, ValueTarget target) {
            if (target.amount().signum() <= 0) {
                problems.errorHere(
                        RuleId.INVALID_QUANTITY,
                        element,
                        type + " metric " + Names.show(metric) + " "
                                + target.kind().field() + " must be greater than 0, was "
                                + target.amount().toPlainString());
                return false;
            }
            return true;
        }

        /** How fast the HPA may scale: {@code b -> b.scaleUp(...).scaleDown(...)}. */
        public Builder behavior(Consumer<Behavior.Builder> spec) {
            Behavior.Builder b = new Behavior.Builder(problems, element);
            spec.accept(b);
            this.behavior = b.build();
            return this;
        }

        /** Whole-object checks; records problems and returns whether the model can be built. */
        boolean check() {
            boolean ok = true;
            if (min == null) {
                problems.error(
                        RuleId.INVALID_REPLICAS,
                        element,
                        "autoscale(...) sets no min replicas: call min(n) or replicas(min, max)",
                        source);
                ok = false;
            }
            if (max == null) {
                problems.error(
                        RuleId.INVALID_REPLICAS,
                        element,
                        "autoscale(...) sets no max replicas: call max(n) or replicas(min, max)",
                        source);
                ok = false;
            }
            for (java.util.Map.Entry<String, SourceLocation> rate : requestRates.entrySet()) {
                String name = rate.getKey();
                boolean known = podsMetrics.stream().anyMatch(m -> m.name().equals(name))
                        || externalMetrics.stream().anyMatch(m -> m.name().equals(name))
                        || objectMetrics.stream().anyMatch(m -> m.name().equals(name));
                if (!known) {
                    problems.error(
                            RuleId.REQUEST_RATE_METRIC_UNKNOWN,
                            element,
                            "requestRate(" + Names.show(name) + ") names no Pods, External or Object metric of this"
                                    + " autoscaler",
                            rate.getValue());
                    ok = false;
                }
            }
            Optional<String> order = ok ? Replicas.minAboveMax(min, max) : Optional.empty();
            if (order.isPresent()) {
                problems.error(RuleId.MIN_EXCEEDS_MAX, element, order.get(), minAt);
                ok = false;
            }
            return ok;
        }

        Autoscaling build() {
            return new Autoscaling(
                    new Replicas(min, max),
                    Optional.ofNullable(cpu),
                    Optional.ofNullable(memory),
                    podsMetrics.stream()
                            .map(m -> m.withRequestRate(requestRates.containsKey(m.name())))
                            .toList(),
                    externalMetrics.stream()
                            .map(m -> m.withRequestRate(requestRates.containsKey(m.name())))
                            .toList(),
                    objectMetrics.stream()
                            .map(m -> m.withRequestRate(requestRates.containsKey(m.name())))
                            .toList(),
                    containerResourceMetrics,
                    Optional.ofNullable(behavior),
                    source);
        }
    }
}
