package io.scaleplan.compiler.emit.monitoring;

import static io.scaleplan.compiler.emit.monitoring.PromQl.number;
import static io.scaleplan.compiler.emit.monitoring.PromQl.ordered;
import static io.scaleplan.compiler.emit.monitoring.PromQl.selector;

import io.scaleplan.compiler.emit.monitoring.Alert.Probe;
import io.scaleplan.compiler.emit.monitoring.Alert.Series;
import io.scaleplan.compiler.emit.redis.RedisEmitter;
import io.scaleplan.compiler.render.DataTierFiles;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts of a plan, every threshold taken from the resolved plan: maxReplicas and the HPA's
 * targets from the model, capacity and headroom from {@link CapacityPlanner}, {@code
 * max_connections} and the budget from {@link ConnectionBudget}, restart-only settings from {@link
 * Tuning}, maxmemory from the model as {@link RedisEmitter} writes it.
 *
 * <p>Metric names are kube-state-metrics' ({@code kube_horizontalpodautoscaler_*}, {@code
 * kube_deployment_status_replicas_ready}, {@code kube_statefulset_status_replicas_ready}), cAdvisor's ({@code container_cpu_usage_seconds_total},
 * {@code container_memory_working_set_bytes}), postgres_exporter's ({@code pg_stat_activity_count},
 * {@code pg_settings_*}), redis_exporter's ({@code redis_memory_used_bytes}, {@code
 * redis_evicted_keys_total}) and the application's own Pods metric sources.
 */
public final class Alerts {
    /** Share of max_connections at which connections are reported as near the limit. */
    public static final BigDecimal CONNECTIONS_SHARE = new BigDecimal("0.8");
    /** Share of maxmemory at which Redis memory is reported as near it. */
    public static final BigDecimal REDIS_MEMORY_SHARE = new BigDecimal("0.9");
    /** The window of {@code rate()} over cAdvisor's CPU counter. */
    static final String CPU_WINDOW = "5m";
    /** The window over which evictions count as rising. */
    static final String EVICTION_WINDOW = "10m";

    /** {@code share} of {@code total}, rounded up: the first whole value an alert at that share fires at. */
    static long atShare(BigDecimal share, long total) {
        return share.multiply(BigDecimal.valueOf(total))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** A share as a percentage: {@code 80}. */
    static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString();
    }

    static final String SERVICES = "services";
    static final String POSTGRESQL = "postgresql";
    static final String REDIS = "redis";

    private final ResolvedPlan resolved;
    private final ScalingPlan plan;
    private final String runbook;
    /** The namespace of what the alerts being made are about: the service's, or the plan's for the data tier. */
    private String ns;

    private final List<Alert> out = new ArrayList<>();

    private Alerts(ResolvedPlan resolved, String runbook) {
        this.resolved = resolved;
        this.plan = resolved.plan();
        this.runbook = runbook;
        this.ns = plan.namespace();
    }

    /** Every alert of {@code plan}; {@code runbook} is the link to its APPLY.md. */
    public static List<Alert> of(ResolvedPlan resolved, String runbook) {
        ScalingPlan plan = resolved.plan();
        Alerts a = new Alerts(resolved, runbook);
        List<Service> autoscaled = plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .filter(Service::isAutoscaled)
                .toList();
        if (!autoscaled.isEmpty()) {
            a.services(autoscaled);
        }
        a.ns = plan.namespace();
        // The exporters' pods are a Bitnami release's: an instance in the team's chart or a managed
        // one has no pods of known names here (docs/data-tier.md, known limits).
        plan.databases().stream().filter(Postgres::isBitnami).forEach(a::postgres);
        plan.caches().stream().filter(Redis::isBitnami).forEach(a::redis);
        return List.copyOf(a.out);
    }

    // ---- services: one rule per alert over every service, thresholds from the plan's series

