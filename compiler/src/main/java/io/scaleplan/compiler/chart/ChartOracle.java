package io.scaleplan.compiler.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.check.Rule;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.ChartLayout.Slot;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.HelmRelease;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.PodAmount;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chart as the oracle: compares what the chart rendered from the values overlay with the plan.
 * Each service's workload must exist; its fixed replica count and resources must be in it (a count
 * the chart's layout has no key for is left to a post-render patch, see {@link ChartStage}); the HPA
 * and PDB the chart owns must carry the plan's range, targets and budget (the PDB selecting the
 * workload's pods); an HPA or PDB scaleplan writes must have no twin from the chart. A plan value
 * the chart does not carry is an error (SP314) naming the values key and the template.
 */
public final class ChartOracle {
    private ChartOracle() {}

    /**
     * What the oracle found.
     *
     * @param diagnostics the plan values the chart does not carry
     * @param podSelectors per service, the labels that select its rendered pods (its workload's
     *     {@code spec.selector.matchLabels}), for the standalone PDBs scaleplan writes
     * @param replicaPatches per service, the rendered workload whose fixed replica count the chart
     *     cannot carry (its layout has no key for it) and a post-render patch must set
     */
    public record Verdict(
            List<Diagnostic> diagnostics,
            Map<String, ObjectNode> podSelectors,
            Map<String, RenderedObject> replicaPatches) {}

