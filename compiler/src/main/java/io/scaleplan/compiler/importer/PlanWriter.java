package io.scaleplan.compiler.importer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.scaleplan.compiler.importer.Code.Chain;
import io.scaleplan.compiler.importer.Estate.BehaviorFacts;
import io.scaleplan.compiler.importer.Estate.LoadProfileFact;
import io.scaleplan.compiler.importer.Estate.MetricSourceFact;
import io.scaleplan.compiler.importer.Estate.NodePoolFacts;
import io.scaleplan.compiler.importer.Estate.PodsMetricFact;
import io.scaleplan.compiler.importer.Estate.Policy;
import io.scaleplan.compiler.importer.Estate.ResourceFacts;
import io.scaleplan.compiler.importer.Estate.Rules;
import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import io.scaleplan.compiler.importer.Estate.Stage;
import io.scaleplan.dsl.Capacity;
import io.scaleplan.dsl.MetricSource;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.SelectPolicy;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes the imported estate as a plan source with JavaPoet: a {@code @Plan} class whose {@code
 * define()} is one builder chain, services by their chart handles where the package declares a
 * chart, quantities with {@code Units}, and a comment at the place of everything the plan cannot say.
 */
final class PlanWriter {
    private static final String DSL = "io.scaleplan.dsl";
    private static final ClassName PLAN = ClassName.get(DSL, "Plan");
    private static final ClassName PLAN_DEFINITION = ClassName.get(DSL, "PlanDefinition");
    private static final ClassName SCALING_PLAN = ClassName.get(DSL, "ScalingPlan");
    private static final ClassName OBJECT_OWNER = ClassName.get(DSL, "ObjectOwner");
    private static final ClassName EVICTION_POLICY = ClassName.get(DSL, "EvictionPolicy");
    private static final ClassName MANAGED_SERVICE = ClassName.get(DSL, "ManagedService");
    private static final ClassName SELECT_POLICY = ClassName.get(DSL, "SelectPolicy");
    private static final ClassName PG_SETTING = ClassName.get(DSL, "PgSetting");
    private static final ClassName SEVERITY = ClassName.get(DSL, "Severity");
    private static final ClassName POD_MANAGEMENT = ClassName.get(DSL, "PodManagement");
    private static final ClassName EVENT_PLAN = ClassName.get(DSL, "EventPlan");
    private static final ClassName EVENT_DEFINITION = ClassName.get(DSL, "EventDefinition");
    private static final ClassName METRIC_SOURCE = ClassName.get(DSL, "MetricSource");
    private static final ClassName VALUE_TARGET = ClassName.get(DSL, "ValueTarget");
    private static final ClassName DESCRIBED_OBJECT = ClassName.get(DSL, "DescribedObject");

    private Code code = new Code();
    private final ChartHandles chart;
    private final String packageName;
    private Map<String, Estate.Fact<MetricSourceFact>> metricSources = Map.of();
    private Map<String, Estate.Fact<MetricSourceFact>> objectSources = Map.of();
    private Map<String, Estate.Fact<MetricSourceFact>> externalSources = Map.of();

    PlanWriter(ChartHandles chart, String packageName) {
        this.chart = chart;
        this.packageName = packageName;
    }

    /** The plan source: a {@code PlanDefinition} (an event's base plan when an event was imported). */
    JavaFile write(ResolvedEstate estate, String className, List<String> sources) {
        code = new Code();
        metricSources = estate.facts().metricSources;
        objectSources = estate.facts().objectSources;
        externalSources = estate.facts().externalSources;
        CodeBlock plan =
                Code.render(CodeBlock.of("$T.builder($S)", SCALING_PLAN, estate.planName()), planChain(estate), 8);
        return file(type(
                className,
                javadoc("plan", estate.planName(), sources, estate.facts().resolvedPlanRead),
                PLAN_DEFINITION,
                "define",
                SCALING_PLAN,
                plan));
    }

    /** The event's source: an {@code EventDefinition} whose base is {@code new <baseClass>().define()}. */
    JavaFile writeEvent(ResolvedEstate estate, String className, String baseClass, List<String> sources) {
        code = new Code();
        EventReader.EventFacts event = estate.facts().event;
        CodeBlock body = Code.render(
                CodeBlock.of(
                        "$T.builder($S, new $T().define())",
                        EVENT_PLAN,
                        event.name(),
                        ClassName.get(packageName, baseClass)),
                eventChain(event),
                8);
        return file(type(
                className,
                javadoc("event", event.name(), sources, estate.facts().resolvedPlanRead),
                EVENT_DEFINITION,
                "event",
                EVENT_PLAN,
                body));
    }

