package io.scaleplan.compiler.emit.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.Kustomization;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.ScalingOwners;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ContainerResourceMetric;
import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.ExternalMetric;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.ValueTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code kubernetes} target: per service an {@code autoscaling/v2} HorizontalPodAutoscaler
 * ({@code <service>-hpa}, autoscaled services only) and a {@code policy/v1} PodDisruptionBudget
 * ({@code <service>-pdb}, where the plan declares one), plus a {@code kustomization.yaml} listing
 * them so that {@code kubectl apply -k generated/<plan>/k8s} applies the lot (its entries; the
 * kustomization itself is {@link Kustomization}'s). Nothing when the plan's chart owns them
 * ({@link ObjectOwner#CHART}): the resolved plan's {@link ScalingOwners} decide.
 */
public final class KubernetesEmitter implements Target {
    /** The target's name. */
    public static final String NAME = "kubernetes";

    @Override
    public String name() {
        return NAME;
    }

    /** An object's path below the plan's folder: {@code k8s/<name>.yaml}. */
    public static String path(String object) {
        return Kustomization.DIR + "/" + object + ".yaml";
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        List<Document> out = new ArrayList<>();
        String header = Headers.comment("#", plan);
        for (Service service : sorted(plan)) {
            ScalingOwners owners = resolved.owners(service);
            if (owners.scaleplanOwnsHpa()) {
                String name = ClusterObject.hpaName(service.name());
                out.add(Document.tree(NAME, "HorizontalPodAutoscaler", name, path(name), header, hpa(plan, service)));
            }
            if (owners.scaleplanOwnsPdb()) {
                String name = ClusterObject.pdbName(service.name());
                out.add(Document.tree(NAME, "PodDisruptionBudget", name, path(name), header, pdb(plan, service)));
            }
        }
        if (plan.namespaces().stream().anyMatch(ns -> ns.release().isPlainManifests())) {
            out.addAll(deploymentPatches(plan));
        }
        return out;
    }

    @Override
    public List<String> kustomization(List<Document> documents) {
        return documents.stream()
                .filter(d ->
                        d.kind().equals("HorizontalPodAutoscaler") || d.kind().equals("PodDisruptionBudget"))
                .map(Document::path)
                .toList();
    }

    @Override
    public List<ApplyStep> applySteps(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        List<String> commands = new ArrayList<>();
        if (!kustomization(documents).isEmpty()) {
            commands.add(
                    "# HorizontalPodAutoscalers and PodDisruptionBudgets, owned by scaleplan (managed-by: scaleplan)");
            commands.add("kubectl apply -k " + Shell.word(folder.command(Kustomization.DIR)));
        }
        if (documents.stream().anyMatch(d -> d.path().equals(PATCHES + "kustomization.yaml"))) {
            commands.add("# fixed replica counts and resources: a kustomize Component patching your "
                    + ClusterObject.workloadsNoun(resolved.plan()) + "; list "
                    + folder.dir() + PATCHES.substring(0, PATCHES.length() - 1)
                    + " under components: in the overlay that deploys the services, then apply it");
        }
        return commands.isEmpty() ? List.of() : List.of(new ApplyStep(ApplyStep.Stage.CLUSTER_OBJECTS, commands));
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
        doc.set("metadata", metadata(plan, service, ClusterObject.hpaName(service.name())));
        ObjectNode spec = doc.putObject("spec");
        ObjectNode target = spec.putObject("scaleTargetRef");
        target.put("apiVersion", service.workload().apiVersion());
        target.put("kind", service.workload().kind());
        target.put("name", service.name());
        spec.put("minReplicas", a.minReplicas());
        spec.put("maxReplicas", a.maxReplicas());
        ArrayNode metrics = metrics(a);
        if (!metrics.isEmpty()) {
            spec.set("metrics", metrics);
        }
        a.behavior().ifPresent(b -> spec.set("behavior", KubeValues.behavior(b)));
        return doc;
    }

    /**
     * The {@code spec.metrics} list: CPU, memory, then ContainerResource, Pods, Object and External
     * metrics, each kind in declaration order.
     */
    public static ArrayNode metrics(Autoscaling a) {
        ArrayNode metrics = Yaml.array();
        a.cpuUtilization().ifPresent(p -> metrics.add(resourceMetric("cpu", p)));
        a.memoryUtilization().ifPresent(p -> metrics.add(resourceMetric("memory", p)));
        for (ContainerResourceMetric m : a.containerResourceMetrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("type", "ContainerResource");
            ObjectNode source = metric.putObject("containerResource");
            source.put("name", m.resource().apiName());
            source.put("container", m.container());
            ObjectNode target = source.putObject("target");
            if (m.averageUtilization().isPresent()) {
                target.put("type", "Utilization");
                target.put("averageUtilization", m.averageUtilization().get().value());
            } else {
                long amount = m.averageValue().getAsLong();
                target.put("type", "AverageValue");
                target.put(
                        "averageValue",
                        m.resource() == ContainerResourceMetric.Resource.CPU
                                ? Quantities.cpu(new Cpu(amount))
                                : Quantities.memory(new Memory(amount)));
            }
        }
        for (PodsMetric m : a.podsMetrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("type", "Pods");
            ObjectNode pods = metric.putObject("pods");
            pods.putObject("metric").put("name", m.name());
            ObjectNode target = pods.putObject("target");
            target.put("type", "AverageValue");
            target.put("averageValue", Quantities.decimal(m.averageValue()));
        }
        for (ObjectMetric m : a.objectMetrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("type", "Object");
            ObjectNode object = metric.putObject("object");
            ObjectNode described = object.putObject("describedObject");
            described.put("apiVersion", m.object().apiVersion());
            described.put("kind", m.object().kind());
            described.put("name", m.object().name());
            object.putObject("metric").put("name", m.name());
            object.set("target", valueTarget(m.target()));
        }
        for (ExternalMetric m : a.externalMetrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("type", "External");
            ObjectNode external = metric.putObject("external");
            ObjectNode id = external.putObject("metric");
            id.put("name", m.name());
            if (!m.selector().isEmpty()) {
                ObjectNode labels = id.putObject("selector").putObject("matchLabels");
                m.selector().forEach(labels::put);
            }
            external.set("target", valueTarget(m.target()));
        }
        return metrics;
    }

    private static ObjectNode valueTarget(ValueTarget t) {
        ObjectNode target = Yaml.object();
        target.put("type", t.kind().type());
        target.put(t.kind().field(), Quantities.decimal(t.amount()));
        return target;
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
        doc.set("metadata", metadata(plan, service, ClusterObject.pdbName(service.name())));
        ObjectNode spec = doc.putObject("spec");
        KubeValues.putIntOrPercent(spec, budget.kind().field(), budget.amount());
        spec.putObject("selector").set("matchLabels", matchLabels);
        return doc;
    }

    private static ObjectNode metadata(ScalingPlan plan, Service service, String name) {
        ObjectNode metadata = Yaml.object();
        metadata.put("name", name);
        metadata.put("namespace", plan.namespaceOf(service).name());
        metadata.set("labels", Labels.object(plan, service));
        return metadata;
    }

    /** The folder of the Deployment and StatefulSet patches (plans without a chart), below the plan's. */
    public static final String PATCHES = Kustomization.DIR + "/patches/";

    /**
     * Without a chart, what only the workload can carry is a kustomize patch of the team's
     * Deployment or StatefulSet ({@code k8s/patches/<service>.yaml}, JSON patch operations, the
     * target of the service's kind): a fixed replica count,
     * and the requests and limits of its first container. The patches are gathered in a Component
     * ({@code k8s/patches/kustomization.yaml}) that the overlay deploying the services lists under
     * {@code components:}.
     */
    private static List<Document> deploymentPatches(ScalingPlan plan) {
        List<Document> out = new ArrayList<>();
        String header = Headers.comment("#", plan);
        ArrayNode patches = Yaml.array();
        for (Service service : sorted(plan)) {
            if (!plan.namespaceOf(service).release().isPlainManifests()) {
                continue;
            }
            ArrayNode ops = Yaml.array();
            if (service.autoscaling().isEmpty()) {
                service.replicas().ifPresent(r -> add(ops, "/spec/replicas").put("value", r));
            }
            if (!service.resources().isEmpty()) {
                add(ops, "/spec/template/spec/containers/0/resources")
                        .set("value", KubeValues.resources(service.resources()));
            }
            if (ops.isEmpty()) {
                continue;
            }
            String name = service.name() + ".yaml";
            out.add(Document.tree(NAME, "DeploymentPatch", service.name(), PATCHES + name, header, ops));
            ObjectNode entry = patches.addObject();
            entry.put("path", name);
            ObjectNode target = entry.putObject("target");
            target.put("kind", service.workload().kind());
            target.put("name", service.name());
            target.put("namespace", plan.namespaceOf(service).name());
        }
        if (!patches.isEmpty()) {
            ObjectNode doc = Yaml.object();
            doc.put("apiVersion", "kustomize.config.k8s.io/v1alpha1");
            doc.put("kind", "Component");
            doc.set("patches", patches);
            out.add(Document.tree(NAME, "Component", "patches", PATCHES + "kustomization.yaml", header, doc));
        }
        return out;
    }

    private static ObjectNode add(ArrayNode ops, String path) {
        ObjectNode op = ops.addObject();
        op.put("op", "add");
        op.put("path", path);
        return op;
    }
}