    /** Compares {@code rendered} (the chart with the plan's overlay) with {@code plan}. */
    public static Verdict check(ScalingPlan plan, List<RenderedObject> rendered) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, ObjectNode> selectors = new LinkedHashMap<>();
        Map<String, RenderedObject> patches = new LinkedHashMap<>();
        for (Service s : plan.services()) {
            new ServiceCheck(plan, s, rendered, out, selectors, patches).run();
        }
        return new Verdict(List.copyOf(out), selectors, patches);
    }

    private static final class ServiceCheck {
        private final ScalingPlan plan;
        private final HelmRelease release;
        private final ChartLayout layout;
        private final Service s;
        private final List<RenderedObject> rendered;
        private final List<Diagnostic> out;
        private final Map<String, ObjectNode> selectors;
        private final Map<String, RenderedObject> patches;

        ServiceCheck(
                ScalingPlan plan,
                Service s,
                List<RenderedObject> rendered,
                List<Diagnostic> out,
                Map<String, ObjectNode> selectors,
                Map<String, RenderedObject> patches) {
            this.plan = plan;
            this.release = plan.release();
            this.layout = plan.release().layout();
            this.s = s;
            this.rendered = rendered;
            this.out = out;
            this.selectors = selectors;
            this.patches = patches;
        }

        void run() {
            List<RenderedObject> named = rendered.stream()
                    .filter(o -> (o.kind().equals("Deployment") || o.kind().equals("StatefulSet"))
                            && o.name().equals(s.name()))
                    .toList();
            Optional<RenderedObject> found = named.stream()
                    .filter(o -> o.kind().equals(s.workload().kind()))
                    .findFirst()
                    .or(() -> named.stream().findFirst());
            if (found.isEmpty()) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        "the chart " + release.chartName() + " renders no "
                                + s.workload().kind() + " named " + s.name() + " with the overlay (it renders "
                                + workloads() + ")");
                return;
            }
            RenderedObject workload = found.get();
            if (!workload.kind().equals(s.workload().kind())) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        "the plan declares " + s.name() + " a " + s.workload().kind()
                                + (s.isStatefulSet() ? " (statefulSet())" : " (the default)") + ", but the chart "
                                + release.chartName() + " renders " + workload.describe()
                                + ": the HPA's scaleTargetRef, the patches and the rollout maths would name the wrong"
                                + " kind; "
                                + (s.isStatefulSet()
                                        ? "remove statefulSet() from the service"
                                        : "add statefulSet() to the service"));
                return;
            }
            if (s.isStatefulSet()) {
                JsonNode policy = workload.at("/spec/podManagementPolicy");
                String rendered = policy.isMissingNode() ? "OrderedReady" : policy.asText();
                if (!rendered.equals(s.podManagement().policy())) {
                    report(
                            Rules.CHART_IGNORES_VALUE,
                            "the plan says the StatefulSet " + s.name() + " starts its pods "
                                    + s.podManagement().policy() + ", but " + workload.describe()
                                    + " renders podManagementPolicy " + rendered
                                    + (policy.isMissingNode() ? " (none: Kubernetes' default)" : "")
                                    + ": scale-up times would be planned wrong; say statefulSet("
                                    + (rendered.equals("Parallel") ? "PodManagement.PARALLEL" : "") + ")");
                }
            }
            JsonNode podLabels = workload.at("/spec/template/metadata/labels");
            JsonNode matchLabels = workload.at("/spec/selector/matchLabels");
            if (matchLabels instanceof ObjectNode m && !m.isEmpty() && selects(m, podLabels)) {
                selectors.put(s.name(), m.deepCopy());
            }
            replicas(workload);
            resources(workload);
            hpa(workload);
            pdb(workload, podLabels);
        }

        private void replicas(RenderedObject workload) {
            if (s.autoscaling().isPresent() || s.replicas().isEmpty()) {
                return;
            }
            int expected = s.replicas().get();
            JsonNode actual = workload.at("/spec/replicas");
            // a Deployment or StatefulSet without spec.replicas runs 1 pod: the API server's default
            if (actual.isInt() && actual.asInt() == expected || actual.isMissingNode() && expected == 1) {
                return;
            }
            if (layout.path(Slot.REPLICA_COUNT, s).isEmpty()) {
                // no values key can carry it (Online Boutique): a post-render patch sets spec.replicas
                patches.put(s.name(), workload);
                return;
            }
            report(
                    Rules.CHART_IGNORES_VALUE,
                    "replicas(" + expected + ") does not reach the chart: "
                            + written(Slot.REPLICA_COUNT, String.valueOf(expected)) + ", but " + workload.describe()
                            + " renders "
                            + (actual.isMissingNode()
                                    ? "no spec.replicas (Kubernetes makes it 1)"
                                    : "spec.replicas " + actual.asText()));
        }

        private void resources(RenderedObject workload) {
            if (s.resources().isEmpty()) {
                return;
            }
            ObjectNode expected = KubeValues.resources(s.resources());
            for (JsonNode c : workload.at("/spec/template/spec/containers")) {
                if (sameResources(expected, c.path("resources"))) {
                    return;
                }
            }
            JsonNode first = workload.at("/spec/template/spec/containers/0/resources");
            report(
                    Rules.CHART_IGNORES_VALUE,
                    "resources " + Yaml.json(expected) + " do not reach the chart: "
                            + written(Slot.RESOURCES, null)
                            + " has them (the first has " + (first.isMissingNode() ? "none" : Yaml.json(first)) + ")");
        }

        private void hpa(RenderedObject workload) {
            List<RenderedObject> hpas = rendered.stream()
                    .filter(o -> o.kind().equals("HorizontalPodAutoscaler")
                            && o.at("/spec/scaleTargetRef/name").asText().equals(s.name())
                            && o.at("/spec/scaleTargetRef/kind").asText().equals(workload.kind()))
                    .toList();
            if (!release.chartRendersHpa(s)) {
                for (RenderedObject h : hpas) {
                    report(
                            Rules.CHART_SECOND_OWNER,
                            h.describe() + " scales " + workload.kind() + "/" + s.name()
                                    + (s.autoscaling().isPresent()
                                            ? ", and scaleplan writes k8s/" + s.name()
                                                    + "-hpa.yaml for it: two HPAs on one"
                                                    + " workload disable each other (AmbiguousSelector)"
                                            : ", whose replica count the plan fixes")
                                    + "; " + switchedOff(Slot.AUTOSCALING_ENABLED));
                }
                return;
            }
            Autoscaling a = s.autoscaling().orElseThrow();
            if (hpas.isEmpty()) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        "the chart " + release.chartName() + " renders no HorizontalPodAutoscaler for "
                                + workload.kind()
                                + "/" + s.name() + ": " + written(Slot.AUTOSCALING_ENABLED, "true")
                                + ", but no template reads"
                                + " it");
                return;
            }
            RenderedObject h = hpas.get(0);
            expectInt(h, "/spec/minReplicas", a.minReplicas(), Slot.MIN_REPLICAS);
            expectInt(h, "/spec/maxReplicas", a.maxReplicas(), Slot.MAX_REPLICAS);
            a.cpuUtilization().ifPresent(p -> expectMetric(h, "cpu", p, Slot.TARGET_CPU));
            a.memoryUtilization().ifPresent(p -> expectMetric(h, "memory", p, Slot.TARGET_MEMORY));
        }

        private void expectInt(RenderedObject h, String pointer, int expected, Slot slot) {
            JsonNode actual = h.at(pointer);
            if (!(actual.canConvertToInt() && actual.asInt() == expected && actual.isNumber())) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        written(slot, String.valueOf(expected)) + ", but " + h.describe()
                                + " renders " + pointer.substring(pointer.lastIndexOf('/') + 1) + " "
                                + (actual.isMissingNode() ? "(none)" : actual.asText()));
            }
        }

        private void expectMetric(RenderedObject h, String resource, Percent target, Slot slot) {
            for (JsonNode m : h.at("/spec/metrics")) {
                if (m.path("type").asText().equals("Resource")
                        && m.at("/resource/name").asText().equals(resource)
                        && m.at("/resource/target/type").asText().equals("Utilization")
                        && m.at("/resource/target/averageUtilization").asInt(-1) == target.value()) {
                    return;
                }
            }
            report(
                    Rules.CHART_IGNORES_VALUE,
                    written(slot, String.valueOf(target.value())) + ", but " + h.describe()
                            + " has no " + resource + " utilization target of " + target.value() + "% (its metrics: "
                            + Yaml.json(h.at("/spec/metrics").isMissingNode() ? Yaml.array() : h.at("/spec/metrics"))
                            + ")");
        }

        private void pdb(RenderedObject workload, JsonNode podLabels) {
            List<RenderedObject> pdbs = rendered.stream()
                    .filter(o -> o.kind().equals("PodDisruptionBudget")
                            && selects(o.at("/spec/selector/matchLabels"), podLabels))
                    .toList();
            if (s.disruptionBudget().isEmpty()) {
                return;
            }
            DisruptionBudget budget = s.disruptionBudget().get();
            if (!release.chartRendersPdb(s)) {
                for (RenderedObject p : pdbs) {
                    report(
                            Rules.CHART_SECOND_OWNER,
                            p.describe() + " selects the pods of " + workload.kind() + "/"
                                    + s.name() + ", and scaleplan writes k8s/" + s.name()
                                    + "-pdb.yaml for them: with two"
                                    + " PDBs over one pod every eviction fails; " + switchedOff(Slot.PDB_CREATE));
                }
                if (!selectors.containsKey(s.name())) {
                    report(
                            Rules.CHART_IGNORES_VALUE,
                            "the PodDisruptionBudget scaleplan writes for " + s.name()
                                    + " needs the labels of its pods, but " + workload.describe() + " has no"
                                    + " spec.selector.matchLabels that its pod template carries");
                }
                return;
            }
            Slot slot =
                    budget.kind() == DisruptionBudget.Kind.MIN_AVAILABLE ? Slot.MIN_AVAILABLE : Slot.MAX_UNAVAILABLE;
            String expected = intOrPercent(budget.amount());
            if (pdbs.isEmpty()) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        "the chart " + release.chartName() + " renders no PodDisruptionBudget selecting the pods of "
                                + workload.describe() + ": " + written(Slot.PDB_CREATE, "true") + " and "
                                + written(slot, expected));
                return;
            }
            RenderedObject p = pdbs.get(0);
            String field = budget.kind().field();
            String other = budget.kind() == DisruptionBudget.Kind.MIN_AVAILABLE ? "maxUnavailable" : "minAvailable";
            JsonNode actual = p.at("/spec/" + field);
            if (actual.isMissingNode() || !actual.asText().equals(expected)) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        written(slot, expected) + ", but " + p.describe() + " renders " + field + " "
                                + (actual.isMissingNode() ? "(none)" : actual.asText()));
            } else if (!p.at("/spec/" + other).isMissingNode()) {
                report(
                        Rules.CHART_IGNORES_VALUE,
                        written(slot, expected) + ", but " + p.describe() + " also renders "
                                + other + " " + p.at("/spec/" + other).asText()
                                + ", which the plan does not state (the API"
                                + " server rejects a PDB with both)");
            }
        }

        /** {@code the overlay writes cartService.replicaCount = 3}, or that the layout has no key. */
        private String written(Slot slot, String value) {
            return layout.path(slot, s)
                    .map(k -> "the overlay writes " + k + (value == null ? "" : " = " + value))
                    .orElse("chart layout " + layout.name() + " has no key for " + slotName(slot));
        }

        private String switchedOff(Slot slot) {
            return layout.path(slot, s)
                    .map(k -> "the overlay writes " + k + " = false, which the chart does not read")
                    .orElse("chart layout " + layout.name() + " has no key that switches it off");
        }

        private String workloads() {
            List<String> names = rendered.stream()
                    .filter(o -> o.kind().equals("Deployment") || o.kind().equals("StatefulSet"))
                    .map(o -> o.kind() + "/" + o.name())
                    .toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        }

        private void report(Rule rule, String message) {
            out.add(new Diagnostic(
                    rule.ruleId(),
                    rule.severity(),
                    PlanElement.plan(plan.name()).service(s.name()),
                    message,
                    s.source(),
                    Optional.of(rule.fix())));
        }
    }

    private static String slotName(Slot slot) {
        return switch (slot) {
            case REPLICA_COUNT -> "the replica count";
            case RESOURCES -> "resources";
            case AUTOSCALING_ENABLED -> "the HPA's switch";
            case PDB_CREATE -> "the PodDisruptionBudget's switch";
            default -> slot.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** Whether {@code matchLabels} (non-empty) is a subset of {@code labels}. */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (!(matchLabels instanceof ObjectNode m) || m.isEmpty() || !labels.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static String intOrPercent(PodAmount amount) {
        return amount instanceof Percent p ? p.value() + "%" : String.valueOf(amount.value());
    }

    /**
     * Whether {@code actual} has every request and limit the plan states, compared as text ({@code
     * "1"} and {@code 1} agree); the chart's defaults for the others may stay.
     */
    private static boolean sameResources(JsonNode expected, JsonNode actual) {
        for (String group : List.of("requests", "limits")) {
            JsonNode e = expected.path(group);
            JsonNode a = actual.path(group);
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!a.path(name).asText().equals(e.path(name).asText())) {
                    return false;
                }
            }
        }
        return true;
    }
}
