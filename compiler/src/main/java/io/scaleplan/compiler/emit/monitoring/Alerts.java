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
import io.scaleplan.compiler.render.Quantities;
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
        plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .filter(Service::isAutoscaled)
                .forEach(a::service);
        a.ns = plan.namespace();
        // The exporters' pods are a Bitnami release's: an instance in the team's chart or a managed
        // one has no pods of known names here (docs/data-tier.md, known limits).
        plan.databases().stream().filter(Postgres::isBitnami).forEach(a::postgres);
        plan.caches().stream().filter(Redis::isBitnami).forEach(a::redis);
        return List.copyOf(a.out);
    }

    // ---- services

    private void service(Service s) {
        ns = plan.namespaceOf(s).name();
        Autoscaling a = s.autoscaling().orElseThrow();
        String hpa = ClusterObject.hpaName(s.name());
        int max = a.maxReplicas();
        Map<String, String> hpaMatchers = ordered("namespace", ns, "horizontalpodautoscaler", hpa);
        String current = selector("kube_horizontalpodautoscaler_status_current_replicas", hpaMatchers);
        add(
                SERVICES,
                "ScaleplanAtMaxReplicas",
                "max(" + current + ") >= " + max,
                Duration.ofMinutes(15),
                labels("warning", s, null),
                s.name() + " has run at its maxReplicas (" + max + ") for 15 minutes",
                "The HPA " + hpa + " holds " + s.name() + " at maxReplicas " + max + " (plan " + plan.name()
                        + ": " + a.minReplicas() + ".." + max + " replicas)"
                        + resolved.capacity(s)
                                .capacityAt(max)
                                .map(c -> ", which serve " + c + " rps at "
                                        + s.capacity().get().perPod().perSecond() + " rps per pod")
                                .orElse("")
                        + ". More load is not served by more pods: check load against capacity and raise"
                        + " maxReplicas in the plan.",
                new Probe(
                        "current replicas >= maxReplicas " + max,
                        List.of(gauge(current, max)),
                        List.of(gauge(current, max - 1))));
        unmetDemand(s, a);
        load(s, a);
        String condition = selector(
                "kube_horizontalpodautoscaler_status_condition",
                ordered(
                        "namespace",
                        ns,
                        "horizontalpodautoscaler",
                        hpa,
                        "condition",
                        "ScalingActive",
                        "status",
                        "false"));
        add(
                SERVICES,
                "ScaleplanHpaMetricsUnavailable",
                "max(" + condition + ") == 1",
                Duration.ofMinutes(5),
                labels("critical", s, null),
                "The HPA " + hpa + " cannot read its metrics (ScalingActive=False)",
                "The runbook's 'Metrics not available': the HPA of " + s.name() + " cannot compute "
                        + metricNames(a) + " and does not scale (it stays within " + a.minReplicas() + ".." + max
                        + "). Check metrics-server, the metrics adapter and kubectl describe hpa " + hpa + ".",
                new Probe("ScalingActive=False", List.of(gauge(condition, 1)), List.of(gauge(condition, 0))));
        for (PodsMetric m : a.podsMetrics()) {
            m.source().ifPresent(src -> sourceMissing(s, a, m, src));
        }
    }

    private void unmetDemand(Service s, Autoscaling a) {
        int max = a.maxReplicas();
        String pods = PromQl.pods(s);
        a.cpuUtilization().ifPresent(target -> s.resources().cpuRequest().ifPresent(request -> {
            BigDecimal cores = BigDecimal.valueOf(request.millicores()).movePointLeft(3);
            BigDecimal limit = cores.multiply(BigDecimal.valueOf(target.value()))
                    .movePointLeft(2)
                    .multiply(BigDecimal.valueOf(max));
            add(
                    SERVICES,
                    "ScaleplanUnmetDemand",
                    "sum(rate(" + selector("container_cpu_usage_seconds_total", PromQl.containers(ns, s)) + "["
                            + CPU_WINDOW + "])) > " + number(limit),
                    Duration.ofMinutes(5),
                    labels("critical", s, "cpu"),
                    s.name() + " needs more than maxReplicas " + max + " pods for its CPU",
                    "CPU use of " + s.name() + " exceeds " + number(limit) + " cores: " + max + " pods × "
                            + target.value() + "% of a CPU request of " + Quantities.cpu(request) + ". The HPA would"
                            + " scale past maxReplicas " + max + " if it could; the pods run hotter than the plan's"
                            + " target. Raise maxReplicas in the plan.",
                    new Probe(
                            "CPU cores used > " + number(limit) + " (" + max + " × " + target.value() + "% of "
                                    + Quantities.cpu(request) + ")",
                            List.of(counter(
                                    selector("container_cpu_usage_seconds_total", examplePodMatchers(s)),
                                    above(limit))),
                            List.of(counter(
                                    selector("container_cpu_usage_seconds_total", examplePodMatchers(s)),
                                    below(limit)))));
        }));
        a.memoryUtilization().ifPresent(target -> s.resources().memoryRequest().ifPresent(request -> {
            BigDecimal limit = BigDecimal.valueOf(request.bytes())
                    .multiply(BigDecimal.valueOf(target.value()))
                    .movePointLeft(2)
                    .multiply(BigDecimal.valueOf(max))
                    .setScale(0, RoundingMode.FLOOR);
            String memory = selector("container_memory_working_set_bytes", PromQl.containers(ns, s));
            add(
                    SERVICES,
                    "ScaleplanUnmetDemand",
                    "sum(" + memory + ") > " + number(limit),
                    Duration.ofMinutes(5),
                    labels("critical", s, "memory"),
                    s.name() + " needs more than maxReplicas " + max + " pods for its memory",
                    "Memory in use by " + s.name() + " exceeds " + number(limit) + " bytes: " + max + " pods × "
                            + target.value() + "% of a memory request of " + Quantities.memory(request)
                            + ". The HPA would"
                            + " scale past maxReplicas " + max + " if it could. Raise maxReplicas in the plan.",
                    new Probe(
                            "memory working set > " + number(limit) + " bytes (" + max + " × " + target.value()
                                    + "% of " + Quantities.memory(request) + ")",
                            List.of(gauge(
                                    selector("container_memory_working_set_bytes", examplePodMatchers(s)),
                                    limit.add(BigDecimal.valueOf(1 << 20)))),
                            List.of(gauge(
                                    selector("container_memory_working_set_bytes", examplePodMatchers(s)), limit))));
        }));
        for (PodsMetric m : a.podsMetrics()) {
            if (m.source().isEmpty()) {
                continue;
            }
            MetricSource src = m.source().get();
            BigDecimal limit = m.averageValue().multiply(BigDecimal.valueOf(max));
            add(
                    SERVICES,
                    "ScaleplanUnmetDemand",
                    sourceSum(s, src) + " > " + number(limit),
                    Duration.ofMinutes(5),
                    labels("critical", s, m.name()),
                    s.name() + " needs more than maxReplicas " + max + " pods for " + m.name(),
                    m.name() + " summed over the pods of " + s.name() + " exceeds " + number(limit) + ": " + max
                            + " pods × the HPA's target of " + Numbers.format(m.averageValue())
                            + " per pod. The HPA would scale past maxReplicas " + max
                            + " if it could. Raise maxReplicas in the plan.",
                    new Probe(
                            m.name() + " total > " + number(limit) + " (" + max + " × "
                                    + Numbers.format(m.averageValue()) + ")",
                            List.of(sourceSeries(s, src, above(limit))),
                            List.of(sourceSeries(
                                    s, src, src.kind() == MetricSource.Kind.RATE ? below(limit) : limit))));
        }
    }

    /** Load against the ready pods' capacity, where the plan says what a pod serves and where the load is counted. */
    private void load(Service s, Autoscaling a) {
        if (s.capacity().isEmpty()) {
            return;
        }
        Optional<PromQl.Load> rate = PromQl.load(ns, s);
        if (rate.isEmpty()) {
            return;
        }
        Capacity cap = s.capacity().get();
        MetricSource src = rate.get().source();
        String probeSeries = rate.get().probe();
        long perPod = cap.perPod().perSecond();
        String load = rate.get().sum();
        String readySeries = PromQl.ready(ns, s);
        String ready = "sum(" + readySeries + ")";
        int probePods = a.minReplicas();
        long capacityAtProbe = perPod * probePods;
        add(
                SERVICES,
                "ScaleplanLoadAboveReadyCapacity",
                load + " > " + ready + " * " + perPod,
                Duration.ofMinutes(5),
                labels("critical", s, null),
                s.name() + " receives more requests than its ready pods serve (" + perPod + " rps each)",
                "Requests to " + s.name() + " (" + src.series() + ") exceed the ready pods × " + perPod
                        + " rps per pod, the plan's capacity per pod: requests queue or fail. Check that the HPA"
                        + " is scaling and that new pods become ready.",
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
        add(
                SERVICES,
                "ScaleplanHeadroomBelowPlan",
                load + " * " + number(headroom) + " > " + ready + " * " + perPod,
                Duration.ofMinutes(15),
                labels("warning", s, null),
                s.name() + " runs with less headroom than the plan's " + number(headroom),
                "The ready pods of " + s.name() + " serve " + perPod + " rps each; the plan keeps a headroom of "
                        + number(headroom) + " above the load, and the load is above ready capacity / "
                        + number(headroom) + " for 15 minutes. The HPA should be adding pods; if it is at"
                        + " maxReplicas " + a.maxReplicas() + ", raise it in the plan.",
                new Probe(
                        "rps × " + number(headroom) + " > ready pods × " + perPod + " (" + probePods
                                + " ready pods: rps > " + number(edge) + ")",
                        List.of(gauge(readySeries, probePods), counter(probeSeries, above(edge))),
                        List.of(gauge(readySeries, probePods), counter(probeSeries, below(edge)))));
    }

    private void sourceMissing(Service s, Autoscaling a, PodsMetric m, MetricSource src) {
        String series = selector(src.series(), ordered("namespace", ns, "pod~", PromQl.pods(s)));
        List<Series> others = new ArrayList<>();
        for (PodsMetric o : a.podsMetrics()) {
            if (o != m && o.source().isPresent() && !o.source().get().series().equals(src.series())) {
                others.add(sourceSeries(s, o.source().get(), BigDecimal.ONE));
            }
        }
        List<Series> present = new ArrayList<>(others);
        present.add(sourceSeries(s, src, BigDecimal.ONE));
        add(
                SERVICES,
                "ScaleplanPodsMetricSourceMissing",
                "absent(" + series + ")",
                Duration.ofMinutes(10),
                labels("critical", s, m.name()),
                "No " + src.series() + " from the pods of " + s.name() + ": the HPA has no " + m.name(),
                "prometheus-adapter derives " + m.name() + " (the HPA's target: " + Numbers.format(m.averageValue())
                        + " per pod) from " + src.series() + ", which Prometheus does not have for the pods of "
                        + s.name() + ". The HPA reports 'Metrics not available' and scales on its other metrics"
                        + " only. Check that Prometheus scrapes the pods and that the application exports the"
                        + " series.",
                new Probe("no " + src.series() + " series for " + s.name(), others, present));
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
        return ordered("namespace", ns, "pod", PromQl.examplePod(s), "container", s.name());
    }

    private String sourceSum(Service s, MetricSource src) {
        return PromQl.sourceSum(ns, s, src);
    }

    /** A source series whose sum over the service's pods is {@code total} (per second for a counter). */
    private Series sourceSeries(Service s, MetricSource src, BigDecimal total) {
        String series = selector(src.series(), ordered("namespace", ns, "pod", PromQl.examplePod(s)));
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

    private static String metricNames(Autoscaling a) {
        List<String> names = new ArrayList<>();
        a.cpuUtilization().ifPresent(p -> names.add("CPU (" + p.value() + "%)"));
        a.memoryUtilization().ifPresent(p -> names.add("memory (" + p.value() + "%)"));
        a.podsMetrics().forEach(m -> names.add(m.name() + " (" + Numbers.format(m.averageValue()) + " per pod)"));
        a.containerResourceMetrics().forEach(m -> names.add(m.label()));
        a.objectMetrics().forEach(m -> names.add(m.name() + " of " + m.object() + " (" + m.target() + ")"));
        a.externalMetrics().forEach(m -> names.add(m.name() + " (" + m.target() + ")"));
        return names.isEmpty() ? "CPU (80%, the default)" : String.join(", ", names);
    }
}
