package io.scaleplan.compiler.emit.monitoring;

import static io.scaleplan.compiler.emit.monitoring.PromQl.number;

import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plan's numbers per autoscaled service as Prometheus series: recording rules of the rule group
 * {@code scaleplan-<release>-plan}, each a constant ({@code vector(20)}) labelled {@code namespace},
 * {@code scaleplan_plan} and {@code service}. The dashboard draws them as its dashed lines for
 * whichever {@code $service} is picked, so it needs one set of panels however many services the
 * plan has; a change of the plan moves these series. Two series are measured, not constant: a
 * service's load (the request rate the plan declares: a Pods metric's source summed over its pods,
 * an Object or External metric's series) and its Pods metrics' sources summed over its pods,
 * because the source series differs from service to service. Each service's series carry its own
 * namespace.
 */
public final class PlanSeries {
    /** The rule group's suffix: {@code scaleplan-<release>-plan}. */
    static final String GROUP = "plan";

    static final String MIN_REPLICAS = "scaleplan_plan:min_replicas";
    static final String MAX_REPLICAS = "scaleplan_plan:max_replicas";
    static final String CPU_REQUEST = "scaleplan_plan:cpu_request_cores";
    static final String CPU_TARGET = "scaleplan_plan:cpu_target_cores";
    static final String MEMORY_REQUEST = "scaleplan_plan:memory_request_bytes";
    static final String MEMORY_TARGET = "scaleplan_plan:memory_target_bytes";
    static final String CAPACITY_PER_POD = "scaleplan_plan:capacity_per_pod_rps";
    static final String HEADROOM = "scaleplan_plan:headroom";
    static final String PODS_METRIC_TARGET = "scaleplan_plan:pods_metric_target";
    static final String LOAD = "scaleplan_service:load_rps";
    static final String PODS_METRIC_SOURCE = "scaleplan_service:pods_metric_source";

    /**
     * One recording rule.
     *
     * @param record the series' name
     * @param expr its PromQL expression
     * @param labels the labels it is given, in order
     */
    public record Recording(String record, String expr, Map<String, String> labels) {
        public Recording {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(expr, "expr");
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    private PlanSeries() {}

    /** The recording rules of {@code plan}: its autoscaled services in name order. */
    public static List<Recording> of(ScalingPlan plan) {
        List<Recording> out = new ArrayList<>();
        plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .filter(Service::isAutoscaled)
                .forEach(s -> service(out, plan, plan.namespaceOf(s).name(), s));
        return List.copyOf(out);
    }

    private static void service(List<Recording> out, ScalingPlan plan, String ns, Service s) {
        Autoscaling a = s.autoscaling().orElseThrow();
        Map<String, String> labels = labels(plan, ns, s, null);
        constant(out, MIN_REPLICAS, BigDecimal.valueOf(a.minReplicas()), labels);
        constant(out, MAX_REPLICAS, BigDecimal.valueOf(a.maxReplicas()), labels);
        a.cpuUtilization().ifPresent(target -> s.resources().cpuRequest().ifPresent(request -> {
            BigDecimal cores = BigDecimal.valueOf(request.millicores()).movePointLeft(3);
            constant(out, CPU_REQUEST, cores, labels);
            constant(
                    out,
                    CPU_TARGET,
                    cores.multiply(BigDecimal.valueOf(target.value())).movePointLeft(2),
                    labels);
        }));
        a.memoryUtilization().ifPresent(target -> s.resources().memoryRequest().ifPresent(request -> {
            BigDecimal bytes = BigDecimal.valueOf(request.bytes());
            constant(out, MEMORY_REQUEST, bytes, labels);
            constant(
                    out,
                    MEMORY_TARGET,
                    bytes.multiply(BigDecimal.valueOf(target.value())).movePointLeft(2),
                    labels);
        }));
        s.capacity().ifPresent(cap -> PromQl.load(ns, s).ifPresent(load -> {
            constant(out, CAPACITY_PER_POD, BigDecimal.valueOf(cap.perPod().perSecond()), labels);
            constant(out, HEADROOM, BigDecimal.valueOf(cap.headroom()), labels);
            out.add(new Recording(LOAD, load.sum(), labels));
        }));
        for (PodsMetric m : a.podsMetrics()) {
            m.source().ifPresent(src -> {
                Map<String, String> metric = labels(plan, ns, s, m.name());
                constant(out, PODS_METRIC_TARGET, m.averageValue(), metric);
                out.add(new Recording(PODS_METRIC_SOURCE, PromQl.sourceSum(ns, s, src), metric));
            });
        }
    }

    private static void constant(List<Recording> out, String record, BigDecimal value, Map<String, String> labels) {
        out.add(new Recording(record, "vector(" + number(value) + ")", labels));
    }

    private static Map<String, String> labels(ScalingPlan plan, String ns, Service s, String metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", ns);
        labels.put("scaleplan_plan", plan.name());
        labels.put("service", s.name());
        if (metric != null) {
            labels.put("metric", metric);
        }
        return labels;
    }
}
