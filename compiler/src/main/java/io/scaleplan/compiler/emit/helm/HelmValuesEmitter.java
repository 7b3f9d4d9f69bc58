package io.scaleplan.compiler.emit.helm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Quantities;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.ScalingOwners;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.ChartValues;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
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
public final class HelmValuesEmitter implements Target {

    /** The target's name. */
    public static final String NAME = "helm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        List<Document> out = new ArrayList<>();
        for (ScalingPlan part : resolved.plan().byNamespace()) {
            if (!part.release().isPlainManifests()) {
                out.add(overlay(resolved, part));
            }
        }
        return out;
    }

    /** The values overlay of one release: {@code part} is the plan as its namespace sees it. */
    private static Document overlay(ResolvedPlan resolved, ScalingPlan plan) {
        ObjectNode values;
        if (!plan.release().layout().equals(ChartLayout.ARKA_ENGINE)) {
            values = LayoutValues.values(plan);
        } else {
            ObjectNode arka = Yaml.object();
            plan.services().stream()
                    .sorted(Comparator.comparing(Service::name))
                    .forEach(s -> arka.set(s.helmKey(), service(s, resolved.owners(s))));
            values = arka;
        }
        String release = plan.release().name();
        return Document.tree(
                NAME, "HelmValues", release, HelmCommands.valuesPath(release), Headers.comment("#", plan), values);
    }

    @Override
    public List<ApplyStep> applySteps(ResolvedPlan resolved, PlanFolder folder, List<Document> documents) {
        List<ApplyStep> out = new ArrayList<>();
        for (ScalingPlan part : resolved.plan().byNamespace()) {
            String overlay = HelmCommands.valuesPath(part.release().name());
            List<Document> own = documents.stream()
                    .filter(d -> d.path().equals(overlay)
                            || d.path()
                                    .startsWith(HelmCommands.postRenderFolder(
                                            part.release().name())))
                    .toList();
            if (!part.release().isPlainManifests() && !own.isEmpty()) {
                out.add(upgrade(resolved, part, folder, own));
            }
        }
        return out;
    }

    /** The {@code helm upgrade} of one release, {@code plan} as its namespace sees it. */
    private static ApplyStep upgrade(
            ResolvedPlan resolved, ScalingPlan plan, PlanFolder folder, List<Document> documents) {
        String postRender = HelmCommands.postRenderScript(plan.release().name());
        boolean postRenders = documents.stream().anyMatch(d -> d.path().equals(postRender));
        List<String> commands = new ArrayList<>();
        commands.add("# " + plan.release().name() + ": the services' values, replica ranges and resources"
                + (plan.release().scalingObjects() != ObjectOwner.CHART
                        ? "; the chart's HPAs and PDBs off, scaleplan's manifests own them"
                        : plan.services().stream()
                                        .map(resolved::owners)
                                        .anyMatch(o -> o.scaleplanOwnsHpa() || o.scaleplanOwnsPdb())
                                ? "; the chart renders the HPAs and PDBs its layout carries,"
                                        + " scaleplan's manifests the others"
                                : "; the chart renders their HPAs and PDBs (their only owner)"));
        if (postRenders) {
            commands.add("# the fixed replica counts the chart has no key for: a post-renderer patches them (kubectl)");
        }
        commands.add(HelmCommands.upgrade(
                        plan.release().name(), Shell.word(plan.release().chart()), plan.namespace(), folder)
                + (postRenders
                        ? " --post-renderer sh --post-renderer-args " + Shell.word(folder.command(postRender))
                        : ""));
        return new ApplyStep(ApplyStep.Stage.PLATFORM_RELEASE, commands);
    }

    private static ObjectNode service(Service service, ScalingOwners owners) {
        ObjectNode node = Yaml.object();
        if (owners.replicaCount() == ScalingOwners.ReplicaCount.CHART_VALUES) {
            service.replicas().ifPresent(r -> node.put("replicaCount", r));
        }
        ObjectNode autoscaling = node.putObject("autoscaling");
        boolean chartHpa = owners.hpa().filter(o -> o == ObjectOwner.CHART).isPresent();
        autoscaling.put("enabled", chartHpa);
        // Every owned key is stated, off included: helm upgrade --reset-then-reuse-values would keep
        // a key the overlay stopped writing.
        autoscaling.put("external", owners.scaleplanOwnsHpa());
        if (chartHpa) {
            service.autoscaling().ifPresent(a -> autoscaling(a, autoscaling));
        }
        if (!service.resources().isEmpty()) {
            node.set("resources", KubeValues.resources(service.resources()));
        }
        boolean chartPdb = owners.pdb().filter(o -> o == ObjectOwner.CHART).isPresent();
        node.set("pdb", pdb(chartPdb ? service.disruptionBudget() : Optional.empty()));
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
        a.behavior().ifPresent(b -> node.set("behavior", KubeValues.behavior(b)));
    }

    private static ObjectNode pdb(Optional<DisruptionBudget> budget) {
        ObjectNode node = Yaml.object();
        node.put("create", budget.isPresent());
        budget.ifPresent(b -> KubeValues.putIntOrPercent(node, b.kind().field(), b.amount()));
        return node;
    }
}
