package io.scaleplan.compiler.emit.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Behavior;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodAmount;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.ScalingPolicy;
import io.scaleplan.dsl.ScalingRules;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code kubernetes} target: per service an {@code autoscaling/v2} HorizontalPodAutoscaler
 * ({@code <service>-hpa}, autoscaled services only) and a {@code policy/v1} PodDisruptionBudget
 * ({@code <service>-pdb}, where the plan declares one), plus a {@code kustomization.yaml} listing
 * them so that {@code kubectl apply -k generated/<plan>/k8s} applies the lot. Nothing for an
 * object the plan's chart renders ({@link ObjectOwner#CHART} and a chart layout that carries it).
 */
public final class KubernetesEmitter implements Emitter {
    private static final String DIR = "/k8s/";

    @Override
    public List<GeneratedFile> emit(ScalingPlan plan) {
        List<GeneratedFile> files = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (Service service : sorted(plan)) {
            // one owner per object: what the chart renders from the values overlay, scaleplan does not
            if (service.autoscaling().isPresent() && !plan.release().chartRendersHpa(service)) {
                String name = service.name() + "-hpa.yaml";
                files.add(new GeneratedFile(
                        plan.name() + DIR + name, Yaml.render(Headers.comment("#", plan), hpa(plan, service))));
                resources.add(name);
            }
            if (service.disruptionBudget().isPresent() && !plan.release().chartRendersPdb(service)) {
                String name = service.name() + "-pdb.yaml";
                files.add(new GeneratedFile(
                        plan.name() + DIR + name, Yaml.render(Headers.comment("#", plan), pdb(plan, service))));
                resources.add(name);
            }
        }
        if (!resources.isEmpty()) {
            files.add(new GeneratedFile(
                    plan.name() + DIR + "kustomization.yaml",
                    Yaml.render(Headers.comment("#", plan), kustomization(resources))));
        }
        if (plan.release().isPlainManifests()) {
            files.addAll(deploymentPatches(plan));
        }
        return files;
    }

    static List<Service> sorted(ScalingPlan plan) {
        return plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList();
    }