    private void services(List<Service> autoscaled) {
        Service first = autoscaled.get(0);
        atMaxReplicas(first);
        firstWith(autoscaled, s -> cpuTarget(s).isPresent()).ifPresent(this::unmetCpu);
        firstWith(autoscaled, s -> memoryTarget(s).isPresent()).ifPresent(this::unmetMemory);
        firstWith(autoscaled, s -> sourcedMetric(s).isPresent()).ifPresent(this::unmetPodsMetric);
        firstWith(autoscaled, s -> requestRate(s).isPresent()).ifPresent(this::load);
        hpaMetricsUnavailable(first);
        firstWith(autoscaled, s -> sourcedMetric(s).isPresent()).ifPresent(s -> sourceMissing(s, autoscaled));
    }

    private static Optional<Service> firstWith(List<Service> services, java.util.function.Predicate<Service> p) {
        return services.stream().filter(p).findFirst();
    }

    /**
     * The plan's series of this plan, in each of its namespaces: {@code
     * scaleplan_plan:max_replicas{namespace="shop",scaleplan_plan="prod"}}.
     */
    private String planSeries(String series) {
        Map<String, String> matchers = PromQl.namespaces(plan);
        matchers.put("scaleplan_plan", plan.name());
        return selector(series, matchers);
    }

    /** The declared request rate of {@code s}, where it has a capacity to compare it with. */
    private Optional<PromQl.Load> requestRate(Service s) {
        return s.capacity().isPresent() ? PromQl.load(plan.namespaceOf(s).name(), s) : Optional.empty();
    }

    /** {@code series} with a {@code service} label taken from {@code label} by {@code regex}'s group. */
    private static String byService(String series, String label, String regex) {
        return byService(series, label, regex, "$1");
    }

    /** {@code series} with a {@code service} label {@code replacement} taken from {@code label} by {@code regex}. */
    private static String byService(String series, String label, String regex, String replacement) {
        return "label_replace(" + series + ", \"service\", \"" + replacement + "\", \"" + label + "\", \"" + regex
                + "\")";
    }

    /** Per service, the HPA's series {@code name} (aggregated by {@code how}). */
    private String hpaByService(String how, String name, Map<String, String> more) {
        Map<String, String> matchers = PromQl.namespaces(plan);
        matchers.putAll(more);
        return how + " by (namespace, service) ("
                + byService(selector(name, matchers), "horizontalpodautoscaler", ClusterObject.hpaName("(.+)")) + ")";
    }

    /**
     * Per service, a cAdvisor series summed over the containers of its pods: the service is the
     * pod's name without a StatefulSet's ordinal or a Deployment's hashes, as the plan's kinds have
     * them (with both, the first group that matches: {@link PromQl#pods(String, java.util.Collection)}).
     */
    private String containersByService(String series) {
        java.util.SortedSet<io.scaleplan.dsl.WorkloadKind> kinds = PromQl.workloads(plan);
        return "sum by (namespace, service) ("
                + byService(series, "pod", PromQl.pods("(.+)", kinds), kinds.size() > 1 ? "$1$2" : "$1") + ")";
    }

    /** The containers of the plan's pods, in each of its namespaces. */
    private Map<String, String> containers() {
        Map<String, String> matchers = PromQl.namespaces(plan);
        matchers.put("container!", "");
        return matchers;
    }

    /** Per service, the ready pods of its Deployment or StatefulSet. */
    private String readyByService() {
        return "sum by (namespace, service) ("
                + PromQl.ready(
                        PromQl.namespaces(plan),
                        null,
                        PromQl.workloads(plan),
                        (series, label) -> byService(series, label, "(.+)"))
                + ")";
    }