    /** {@code @Plan public final class <name> implements <definition>} with one {@code method} returning {@code body}. */
    private static TypeSpec type(
            String className, String javadoc, ClassName definition, String method, ClassName returns, CodeBlock body) {
        return TypeSpec.classBuilder(className)
                .addJavadoc(javadoc)
                .addAnnotation(PLAN)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(definition)
                .addMethod(MethodSpec.methodBuilder(method)
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(returns)
                        .addCode(CodeBlock.builder()
                                .add("return ")
                                .add(body)
                                .add(";\n")
                                .build())
                        .build())
                .build();
    }

    private JavaFile file(TypeSpec type) {
        JavaFile.Builder file =
                JavaFile.builder(packageName, type).indent("    ").skipJavaLangImports(true);
        for (String unit : code.units) {
            file.addStaticImport(Code.UNITS, unit);
        }
        return file.build();
    }

    /** {@code .preScale(hours(24), p -> p.service(...))...postEvent(hours(2)).build()}. */
    private Chain eventChain(EventReader.EventFacts event) {
        Chain chain = new Chain();
        for (EventReader.Phase phase : event.phases()) {
            Chain changes = new Chain();
            phase.services().forEach((service, change) -> {
                Chain c = new Chain();
                if (change.replicas != null) {
                    c.call("replicas($L)", change.replicas);
                }
                if (change.maxReplicas != null) {
                    c.call("maxReplicas($L)", change.maxReplicas);
                }
                if (change.expectedLoad != null) {
                    c.call("expectedLoad($L)", code.unit("rps", change.expectedLoad));
                }
                changes.lambda(List.of(), "service", serviceRef(service), "s", c);
            });
            phase.nodes().forEach(n -> changes.call("nodes($S, $L, $L)", n.pool(), n.min(), n.max()));
            phase.maxConnections().ifPresent(m -> changes.call("maxConnections($L)", m));
            if (phase.kind().equals("pre-scale")) {
                chain.lambda(List.of(), "preScale", code.duration(phase.offsetSeconds()), "p", changes);
            } else {
                chain.lambda(List.of(), "during", null, "d", changes);
            }
        }
        chain.call("postEvent($L)", code.duration(event.postEventSeconds()));
        chain.call("build()");
        return chain;
    }

    private Chain planChain(ResolvedEstate estate) {
        Chain plan = new Chain();
        if (!estate.namespace().equals("default")) {
            plan.call("namespace($S)", estate.namespace());
        }
        plan.call("helmRelease($S, $S)", estate.release(), estate.chartReference());
        if (estate.chartOwnsScalingObjects()) {
            plan.call("scalingObjects($T.CHART)", OBJECT_OWNER);
        }
        plan.comment(estate.planComments());
        Estate facts = estate.facts();
        facts.nodePools
                .values()
                .forEach(p -> plan.lambda(List.of(), "nodePool", CodeBlock.of("$S", p.name()), "p", pool(p)));
        for (ServiceFacts s : estate.services()) {
            service(plan, s, facts);
        }
        for (ResolvedEstate.NamespaceBlock block : estate.namespaces()) {
            Chain ns = new Chain().call("helmRelease($S, $S)", block.release(), block.chartReference());
            for (ServiceFacts s : block.services()) {
                service(ns, s, facts);
            }
            plan.lambda(List.of(), "namespace", CodeBlock.of("$S", block.name()), "ns", ns);
        }
        facts.databaseClients.forEach((name, connections) -> {
            String database = facts.databaseClientDatabases.get(name);
            if (database == null) {
                plan.call("databaseClient($S, $L)", name, connections);
            } else {
                plan.call("databaseClient($S, $L, $S)", name, connections, database);
            }
        });
        estate.postgres().ifPresent(pg -> plan.lambda(pg.comments(), "postgres", null, "pg", pg.chain(code)));
        estate.namedPostgres()
                .forEach((name, pg) ->
                        plan.lambda(pg.comments(), "postgres", CodeBlock.of("$S", name), "pg", pg.chain(code)));
        estate.redis().ifPresent(r -> plan.lambda(r.comments(), "redis", null, "r", r.chain(code)));
        estate.namedRedis()
                .forEach((name, r) -> plan.lambda(r.comments(), "redis", CodeBlock.of("$S", name), "r", r.chain(code)));
        if (facts.loadProfile != null) {
            LoadProfileFact profile = facts.loadProfile.value();
            plan.lambda(List.of(), "loadProfile", CodeBlock.of("$S", profile.name()), "p", loadProfile(profile));
        }
        facts.severities.forEach((id, severity) ->
                plan.call("severity($S, $T.$L)", id, SEVERITY, severity.toUpperCase(java.util.Locale.ROOT)));
        facts.suppressions.forEach(e -> plan.call("suppress($S, $S)", e.getKey(), e.getValue()));
        plan.call("build()");
        return plan;
    }

