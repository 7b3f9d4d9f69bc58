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
 * @param behavior scale-up and scale-down rates; empty for the API's defaults
 * @param source where {@code autoscale(...)} was called
 */
public record Autoscaling(
        Replicas replicas,
        Optional<Percent> cpuUtilization,
        Optional<Percent> memoryUtilization,
        List<PodsMetric> podsMetrics,
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
        return new Autoscaling(newReplicas, cpuUtilization, memoryUtilization, podsMetrics, behavior, source);
    }

    /** This autoscaler with another replica range. */
    public Autoscaling withReplicas(int newMin, int newMax) {
        return withReplicas(new Replicas(newMin, newMax));
    }

    /** Whether any metric is declared (an HPA without one defaults to 80 % CPU). */
    public boolean hasMetrics() {
        return cpuUtilization.isPresent() || memoryUtilization.isPresent() || !podsMetrics.isEmpty();
    }

    /**
     * Builds an autoscaler:
     *
     * <pre>{@code
     * s.autoscale(a -> a
     *         .replicas(3, 20)
     *         .cpuUtilization(percent(70))
     *         .memoryUtilization(percent(80))
     *         .podsMetric("http_requests_per_second", 1_000))
     * }</pre>
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
                    podsMetrics,
                    Optional.ofNullable(behavior),
                    source);
        }
    }
}
