package io.scaleplan.compiler.emit.helm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.ChartValues;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.Resources;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code helm} target: {@code helm/<release>-values.yaml}, the values overlay for the
 * platform chart, keyed as the runbook's {@code helm upgrade --set} commands key it ({@code
 * usageMetering.autoscaling.maxReplicas}). Autoscaler-aware: an autoscaled service gets no {@code
 * replicaCount} (the HPA owns the count); a fixed one gets {@code autoscaling.enabled: false}.
 * One owner per object ({@link ObjectOwner}): by default scaleplan's manifests own the HPAs and
 * PDBs, and the overlay turns the chart's off ({@code autoscaling.enabled: false}, {@code
 * autoscaling.external: true}, {@code pdb.create: false}); with {@link ObjectOwner#CHART} the
 * overlay carries their numbers and the chart renders them.
 * A service's extra chart values ({@link Service#values()}) follow scaleplan's own keys, which
 * they may never touch.
 */
public final class HelmValuesEmitter implements Emitter {

    @Override
    public List<GeneratedFile> emit(ScalingPlan plan) {
        if (plan.release().isPlainManifests()) {
            return List.of();
        }
        if (!plan.release().layout().equals(ChartLayout.ARKA_ENGINE)) {
            return LayoutValues.emit(plan);
        }
        ObjectNode values = Yaml.object();
        plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .forEach(s -> values.set(s.helmKey(), service(s, plan.release().scalingObjects())));
        String path = plan.name() + "/helm/" + plan.release().name() + "-values.yaml";
        return List.of(new GeneratedFile(path, Yaml.render(Headers.comment("#", plan), values)));
    }

    private static ObjectNode service(Service service, ObjectOwner owner) {
        ObjectNode node = Yaml.object();
        if (service.autoscaling().isEmpty()) {
            service.replicas().ifPresent(r -> node.put("replicaCount", r));
        }
        ObjectNode autoscaling = node.putObject("autoscaling");
        boolean chart = owner == ObjectOwner.CHART;
        autoscaling.put("enabled", chart && service.autoscaling().isPresent());
        // Every owned key is stated, off included: helm upgrade --reset-then-reuse-values would keep
        // a key the overlay stopped writing.
        autoscaling.put("external", !chart && service.autoscaling().isPresent());
        if (chart) {
            service.autoscaling().ifPresent(a -> autoscaling(a, autoscaling));
        }
        if (!service.resources().isEmpty()) {
            node.set("resources", resources(service.resources()));
        }
        node.set("pdb", pdb(chart ? service.disruptionBudget() : Optional.empty()));
        mergeChartValues(service, node);
        return node;
    }

    /** The service's extra chart values, after scaleplan's own keys, which they must not touch. */
    static void mergeChartValues(Service service, ObjectNode node) {
        for (Map.Entry<String, Object> e : service.values().entries().entrySet()) {
            String path = e.getKey();
            if (ChartValues.ownedKey(path) != null) {
                throw new IllegalArgumentException(
                        "chart value " + path + " of " + service.name() + " is set by scaleplan itself");
            }
            List<String> segments = ChartValues.segments(path);
            ObjectNode parent = node;
            for (String segment : segments.subList(0, segments.size() - 1)) {
                parent = parent.has(segment) ? (ObjectNode) parent.get(segment) : parent.putObject(segment);
            }
            String leaf = segments.get(segments.size() - 1);
            Object value = e.getValue();
            if (value instanceof String s) {
                parent.put(leaf, s);
            } else if (value instanceof Boolean b) {
                parent.put(leaf, b);
            } else if (value instanceof Long l) {
                parent.put(leaf, l);
            } else {
                parent.put(leaf, (Double) value);
            }
        }
    }

    private static void autoscaling(Autoscaling a, ObjectNode node) {
        node.put("minReplicas", a.minReplicas());
        node.put("maxReplicas", a.maxReplicas());
        a.cpuUtilization().ifPresent(p -> node.put("targetCPUUtilizationPercentage", p.value()));
        a.memoryUtilization().ifPresent(p -> node.put("targetMemoryUtilizationPercentage", p.value()));
        if (!a.podsMetrics().isEmpty()) {
            ArrayNode pods = node.putArray("podsMetrics");
            for (PodsMetric m : a.podsMetrics()) {
                ObjectNode metric = pods.addObject();
                metric.put("name", m.name());
                metric.put("averageValue", Quantities.decimal(m.averageValue()));
            }
        }
        a.behavior().ifPresent(b -> node.set("behavior", KubernetesEmitter.behavior(b)));
    }

    /** A container's requests and limits as Kubernetes (and every Bitnami chart) keys them. */
    public static ObjectNode resources(Resources r) {
        ObjectNode node = Yaml.object();
        if (r.hasRequests()) {
            ObjectNode requests = node.putObject("requests");
            r.cpuRequest().ifPresent(c -> requests.put("cpu", Quantities.cpu(c)));
            r.memoryRequest().ifPresent(m -> requests.put("memory", Quantities.memory(m)));
        }
        if (r.hasLimits()) {
            ObjectNode limits = node.putObject("limits");
            r.cpuLimit().ifPresent(c -> limits.put("cpu", Quantities.cpu(c)));
            r.memoryLimit().ifPresent(m -> limits.put("memory", Quantities.memory(m)));
        }
        return node;
    }

    private static ObjectNode pdb(Optional<DisruptionBudget> budget) {
        ObjectNode node = Yaml.object();
        node.put("create", budget.isPresent());
        budget.ifPresent(b -> KubernetesEmitter.putIntOrPercent(node, b.kind().field(), b.amount()));
        return node;
    }
}