    private void atMaxReplicas(Service s) {
        ns = plan.namespaceOf(s).name();
        Autoscaling a = s.autoscaling().orElseThrow();
        int max = a.maxReplicas();
        Map<String, String> hpaMatchers =
                ordered("namespace", ns, "horizontalpodautoscaler", ClusterObject.hpaName(s.name()));
        String current = selector("kube_horizontalpodautoscaler_status_current_replicas", hpaMatchers);
        byLabel(
                "ScaleplanAtMaxReplicas",
                planSeries(PlanSeries.MAX_REPLICAS) + " <= on (namespace, service) group_left "
                        + hpaByService("max", "kube_horizontalpodautoscaler_status_current_replicas", Map.of()),
                Duration.ofMinutes(15),
                "warning",
                s,
                null,
                false,
                max,
                "{{ $labels.service }} has run at its maxReplicas ({{ $value }}) for 15 minutes",
                "The HPA of {{ $labels.service }} holds it at maxReplicas {{ $value }} (plan " + plan.name()
                        + "; the ranges and the capacity they serve are in CAPACITY.md). More load is not served by"
                        + " more pods: check load against capacity and raise maxReplicas in the plan.",
                new Probe(
                        "current replicas >= maxReplicas " + max,
                        List.of(gauge(current, max)),
                        List.of(gauge(current, max - 1))));
    }

    private static Optional<BigDecimal> cpuTarget(Service s) {
        Autoscaling a = s.autoscaling().orElseThrow();
        return a.cpuUtilization()
                .flatMap(target -> s.resources().cpuRequest().map(request -> BigDecimal.valueOf(request.millicores())
                        .movePointLeft(3)
                        .multiply(BigDecimal.valueOf(target.value()))
                        .movePointLeft(2)));
    }

    private static Optional<BigDecimal> memoryTarget(Service s) {
        Autoscaling a = s.autoscaling().orElseThrow();
        return a.memoryUtilization()
                .flatMap(target -> s.resources().memoryRequest().map(request -> BigDecimal.valueOf(request.bytes())
                        .multiply(BigDecimal.valueOf(target.value()))
                        .movePointLeft(2)));
    }

    private static Optional<PodsMetric> sourcedMetric(Service s) {
        return s.autoscaling().orElseThrow().podsMetrics().stream()
                .filter(m -> m.source().isPresent())
                .findFirst();
    }

    private void unmetCpu(Service s) {
        ns = plan.namespaceOf(s).name();
        int max = s.autoscaling().orElseThrow().maxReplicas();
        BigDecimal limit = cpuTarget(s).orElseThrow().multiply(BigDecimal.valueOf(max));
        String used = containersByService(
                "rate(" + selector("container_cpu_usage_seconds_total", containers()) + "[" + CPU_WINDOW + "])");
        String series = selector("container_cpu_usage_seconds_total", examplePodMatchers(s));
        byLabel(
                "ScaleplanUnmetDemand",
                planSeries(PlanSeries.MAX_REPLICAS) + " < on (namespace, service) group_left () (" + used
                        + " / on (namespace, service) " + planSeries(PlanSeries.CPU_TARGET) + ")",
                Duration.ofMinutes(5),
                "critical",
                s,
                "cpu",
                true,
                max,
                "{{ $labels.service }} needs more than maxReplicas {{ $value }} pods for its CPU",
                "The CPU use of {{ $labels.service }} needs more than maxReplicas {{ $value }} pods at the HPA's"
                        + " target (scaleplan_plan:cpu_target_cores: the target × the CPU request per pod). The HPA"
                        + " would scale past maxReplicas if it could; the pods run hotter than the plan's target."
                        + " Raise maxReplicas in the plan.",
                new Probe(
                        "CPU cores used > " + number(limit) + " (" + max + " × "
                                + number(cpuTarget(s).get()) + ")",
                        List.of(counter(series, above(limit))),
                        List.of(counter(series, below(limit)))));
    }

