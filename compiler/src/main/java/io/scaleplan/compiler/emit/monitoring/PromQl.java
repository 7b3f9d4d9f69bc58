package io.scaleplan.compiler.emit.monitoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PromQL text from plan values. Every label value and series name that reaches it is a DNS-1123
 * name or a Prometheus series name the model has validated, so nothing needs escaping; {@link
 * #selector} refuses anything else rather than escape it.
 */
final class PromQl {
    private static final java.util.regex.Pattern SAFE_VALUE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_.:|()\\[\\]+*$-]*");

    private PromQl() {}

    /** {@code name{a="b",c=~"d"}}: matchers in order, each {@code label=value}, {@code label=~regex} or {@code label!=value}. */
    static String selector(String series, Map<String, String> matchers) {
        String inner = matchers.entrySet().stream()
                .map(e -> {
                    String key = e.getKey();
                    String op = key.endsWith("~") ? "=~" : key.endsWith("!") ? "!=" : "=";
                    String label = op.equals("=") ? key : key.substring(0, key.length() - 1);
                    if (!SAFE_VALUE.matcher(e.getValue()).matches()) {
                        throw new IllegalArgumentException("not a safe label value: " + e.getValue());
                    }
                    return label + op + "\"" + e.getValue() + "\"";
                })
                .collect(Collectors.joining(","));
        return series + "{" + inner + "}";
    }

    /** A number as PromQL and promtool read it: {@code 14}, {@code 0.7}, {@code 34359738368}. */
    static String number(BigDecimal value) {
        BigDecimal d = value.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static String number(long value) {
        return Long.toString(value);
    }

    /**
     * The pods of a service: a Deployment's {@code usage-metering-5d8f7c9b6-x2k4p}, not {@code
     * usage-metering-worker-…}; a StatefulSet's {@code ledger-0}, {@code ledger-1}, ...
     */
    static String pods(io.scaleplan.dsl.Service s) {
        return s.isStatefulSet() ? s.name() + "-[0-9]+" : s.name() + "-[a-z0-9]+-[a-z0-9]+";
    }

    /** A pod of {@link #pods} for synthetic series. */
    static String examplePod(io.scaleplan.dsl.Service s) {
        return s.isStatefulSet() ? s.name() + "-0" : s.name() + "-5d8f7c9b6-x2k4p";
    }

    /** Matchers in the order given: {@code ordered("namespace", ns, "pod~", regex)}. */
    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The sum over a service's pods of a Pods metric's source: {@code sum(rate(c{...}[2m]))} or {@code sum(g{...})}. */
    static String sourceSum(String namespace, io.scaleplan.dsl.Service service, io.scaleplan.dsl.MetricSource src) {
        String series = selector(src.series(), ordered("namespace", namespace, "pod~", pods(service)));
        return src.kind() == io.scaleplan.dsl.MetricSource.Kind.RATE
                ? "sum(rate(" + series + "[" + RuleFiles.duration(src.window()) + "]))"
                : "sum(" + series + ")";
    }

    /**
     * Where the monitoring counts a service's requests: the counter behind the metric the plan
     * declares its request rate ({@code requestRate(name)}), whatever the metric is called.
     *
     * @param sum the load in rps: {@code sum(rate(series{...}[window]))}
     * @param probe one series of it, as a promtool probe writes it
     * @param source the metric's source, a counter
     */
    record Load(String sum, String probe, io.scaleplan.dsl.MetricSource source) {}

    /**
     * The load of {@code service}: from its first declared request rate with a counter source, a
     * Pods metric (summed over its pods), an Object metric (the object's series, labelled with the
     * namespace and the object's kind) or an External metric (the series its selector picks).
     */
    static java.util.Optional<Load> load(String namespace, io.scaleplan.dsl.Service service) {
        io.scaleplan.dsl.Autoscaling a = service.autoscaling().orElseThrow();
        for (io.scaleplan.dsl.PodsMetric m : a.podsMetrics()) {
            if (m.isRequestRate() && isCounter(m.source())) {
                io.scaleplan.dsl.MetricSource src = m.source().get();
                return java.util.Optional.of(new Load(
                        sourceSum(namespace, service, src),
                        selector(src.series(), ordered("namespace", namespace, "pod", examplePod(service))),
                        src));
            }
        }
        for (io.scaleplan.dsl.ObjectMetric m : a.objectMetrics()) {
            if (m.isRequestRate() && isCounter(m.source())) {
                io.scaleplan.dsl.MetricSource src = m.source().get();
                String series = selector(
                        src.series(),
                        ordered(
                                "namespace",
                                namespace,
                                m.objectLabel(),
                                m.object().name()));
                return java.util.Optional.of(new Load(rateSum(series, src), series, src));
            }
        }
        for (io.scaleplan.dsl.ExternalMetric m : a.externalMetrics()) {
            if (m.isRequestRate() && isCounter(m.source())) {
                io.scaleplan.dsl.MetricSource src = m.source().get();
                String series = selector(src.series(), m.selector());
                return java.util.Optional.of(new Load(rateSum(series, src), series, src));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isCounter(java.util.Optional<io.scaleplan.dsl.MetricSource> source) {
        return source.map(s -> s.kind() == io.scaleplan.dsl.MetricSource.Kind.RATE)
                .orElse(false);
    }

    private static String rateSum(String series, io.scaleplan.dsl.MetricSource src) {
        return "sum(rate(" + series + "[" + RuleFiles.duration(src.window()) + "]))";
    }

    /**
     * The ready pods of a service, from kube-state-metrics: {@code
     * kube_deployment_status_replicas_ready{deployment=...}} or {@code
     * kube_statefulset_status_replicas_ready{statefulset=...}}.
     */
    static String ready(String namespace, io.scaleplan.dsl.Service s) {
        String resource = s.workload().resource();
        return selector(
                "kube_" + resource + "_status_replicas_ready", ordered("namespace", namespace, resource, s.name()));
    }

    /** The matcher of the plan's namespaces: {@code namespace="shop"}, or a regex over several. */
    static Map<String, String> namespaces(io.scaleplan.dsl.ScalingPlan plan) {
        return plan.spansNamespaces()
                ? ordered(
                        "namespace~",
                        String.join(
                                "|",
                                plan.namespaces().stream().map(n -> n.name()).toList()))
                : ordered("namespace", plan.namespace());
    }

    /** The workload kinds of the plan's autoscaled services, Deployment first. */
    static java.util.SortedSet<io.scaleplan.dsl.WorkloadKind> workloads(io.scaleplan.dsl.ScalingPlan plan) {
        java.util.SortedSet<io.scaleplan.dsl.WorkloadKind> kinds = new java.util.TreeSet<>();
        plan.services().stream().filter(io.scaleplan.dsl.Service::isAutoscaled).forEach(s -> kinds.add(s.workload()));
        return kinds;
    }

    /**
     * The pod names of a workload {@code name} (a regex, a group or a Grafana variable) of any of
     * {@code kinds}: a StatefulSet's {@code name-0} first, so that a StatefulSet named {@code
     * order-db} is not read as a Deployment {@code order}; then a Deployment's {@code
     * name-<hash>-<suffix>}.
     */
    static String pods(String name, java.util.Collection<io.scaleplan.dsl.WorkloadKind> kinds) {
        List<String> shapes = new ArrayList<>();
        if (kinds.contains(io.scaleplan.dsl.WorkloadKind.STATEFUL_SET)) {
            shapes.add(name + "-[0-9]+");
        }
        if (kinds.contains(io.scaleplan.dsl.WorkloadKind.DEPLOYMENT) || shapes.isEmpty()) {
            shapes.add(name + "-[a-z0-9]+-[a-z0-9]+");
        }
        return String.join("|", shapes);
    }

    /**
     * The ready pods of the workload {@code name} of any of {@code kinds} from kube-state-metrics,
     * each kind's series ({@code kube_deployment_status_replicas_ready{deployment=...}}, {@code
     * kube_statefulset_status_replicas_ready{statefulset=...}}) transformed by {@code each} and
     * joined with {@code or}.
     */
    static String ready(
            Map<String, String> namespace,
            String name,
            java.util.Collection<io.scaleplan.dsl.WorkloadKind> kinds,
            java.util.function.BiFunction<String, String, String> each) {
        List<String> parts = new ArrayList<>();
        for (io.scaleplan.dsl.WorkloadKind k : kinds) {
            Map<String, String> matchers = new java.util.LinkedHashMap<>(namespace);
            if (name != null) {
                matchers.put(k.resource(), name);
            }
            parts.add(each.apply(selector("kube_" + k.resource() + "_status_replicas_ready", matchers), k.resource()));
        }
        return String.join(" or ", parts);
    }

    /** The containers of a service's pods in cAdvisor's series (not the pod-level cgroup). */
    static Map<String, String> containers(String namespace, io.scaleplan.dsl.Service s) {
        return ordered("namespace", namespace, "pod~", pods(s), "container!", "");
    }

    /** The pods of the PostgreSQL primary (Bitnami: {@code <release>-primary-0} with read replicas, {@code <release>-0} without). */
    static String postgresPrimaryPods(io.scaleplan.dsl.Postgres pg) {
        return pg.readReplicas() > 0 ? pg.release() + "-primary-[0-9]+" : pg.release() + "-[0-9]+";
    }

    /** The Redis pods (Bitnami: {@code <release>-master-0}, {@code <release>-replicas-N}; a cluster's {@code <release>-N}). */
    static String redisPods(io.scaleplan.dsl.Redis r) {
        return r.isCluster() ? r.release() + "-[0-9]+" : r.release() + "-(master|replicas)-[0-9]+";
    }
}