    /** The HorizontalPodAutoscaler of an autoscaled service. */
    public static ObjectNode hpa(ScalingPlan plan, Service service) {
        Autoscaling a = service.autoscaling().orElseThrow();
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "autoscaling/v2");
        doc.put("kind", "HorizontalPodAutoscaler");
        doc.set("metadata", metadata(plan, service, service.name() + "-hpa"));
        ObjectNode spec = doc.putObject("spec");
        ObjectNode target = spec.putObject("scaleTargetRef");
        target.put("apiVersion", "apps/v1");
        target.put("kind", "Deployment");
        target.put("name", service.name());
        spec.put("minReplicas", a.minReplicas());
        spec.put("maxReplicas", a.maxReplicas());
        ArrayNode metrics = metrics(a);
        if (!metrics.isEmpty()) {
            spec.set("metrics", metrics);
        }
        a.behavior().ifPresent(b -> spec.set("behavior", behavior(b)));
        return doc;
    }

    /** The {@code spec.metrics} list: CPU, memory, then Pods metrics in declaration order. */
    public static ArrayNode metrics(Autoscaling a) {
        ArrayNode metrics = Yaml.array();
        a.cpuUtilization().ifPresent(p -> metrics.add(resourceMetric("cpu", p)));
        a.memoryUtilization().ifPresent(p -> metrics.add(resourceMetric("memory", p)));
        for (PodsMetric m : a.podsMetrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("type", "Pods");
            ObjectNode pods = metric.putObject("pods");
            pods.putObject("metric").put("name", m.name());
            ObjectNode target = pods.putObject("target");
            target.put("type", "AverageValue");
            target.put("averageValue", Quantities.decimal(m.averageValue()));
        }
        return metrics;
    }

    private static ObjectNode resourceMetric(String resource, Percent utilization) {
        ObjectNode metric = Yaml.object();
        metric.put("type", "Resource");
        ObjectNode source = metric.putObject("resource");
        source.put("name", resource);
        ObjectNode target = source.putObject("target");
        target.put("type", "Utilization");
        target.put("averageUtilization", utilization.value());
        return metric;
    }

    /** {@code spec.behavior}, with only what the plan states; the API defaults the rest. */
    public static ObjectNode behavior(Behavior behavior) {
        ObjectNode node = Yaml.object();
        behavior.scaleUp().ifPresent(r -> node.set("scaleUp", rules(r)));
        behavior.scaleDown().ifPresent(r -> node.set("scaleDown", rules(r)));
        return node;
    }

    private static ObjectNode rules(ScalingRules rules) {
        ObjectNode node = Yaml.object();
        rules.stabilizationWindow().ifPresent(w -> node.put("stabilizationWindowSeconds", (int) w.getSeconds()));
        rules.selectPolicy().ifPresent(p -> node.put("selectPolicy", p.apiValue()));
        if (!rules.policies().isEmpty()) {
            ArrayNode policies = node.putArray("policies");
            for (ScalingPolicy p : rules.policies()) {
                ObjectNode policy = policies.addObject();
                policy.put("type", p.apiType());
                policy.put("value", p.amount().value());
                policy.put("periodSeconds", (int) p.period().getSeconds());
            }
        }
        // A fraction as a canonical quantity: 5 % is 50m, as the API server stores it.
        rules.tolerance()
                .ifPresent(t -> node.put("tolerance", Quantities.decimal(java.math.BigDecimal.valueOf(t.value(), 2))));
        return node;
    }

    /** The PodDisruptionBudget of a service that declares one, selecting the chart's standard labels. */
    public static ObjectNode pdb(ScalingPlan plan, Service service) {
        return pdb(plan, service, Labels.selector(plan, service));
    }

    /** The PodDisruptionBudget of a service that declares one, selecting pods by {@code matchLabels}. */
    public static ObjectNode pdb(ScalingPlan plan, Service service, ObjectNode matchLabels) {
        DisruptionBudget budget = service.disruptionBudget().orElseThrow();
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "policy/v1");
        doc.put("kind", "PodDisruptionBudget");
        doc.set("metadata", metadata(plan, service, service.name() + "-pdb"));
        ObjectNode spec = doc.putObject("spec");
        putIntOrPercent(spec, budget.kind().field(), budget.amount());
        spec.putObject("selector").set("matchLabels", matchLabels);
        return doc;
    }

    /** An int-or-string field: an integer for a pod count, {@code "25%"} for a percentage. */
    public static void putIntOrPercent(ObjectNode node, String field, PodAmount amount) {
        if (amount instanceof Percent p) {
            node.put(field, p.value() + "%");
        } else {
            node.put(field, amount.value());
        }
    }

    private static ObjectNode metadata(ScalingPlan plan, Service service, String name) {
        ObjectNode metadata = Yaml.object();
        metadata.put("name", name);
        metadata.put("namespace", plan.namespace());
        metadata.set("labels", Labels.object(plan, service));
        return metadata;
    }

    /**
     * Without a chart, what only the Deployment can carry is a kustomize patch of the team's
     * Deployment ({@code k8s/patches/<service>.yaml}, JSON patch operations): a fixed replica count,
     * and the requests and limits of its first container. The patches are gathered in a Component
     * ({@code k8s/patches/kustomization.yaml}) that the overlay deploying the services lists under
     * {@code components:}.
     */
    private static List<GeneratedFile> deploymentPatches(ScalingPlan plan) {
        List<GeneratedFile> files = new ArrayList<>();
        ArrayNode patches = Yaml.array();
        for (Service service : sorted(plan)) {
            ArrayNode ops = Yaml.array();
            if (service.autoscaling().isEmpty()) {
                service.replicas().ifPresent(r -> add(ops, "/spec/replicas").put("value", r));
            }
            if (!service.resources().isEmpty()) {
                add(ops, "/spec/template/spec/containers/0/resources")
                        .set("value", io.scaleplan.compiler.emit.helm.HelmValuesEmitter.resources(service.resources()));
            }
            if (ops.isEmpty()) {
                continue;
            }
            String name = service.name() + ".yaml";
            files.add(new GeneratedFile(
                    plan.name() + DIR + "patches/" + name, Yaml.render(Headers.comment("#", plan), ops)));
            ObjectNode entry = patches.addObject();
            entry.put("path", name);
            ObjectNode target = entry.putObject("target");
            target.put("kind", "Deployment");
            target.put("name", service.name());
            target.put("namespace", plan.namespace());
        }
        if (!patches.isEmpty()) {
            ObjectNode doc = Yaml.object();
            doc.put("apiVersion", "kustomize.config.k8s.io/v1alpha1");
            doc.put("kind", "Component");
            doc.set("patches", patches);
            files.add(new GeneratedFile(
                    plan.name() + DIR + "patches/kustomization.yaml", Yaml.render(Headers.comment("#", plan), doc)));
        }
        return files;
    }

    private static ObjectNode add(ArrayNode ops, String path) {
        ObjectNode op = ops.addObject();
        op.put("op", "add");
        op.put("path", path);
        return op;
    }

    private static ObjectNode kustomization(List<String> resources) {
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        doc.put("kind", "Kustomization");
        ArrayNode list = doc.putArray("resources");
        resources.stream().sorted().forEach(list::add);
        return doc;
    }
}