    private void unmetMemory(Service s) {
        ns = plan.namespaceOf(s).name();
        int max = s.autoscaling().orElseThrow().maxReplicas();
        BigDecimal limit = memoryTarget(s).orElseThrow().multiply(BigDecimal.valueOf(max));
        BigDecimal mib = BigDecimal.valueOf(1 << 20);
        String used = containersByService(selector("container_memory_working_set_bytes", containers()));
        String series = selector("container_memory_working_set_bytes", examplePodMatchers(s));
        byLabel(
                "ScaleplanUnmetDemand",
                planSeries(PlanSeries.MAX_REPLICAS) + " < on (namespace, service) group_left () (" + used
                        + " / on (namespace, service) " + planSeries(PlanSeries.MEMORY_TARGET) + ")",
                Duration.ofMinutes(5),
                "critical",
                s,
                "memory",
                true,
                max,
                "{{ $labels.service }} needs more than maxReplicas {{ $value }} pods for its memory",
                "The memory in use by {{ $labels.service }} needs more than maxReplicas {{ $value }} pods at the"
                        + " HPA's target (scaleplan_plan:memory_target_bytes: the target × the memory request per"
                        + " pod). The HPA would scale past maxReplicas if it could. Raise maxReplicas in the plan.",
                new Probe(
                        "memory working set > " + number(limit.setScale(0, RoundingMode.FLOOR)) + " bytes (" + max
                                + " × " + number(memoryTarget(s).get()) + ")",
                        List.of(gauge(series, limit.add(mib).setScale(0, RoundingMode.CEILING))),
                        List.of(gauge(series, limit.subtract(mib).setScale(0, RoundingMode.FLOOR)))));
    }

    private void unmetPodsMetric(Service s) {
        ns = plan.namespaceOf(s).name();
        int max = s.autoscaling().orElseThrow().maxReplicas();
        PodsMetric m = sourcedMetric(s).orElseThrow();
        MetricSource src = m.source().get();
        BigDecimal limit = m.averageValue().multiply(BigDecimal.valueOf(max));
        byLabel(
                "ScaleplanUnmetDemand",
                planSeries(PlanSeries.PODS_METRIC_SOURCE) + " / " + planSeries(PlanSeries.PODS_METRIC_TARGET)
                        + " > on (namespace, scaleplan_plan, service) group_left "
                        + planSeries(PlanSeries.MAX_REPLICAS),
                Duration.ofMinutes(5),
                "critical",
                s,
                m.name(),
                false,
                max,
                "{{ $labels.service }} needs more than its maxReplicas pods for {{ $labels.metric }}",
                "{{ $labels.metric }} summed over the pods of {{ $labels.service }}"
                        + " (scaleplan_service:pods_metric_source) needs more than maxReplicas pods at the HPA's"
                        + " target per pod (scaleplan_plan:pods_metric_target). The HPA would scale past"
                        + " maxReplicas if it could. Raise maxReplicas in the plan.",
                new Probe(
                        m.name() + " total > " + number(limit) + " (" + max + " × " + Numbers.format(m.averageValue())
                                + ")",
                        List.of(sourceSeries(s, src, above(limit))),
                        List.of(sourceSeries(s, src, below(limit)))));
    }

    /** Load against the ready pods' capacity, where the plan says what a pod serves and where the load is counted. */
    private void load(Service s) {
        ns = plan.namespaceOf(s).name();
        Autoscaling a = s.autoscaling().orElseThrow();
        Capacity cap = s.capacity().get();
        String probeSeries = requestRate(s).orElseThrow().probe();
        long perPod = cap.perPod().perSecond();
        String readySeries = PromQl.ready(ns, s);
        String readyCapacity =
                "(" + readyByService() + " * on (namespace, service) " + planSeries(PlanSeries.CAPACITY_PER_POD) + ")";
        int probePods = a.minReplicas();
        long capacityAtProbe = perPod * probePods;
        byLabel(
                "ScaleplanLoadAboveReadyCapacity",
                planSeries(PlanSeries.LOAD) + " > on (namespace, service) group_left () " + readyCapacity,
                Duration.ofMinutes(5),
                "critical",
                s,
                null,
                false,
                0,
                "{{ $labels.service }} receives more requests than its ready pods serve",
                "Requests to {{ $labels.service }} (scaleplan_service:load_rps) exceed the ready pods × the plan's"
                        + " capacity per pod (scaleplan_plan:capacity_per_pod_rps): requests queue or fail. Check"
                        + " that the HPA is scaling and that new pods become ready.",
                new Probe(
                        "rps > ready pods × " + perPod + " (" + probePods + " ready pods: > " + capacityAtProbe + ")",
                        List.of(
                                gauge(readySeries, probePods),
                                counter(probeSeries, above(BigDecimal.valueOf(capacityAtProbe)))),
                        List.of(
                                gauge(readySeries, probePods),
                                counter(probeSeries, below(BigDecimal.valueOf(capacityAtProbe))))));
        BigDecimal headroom = BigDecimal.valueOf(cap.headroom()).stripTrailingZeros();
        BigDecimal edge = BigDecimal.valueOf(capacityAtProbe).divide(headroom, 6, RoundingMode.HALF_EVEN);
        byLabel(
                "ScaleplanHeadroomBelowPlan",
                planSeries(PlanSeries.LOAD) + " * " + planSeries(PlanSeries.HEADROOM)
                        + " > on (namespace, service) group_left () " + readyCapacity,
                Duration.ofMinutes(15),
                "warning",
                s,
                null,
                false,
                0,
                "{{ $labels.service }} runs with less headroom than the plan's",
                "The load of {{ $labels.service }} × the plan's headroom (scaleplan_plan:headroom) is above its"
                        + " ready pods × capacity per pod for 15 minutes. The HPA should be adding pods; if it is at"
                        + " maxReplicas, raise it in the plan.",
                new Probe(
                        "rps × " + number(headroom) + " > ready pods × " + perPod + " (" + probePods
                                + " ready pods: rps > " + number(edge) + ")",
                        List.of(gauge(readySeries, probePods), counter(probeSeries, above(edge))),
                        List.of(gauge(readySeries, probePods), counter(probeSeries, below(edge)))));
    }

