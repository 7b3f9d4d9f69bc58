package io.scaleplan.compiler.emit.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ChartKey;
import io.scaleplan.dsl.ChartLayout;
import io.scaleplan.dsl.ChartLayout.Slot;
import io.scaleplan.dsl.DisruptionBudget;
import io.scaleplan.dsl.HelmRelease;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The values overlay for a chart with a {@link ChartLayout} other than arka-engine's: each value at
 * the key the layout names, under the service's key or at the top level. Values the layout has no
 * key for are not written (the chart oracle reports the ones only the chart could carry). One owner
 * per object: the chart's HPA and PDB are switched on only when the chart renders them ({@link
 * HelmRelease#chartRendersHpa}), and switched off otherwise, so that scaleplan's standalone objects
 * are the only ones. When scaleplan's HPA owns the replica count the chart's {@code replicaCount} is
 * the HPA's minimum: Helm's three-way merge then leaves the live count to the HPA.
 */
final class LayoutValues {
    private LayoutValues() {}

    static ObjectNode values(ScalingPlan plan) {
        ChartLayout layout = plan.release().layout();
        ObjectNode values = Yaml.object();
        for (Service s : plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList()) {
            ObjectNode node = layout.scope() == ChartLayout.Scope.SERVICE ? values.putObject(s.helmKey()) : values;
            service(plan.release(), s, node);
        }
        return values;
    }

    private static void service(HelmRelease release, Service s, ObjectNode node) {
        ChartLayout layout = release.layout();
        boolean chartHpa = release.chartRendersHpa(s);
        if (s.autoscaling().isEmpty()) {
            s.replicas().ifPresent(r -> put(node, layout.key(Slot.REPLICA_COUNT), r));
        } else if (!chartHpa) {
            put(node, layout.key(Slot.REPLICA_COUNT), s.minReplicas());
        }
        put(node, layout.key(Slot.AUTOSCALING_ENABLED), chartHpa);
        if (chartHpa) {
            Autoscaling a = s.autoscaling().orElseThrow();
            put(node, layout.key(Slot.MIN_REPLICAS), a.minReplicas());
            put(node, layout.key(Slot.MAX_REPLICAS), a.maxReplicas());
            a.cpuUtilization().ifPresent(p -> put(node, layout.key(Slot.TARGET_CPU), p.value()));
            a.memoryUtilization().ifPresent(p -> put(node, layout.key(Slot.TARGET_MEMORY), p.value()));
        }
        if (!s.resources().isEmpty()) {
            layout.key(Slot.RESOURCES)
                    .ifPresent(k -> parent(node, k).set(leaf(k), KubeValues.resources(s.resources())));
        }
        boolean chartPdb = release.chartRendersPdb(s);
        put(node, layout.key(Slot.PDB_CREATE), chartPdb);
        if (chartPdb) {
            DisruptionBudget b = s.disruptionBudget().orElseThrow();
            Slot slot = b.kind() == DisruptionBudget.Kind.MIN_AVAILABLE ? Slot.MIN_AVAILABLE : Slot.MAX_UNAVAILABLE;
            ChartKey k = layout.key(slot).orElseThrow();
            KubeValues.putIntOrPercent(parent(node, k), leaf(k), b.amount());
        }
        HelmValuesEmitter.mergeChartValues(s, node);
    }

    private static void put(ObjectNode node, Optional<ChartKey> key, int value) {
        key.ifPresent(k -> parent(node, k).put(leaf(k), value));
    }

    private static void put(ObjectNode node, Optional<ChartKey> key, boolean value) {
        key.ifPresent(k -> parent(node, k).put(leaf(k), value));
    }

    private static ObjectNode parent(ObjectNode node, ChartKey key) {
        ObjectNode parent = node;
        List<String> segments = key.segments();
        for (String segment : segments.subList(0, segments.size() - 1)) {
            parent = parent.get(segment) instanceof ObjectNode o ? o : parent.putObject(segment);
        }
        return parent;
    }

    private static String leaf(ChartKey key) {
        return key.segments().get(key.segments().size() - 1);
    }
}