    private static String javadoc(String what, String plan, List<String> sources, boolean resolvedPlanRead) {
        StringBuilder doc = new StringBuilder("The " + what + " {@code ")
                .append(plan.replace("*/", "*&#47;"))
                .append("}, imported by {@code scaleplan import} from:\n\n<ul>\n");
        for (String s : sources) {
            doc.append("  <li>{@code ")
                    .append(Code.commentText(s).replace("*/", "*&#47;").replace("@", "&#64;"))
                    .append("}\n");
        }
        if (resolvedPlanRead) {
            return doc.append("</ul>\n").toString();
        }
        return doc.append("</ul>\n\n<p>Review it, then add what no imported file says: capacity per pod, expected")
                .append("\nload, connection pools, node pools.\n")
                .toString();
    }

    private Chain pool(NodePoolFacts p) {
        Chain pool = new Chain();
        pool.call("allocatable($L, $L)", code.cpu(p.allocatableCpu()), code.memory(p.allocatableMemory()));
        pool.call("nodes($L, $L)", p.minNodes(), p.maxNodes());
        if (p.eksCluster().isPresent()) {
            pool.call("eks($S, $S)", p.eksCluster().get(), p.eksNodegroup().orElseThrow());
        }
        if (p.reservedCpu().millicores() != 0 || p.reservedMemory().bytes() != 0) {
            pool.call("reserve($L, $L)", code.cpu(p.reservedCpu()), code.memory(p.reservedMemory()));
        }
        return pool;
    }

    private CodeBlock serviceRef(String name) {
        return chart.handle(name)
                .map(h -> CodeBlock.of(
                        "$T.$L", ClassName.get(packageName, chart.className().orElseThrow()), h))
                .orElse(CodeBlock.of("$S", name));
    }

    /** {@code from(rps(3_000)).hold(minutes(10)).rampTo(rps(5_000), minutes(10))}: the stages as the curve's segments. */
    private Chain loadProfile(LoadProfileFact profile) {
        Chain p = new Chain();
        profile.stages().forEach((service, stages) -> {
            Chain curve = new Chain();
            long current = profile.start().get(service);
            if (current != 0) {
                curve.call("from($L)", code.unit("rps", current));
            }
            for (Stage stage : stages) {
                if (stage.seconds() == 0) {
                    curve.call("stepTo($L)", code.unit("rps", stage.target()));
                } else if (stage.target() == current) {
                    curve.call("hold($L)", code.duration(stage.seconds()));
                } else {
                    curve.call("rampTo($L, $L)", code.unit("rps", stage.target()), code.duration(stage.seconds()));
                }
                current = stage.target();
            }
            p.lambda(List.of(), "service", serviceRef(service), "s", curve);
        });
        return p;
    }