    private void hpaMetricsUnavailable(Service s) {
        ns = plan.namespaceOf(s).name();
        int max = s.autoscaling().orElseThrow().maxReplicas();
        Map<String, String> inactive = ordered("condition", "ScalingActive", "status", "false");
        Map<String, String> probe =
                ordered("namespace", ns, "horizontalpodautoscaler", ClusterObject.hpaName(s.name()));
        probe.putAll(inactive);
        String condition = selector("kube_horizontalpodautoscaler_status_condition", probe);
        byLabel(
                "ScaleplanHpaMetricsUnavailable",
                planSeries(PlanSeries.MAX_REPLICAS) + " and on (namespace, service) ("
                        + hpaByService("max", "kube_horizontalpodautoscaler_status_condition", inactive) + " == 1)",
                Duration.ofMinutes(5),
                "critical",
                s,
                null,
                false,
                max,
                "The HPA of {{ $labels.service }} cannot read its metrics (ScalingActive=False)",
                "The runbook's 'Metrics not available': the HPA of {{ $labels.service }} cannot compute its"
                        + " metrics and does not scale (it stays within its range, at most {{ $value }} replicas)."
                        + " Check metrics-server (CPU, memory and ContainerResource metrics), the metrics adapter"
                        + " (Pods, Object and External metrics: monitoring/prometheus-adapter.yaml) and kubectl"
                        + " describe hpa of {{ $labels.service }}.",
                new Probe("ScalingActive=False", List.of(gauge(condition, 1)), List.of(gauge(condition, 0))));
    }

    /**
     * A Pods metric whose source Prometheus lacks. The probe feeds every other declared source of the
     * plan, so that only the probe's metric is missing.
     */
    private void sourceMissing(Service s, List<Service> autoscaled) {
        ns = plan.namespaceOf(s).name();
        PodsMetric m = sourcedMetric(s).orElseThrow();
        MetricSource src = m.source().get();
        List<Series> others = new ArrayList<>();
        for (Service o : autoscaled) {
            for (PodsMetric om : o.autoscaling().orElseThrow().podsMetrics()) {
                if ((o != s || om != m) && om.source().isPresent()) {
                    Series series = sourceSeries(o, om.source().get(), BigDecimal.ONE);
                    if (!others.contains(series)
                            && (o != s || !om.source().get().series().equals(src.series()))) {
                        others.add(series);
                    }
                }
            }
        }
        List<Series> present = new ArrayList<>(others);
        present.add(sourceSeries(s, src, BigDecimal.ONE));
        byLabel(
                "ScaleplanPodsMetricSourceMissing",
                planSeries(PlanSeries.PODS_METRIC_TARGET) + " unless on (namespace, scaleplan_plan, service, metric) "
                        + planSeries(PlanSeries.PODS_METRIC_SOURCE),
                Duration.ofMinutes(10),
                "critical",
                s,
                m.name(),
                false,
                0,
                "No source series of {{ $labels.metric }} from the pods of {{ $labels.service }}: the HPA has no"
                        + " {{ $labels.metric }}",
                "prometheus-adapter derives {{ $labels.metric }} (the HPA's target, scaleplan_plan:pods_metric_target)"
                        + " from the series the plan names as its source (monitoring/prometheus-adapter.yaml), which"
                        + " Prometheus does not have for the pods of {{ $labels.service }}. The HPA reports 'Metrics"
                        + " not available' and scales on its other metrics only. Check that Prometheus scrapes the pods"
                        + " and that the application exports the series.",
                new Probe("no " + src.series() + " series for " + s.name(), others, present));
    }

    /**
     * A rule over every service: {@code severity} (and {@code metric}) are its labels, the series
     * bring {@code namespace}, {@code scaleplan_plan} and {@code service}; the texts are templates,
     * filled for the probe's service {@code s} and {@code value}.
     */
    private void byLabel(
            String name,
            String expr,
            Duration pending,
            String severity,
            Service s,
            String metric,
            boolean ruleNamesMetric,
            long value,
            String summary,
            String description,
            Probe probe) {
        Map<String, String> labels = labels(severity, s, metric);
        Map<String, String> ruleLabels = new LinkedHashMap<>();
        ruleLabels.put("severity", severity);
        if (ruleNamesMetric) {
            ruleLabels.put("metric", metric);
        }
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("summary", summary);
        templates.put("description", description);
        templates.put("runbook_url", runbook);
        out.add(new Alert(
                SERVICES,
                name,
                expr,
                pending,
                labels,
                Alert.fill(summary, labels, value),
                Alert.fill(description, labels, value),
                runbook,
                probe,
                ruleLabels,
                templates));
    }

    // ---- PostgreSQL

    private void postgres(Postgres pg) {
        ConnectionBudget budget = resolved.budget(pg);
        String primaryPods = PromQl.postgresPrimaryPods(pg);
        String primaryPod = pg.readReplicas() > 0 ? pg.release() + "-primary-0" : pg.release() + "-0";
        Map<String, String> primary = ordered("namespace", ns, "pod~", primaryPods);
        Map<String, String> probePod = ordered("namespace", ns, "pod", primaryPod);
        String activity = "sum(" + selector("pg_stat_activity_count", primary) + ")";
        int max = budget.maxConnections();
        long near = atShare(CONNECTIONS_SHARE, max);
        String probeSeries = selector(
                "pg_stat_activity_count",
                ordered("namespace", ns, "pod", primaryPod, "datname", "postgres", "state", "active"));
        add(
                POSTGRESQL,
                "ScaleplanPostgresConnectionsNearMax",
                activity + " >= " + near,
                Duration.ofMinutes(10),
                labels("warning", null, null, "release", pg.release()),
                "PostgreSQL " + pg.release() + " has " + near + " or more connections open, "
                        + percent(CONNECTIONS_SHARE)
                        + "% of max_connections " + max,
                "Connections to the primary of " + pg.release() + " are at or above " + near + " of max_connections "
                        + max + "; at " + max + " new pods fail with 'too many clients'. The plan's budget at full"
                        + " scale is " + budget.total() + " (see CAPACITY.md).",
                new Probe(
                        "connections >= " + near + " (" + percent(CONNECTIONS_SHARE) + "% of " + max + ")",
                        List.of(gauge(probeSeries, near)),
                        List.of(gauge(probeSeries, near - 1))));
        add(
                POSTGRESQL,
                "ScaleplanPostgresConnectionsAboveBudget",
                activity + " > " + budget.total(),
                Duration.ofMinutes(10),
                labels("warning", null, null, "release", pg.release()),
                "PostgreSQL " + pg.release() + " has more connections open than the plan's budget of " + budget.total(),
                "The plan budgets " + budget.total() + " connections at full scale (services at maxReplicas plus"
                        + " surge × pool size, other clients, reserved; max_connections " + max + "). More are"
                        + " open: a client the plan does not declare, or pools larger than declared.",
                new Probe(
                        "connections > budget " + budget.total(),
                        List.of(gauge(probeSeries, budget.total() + 1)),
                        List.of(gauge(probeSeries, budget.total()))));
        for (Tuning.Tuned t : resolved.settings(pg).all()) {
            if (!t.requiresRestart(pg.majorVersion()).orElse(false) || t.key().isEmpty()) {
                continue;
            }
            Optional<String[]> metric = exporterSetting(t);
            if (metric.isEmpty()) {
                continue;
            }
            String name = metric.get()[0];
            BigDecimal value = new BigDecimal(metric.get()[1]);
            String series = selector(name, primary);
            BigDecimal other = value.signum() > 0 ? value.subtract(BigDecimal.ONE) : BigDecimal.ONE;
            add(
                    POSTGRESQL,
                    "ScaleplanPostgresSettingPendingRestart",
                    "max(" + series + ") != " + number(value),
                    Duration.ofMinutes(30),
                    labels("warning", null, null, "release", pg.release(), "setting", t.name()),
                    "PostgreSQL " + pg.release() + " does not run with the plan's " + t.name() + " = " + t.value(),
                    t.name() + " takes effect only at a restart. The primary runs with another value than the plan's "
                            + t.value() + ": " + DataTierFiles.sqlFolder(pg)
                            + "10-settings.sql was applied and the restart is pending"
                            + " (pg_settings.pending_restart), or it was not applied. See the restart steps.",
                    new Probe(
                            name + " != " + number(value),
                            List.of(gauge(selector(name, probePod), other)),
                            List.of(gauge(selector(name, probePod), value))));
        }
    }