    private void service(Chain plan, ServiceFacts s, Estate facts) {
        Chain body = new Chain();
        Optional<String> handle = chart.handle(s.name);
        if (handle.isEmpty() && s.helmKey != null && !s.helmKey.value().equals(ChartHandles.lowerCamel(s.name))) {
            body.call("helmKey($S)", s.helmKey.value());
        }
        if (s.workload != null && s.workload.value() == io.scaleplan.dsl.WorkloadKind.STATEFUL_SET) {
            if (s.podManagement != null && s.podManagement.value() == io.scaleplan.dsl.PodManagement.PARALLEL) {
                body.call("statefulSet($T.PARALLEL)", POD_MANAGEMENT);
            } else {
                body.call("statefulSet()");
            }
        }
        resources(body, s.resources, code);
        if (s.isAutoscaled()) {
            body.lambda(List.of(), "autoscale", null, "a", autoscale(s));
        } else {
            body.call("replicas($L)", s.replicas == null ? 1 : s.replicas.value());
        }
        if (s.budget != null) {
            body.call(
                    "$L($L)",
                    s.budget.value().minAvailable() ? "minAvailable" : "maxUnavailable",
                    code.amount(s.budget.value().amount()));
        }
        if (s.capacityPerPod != null) {
            body.call("capacityPerPod($L)", code.unit("rps", s.capacityPerPod.value()));
        }
        if (s.headroom != null
                && new BigDecimal(s.headroom.value()).compareTo(BigDecimal.valueOf(Capacity.DEFAULT_HEADROOM)) != 0) {
            body.call("headroom($L)", s.headroom.value());
        }
        if (s.expectedLoad != null) {
            body.call("expectedLoad($L)", code.unit("rps", s.expectedLoad.value()));
        }
        if (s.connectionPoolSize != null) {
            body.call("connectionPoolSize($L)", s.connectionPoolSize.value());
        }
        if (s.database != null) {
            body.call("database($S)", s.database.value());
        }
        if (s.rolloutSurge != null
                && !s.rolloutSurge.value().equals(Service.DEFAULT_ROLLOUT_SURGE)
                && (s.workload == null || s.workload.value() != io.scaleplan.dsl.WorkloadKind.STATEFUL_SET)) {
            body.call("rolloutSurge($L)", code.amount(s.rolloutSurge.value()));
        }
        if (s.nodePool != null) {
            body.call("nodePool($S)", s.nodePool.value());
        }
        s.suppressions.forEach(e -> body.call("suppress($S, $S)", e.getKey(), e.getValue()));
        plan.lambda(s.comments, "service", serviceRef(s.name), "s", body);
    }

    /** {@code requests(cpu, memory)} and {@code limits(cpu, memory)}, or the single ones. */
    static void resources(Chain body, ResourceFacts r, Code code) {
        if (r.cpuRequest != null && r.memoryRequest != null) {
            body.call("requests($L, $L)", code.cpu(r.cpuRequest.value()), code.memory(r.memoryRequest.value()));
        } else {
            if (r.cpuRequest != null) {
                body.call("cpuRequest($L)", code.cpu(r.cpuRequest.value()));
            }
            if (r.memoryRequest != null) {
                body.call("memoryRequest($L)", code.memory(r.memoryRequest.value()));
            }
        }
        if (r.cpuLimit != null && r.memoryLimit != null) {
            body.call("limits($L, $L)", code.cpu(r.cpuLimit.value()), code.memory(r.memoryLimit.value()));
        } else {
            if (r.cpuLimit != null) {
                body.call("cpuLimit($L)", code.cpu(r.cpuLimit.value()));
            }
            if (r.memoryLimit != null) {
                body.call("memoryLimit($L)", code.memory(r.memoryLimit.value()));
            }
        }
    }

    private Chain autoscale(ServiceFacts s) {
        Chain a = new Chain();
        int min = s.minReplicas == null ? 1 : s.minReplicas.value();
        int max = s.maxReplicas == null ? Math.max(min, 1) : s.maxReplicas.value();
        a.call("replicas($L, $L)", min, max);
        if (s.cpuUtilization != null) {
            a.call("cpuUtilization($L)", code.unit("percent", s.cpuUtilization.value()));
        }
        if (s.memoryUtilization != null) {
            a.call("memoryUtilization($L)", code.unit("percent", s.memoryUtilization.value()));
        }
        if (s.podsMetrics != null) {
            for (PodsMetricFact m : s.podsMetrics.value()) {
                Estate.Fact<MetricSourceFact> source = metricSources.get(m.name());
                if (source == null) {
                    a.call("podsMetric($S, $L)", m.name(), decimal(m.averageValue()));
                } else {
                    a.call("podsMetric($S, $L, $L)", m.name(), decimal(m.averageValue()), metricSource(source.value()));
                }
            }
        }
        if (s.otherMetrics != null) {
            for (Estate.OtherMetricFact m : s.otherMetrics.value()) {
                a.call("$L", otherMetric(m));
            }
        }
        if (s.requestRates != null) {
            for (String metric : s.requestRates.value()) {
                a.call("requestRate($S)", metric);
            }
        }
        if (s.behavior != null) {
            BehaviorFacts b = s.behavior.value();
            Chain behavior = new Chain();
            b.scaleUp().ifPresent(r -> behavior.lambda(List.of(), "scaleUp", null, "up", rules(r)));
            b.scaleDown().ifPresent(r -> behavior.lambda(List.of(), "scaleDown", null, "down", rules(r)));
            a.lambda(List.of(), "behavior", null, "b", behavior);
        }
        return a;
    }