    /**
     * The postgres_exporter series of a setting and its value in the exporter's units: integers and
     * reals as they are, memory in bytes ({@code _bytes}), booleans as 1 or 0. Enums are not exported.
     */
    static Optional<String[]> exporterSetting(Tuning.Tuned t) {
        PgSetting<?> key = t.key().orElseThrow();
        String base = "pg_settings_" + t.name();
        return switch (key.kind()) {
            case INTEGER, REAL -> Optional.of(new String[] {base, t.value()});
            case MEMORY ->
                Optional.of(new String[] {
                    base + "_bytes", Long.toString(((Memory) t.typed().orElseThrow()).bytes())
                });
            case BOOLEAN -> Optional.of(new String[] {base, t.value().equals("on") ? "1" : "0"});
            case ENUM, CUSTOM -> Optional.empty();
        };
    }

    // ---- Redis

    private void redis(Redis r) {
        String pods = PromQl.redisPods(r);
        String pod = r.isCluster() ? r.release() + "-0" : r.release() + "-master-0";
        Map<String, String> sel = ordered("namespace", ns, "pod~", pods);
        Map<String, String> probePod = ordered("namespace", ns, "pod", pod);
        r.maxmemory().ifPresent(maxmemory -> {
            long near = atShare(REDIS_MEMORY_SHARE, maxmemory.bytes());
            String share = percent(REDIS_MEMORY_SHARE);
            add(
                    REDIS,
                    "ScaleplanRedisMemoryNearMaxmemory",
                    "max(" + selector("redis_memory_used_bytes", sel) + ") >= " + near,
                    Duration.ofMinutes(10),
                    labels("warning", null, null, "release", r.release()),
                    "Redis " + r.release() + " uses " + share + "% or more of its maxmemory "
                            + KubeValues.redisMemory(maxmemory),
                    "A Redis node of " + r.release() + " holds " + near + " bytes or more, " + share
                            + "% of maxmemory " + KubeValues.redisMemory(maxmemory) + " (" + maxmemory.bytes()
                            + " bytes); at maxmemory it "
                            + r.evictionPolicy()
                                    .map(p -> "evicts keys (" + p.redisName() + ")")
                                    .orElse("applies its maxmemory-policy")
                            + ". Raise maxmemory (and the memory limit) in the plan, or shrink the data set.",
                    new Probe(
                            "used memory >= " + near + " bytes (" + share + "% of " + maxmemory.bytes() + ")",
                            List.of(gauge(selector("redis_memory_used_bytes", probePod), near)),
                            List.of(gauge(selector("redis_memory_used_bytes", probePod), near - 1))));
        });
        String evicted = selector("redis_evicted_keys_total", sel);
        add(
                REDIS,
                "ScaleplanRedisEvictionsRising",
                "sum(increase(" + evicted + "[" + EVICTION_WINDOW + "])) > 0",
                Duration.ofMinutes(5),
                labels("warning", null, null, "release", r.release()),
                "Redis " + r.release() + " is evicting keys",
                "Redis " + r.release() + " evicted keys in the last " + EVICTION_WINDOW
                        + ": its data set is at maxmemory "
                        + r.maxmemory().map(KubeValues::redisMemory).orElse("(not set)")
                        + r.evictionPolicy().map(p -> " under " + p.redisName()).orElse("")
                        + ". Cache hit rates fall and load moves to PostgreSQL. Raise maxmemory in the plan.",
                new Probe(
                        "evicted keys increase > 0 over " + EVICTION_WINDOW,
                        List.of(new Series(selector("redis_evicted_keys_total", probePod), "0+1x" + PROBE_SAMPLES)),
                        List.of(new Series(selector("redis_evicted_keys_total", probePod), "5+0x" + PROBE_SAMPLES))));
    }

    // ---- helpers

    private void add(
            String group,
            String name,
            String expr,
            Duration pending,
            Map<String, String> labels,
            String summary,
            String description,
            Probe probe) {
        out.add(new Alert(group, name, expr, pending, labels, summary, description, runbook, probe));
    }

    private Map<String, String> labels(String severity, Service s, String metric, String... more) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.put("namespace", ns);
        labels.put("scaleplan_plan", plan.name());
        if (s != null) {
            labels.put("service", s.name());
        }
        if (metric != null) {
            labels.put("metric", metric);
        }
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    private Map<String, String> examplePodMatchers(Service s) {
        return ordered("namespace", plan.namespaceOf(s).name(), "pod", PromQl.examplePod(s), "container", s.name());
    }

    /** A source series whose sum over the service's pods is {@code total} (per second for a counter). */
    private Series sourceSeries(Service s, MetricSource src, BigDecimal total) {
        String series =
                selector(src.series(), ordered("namespace", plan.namespaceOf(s).name(), "pod", PromQl.examplePod(s)));
        return src.kind() == MetricSource.Kind.RATE ? counter(series, total) : gauge(series, total);
    }

    static final int PROBE_STEP_SECONDS = 30;
    /**
     * How far a rate probe stays from its threshold: rate() extrapolates in floating point, so a
     * counter exactly at a threshold may read a hair above it.
     */
    static final BigDecimal RATE_MARGIN = new BigDecimal("0.001");

    private static BigDecimal above(BigDecimal threshold) {
        return threshold.multiply(BigDecimal.ONE.add(RATE_MARGIN)).setScale(6, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal below(BigDecimal threshold) {
        return threshold.multiply(BigDecimal.ONE.subtract(RATE_MARGIN)).setScale(6, RoundingMode.HALF_EVEN);
    }

    static final int PROBE_SAMPLES = 100;

    private static Series gauge(String series, long value) {
        return new Series(series, value + "+0x" + PROBE_SAMPLES);
    }

    private static Series gauge(String series, BigDecimal value) {
        return new Series(series, number(value) + "+0x" + PROBE_SAMPLES);
    }

    /** A counter rising by {@code perSecond} per second, sampled every {@link #PROBE_STEP_SECONDS}. */
    private static Series counter(String series, BigDecimal perSecond) {
        return new Series(
                series,
                "0+" + number(perSecond.multiply(BigDecimal.valueOf(PROBE_STEP_SECONDS))) + "x" + PROBE_SAMPLES);
    }
}