    /** The builder call of an External, Object or ContainerResource metric. */
    private CodeBlock otherMetric(Estate.OtherMetricFact m) {
        if (m.type().equals("ContainerResource")) {
            boolean cpu = m.name().equals("cpu");
            if (m.targetType().equals("Utilization")) {
                return CodeBlock.of(
                        "$L($S, $L)",
                        cpu ? "containerCpuUtilization" : "containerMemoryUtilization",
                        m.container(),
                        code.unit("percent", Long.parseLong(m.amount())));
            }
            return cpu
                    ? CodeBlock.of(
                            "containerCpuAverage($S, $L)",
                            m.container(),
                            code.cpu(Quantity.cpu(m.amount()).orElseThrow()))
                    : CodeBlock.of(
                            "containerMemoryAverage($S, $L)",
                            m.container(),
                            code.memory(Quantity.memory(m.amount()).orElseThrow()));
        }
        CodeBlock target = CodeBlock.of(
                "$T.$L($L)",
                VALUE_TARGET,
                m.targetType().equals("Value") ? "value" : "averageValue",
                decimal(Quantity.parse(m.amount()).orElseThrow()));
        Estate.Fact<MetricSourceFact> source =
                (m.type().equals("Object") ? objectSources : externalSources).get(m.name());
        if (source != null) {
            target = CodeBlock.of("$L, $L", target, metricSource(source.value()));
        }
        if (m.type().equals("Object")) {
            return CodeBlock.of(
                    "objectMetric($T.of($S, $S, $S), $S, $L)",
                    DESCRIBED_OBJECT,
                    m.object().get(0),
                    m.object().get(1),
                    m.object().get(2),
                    m.name(),
                    target);
        }
        CodeBlock.Builder selector = CodeBlock.builder().add("$T.of(", Map.class);
        boolean first = true;
        for (Map.Entry<String, String> e : m.selector().entrySet()) {
            selector.add(first ? "$S, $S" : ", $S, $S", e.getKey(), e.getValue());
            first = false;
        }
        return CodeBlock.of(
                "externalMetric($S, $L, $L)", m.name(), selector.add(")").build(), target);
    }

    /** {@code MetricSource.rate("http_requests_total")}, with its window unless the default, or {@code gauge(...)}. */
    private CodeBlock metricSource(MetricSourceFact source) {
        if (!source.rate()) {
            return CodeBlock.of("$T.gauge($S)", METRIC_SOURCE, source.series());
        }
        if (source.windowSeconds() == MetricSource.DEFAULT_WINDOW.getSeconds()) {
            return CodeBlock.of("$T.rate($S)", METRIC_SOURCE, source.series());
        }
        return CodeBlock.of("$T.rate($S, $L)", METRIC_SOURCE, source.series(), code.duration(source.windowSeconds()));
    }

    private static CodeBlock decimal(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0 && v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return CodeBlock.of("$L", Code.number(v.longValueExact()));
        }
        return CodeBlock.of("new $T($S)", BigDecimal.class, v.toPlainString());
    }

    private Chain rules(Rules r) {
        Chain chain = new Chain();
        r.stabilizationWindowSeconds().ifPresent(w -> chain.call("stabilizationWindow($L)", code.duration(w)));
        r.selectPolicy()
                .ifPresent(p -> chain.call(
                        "select($T.$L)", SELECT_POLICY, selectPolicy(p).name()));
        for (Policy p : r.policies()) {
            CodeBlock amount =
                    p.type().equals("Percent") ? code.amount(new Percent(p.value())) : code.unit("pods", p.value());
            chain.call("policy($L, $L)", amount, code.duration(p.periodSeconds()));
        }
        return chain;
    }

    private static SelectPolicy selectPolicy(String api) {
        for (SelectPolicy p : SelectPolicy.values()) {
            if (p.apiValue().equals(api)) {
                return p;
            }
        }
        return SelectPolicy.MAX;
    }

    static ClassName managedService() {
        return MANAGED_SERVICE;
    }

    static ClassName evictionPolicy() {
        return EVICTION_POLICY;
    }

    static ClassName pgSetting() {
        return PG_SETTING;
    }

    /** Comments of a server block, as lines. */
    static List<String> comments(List<String> comments) {
        return new ArrayList<>(comments);
    }
}
