package io.scaleplan.compiler.emit.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.HelmRelease;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;

/**
 * The recommended Kubernetes labels ({@code app.kubernetes.io/*}) of a service's pods, as the
 * platform chart sets them, and of the objects scaleplan generates for it.
 */
public final class Labels {
    private Labels() {}

    /**
     * The labels that select a service's pods: chart name, release instance (of the service's
     * namespace), component; for a plan
     * without a chart ({@code plainManifests()}), {@code app.kubernetes.io/name: <service>}.
     */
    public static ObjectNode selector(ScalingPlan plan, Service service) {
        ObjectNode labels = Yaml.object();
        HelmRelease release = plan.namespaceOf(service).release();
        if (release.isPlainManifests()) {
            labels.put("app.kubernetes.io/name", service.name());
            return labels;
        }
        labels.put("app.kubernetes.io/name", release.chartName());
        labels.put("app.kubernetes.io/instance", release.name());
        labels.put("app.kubernetes.io/component", service.name());
        return labels;
    }

    /** The labels of a generated object: the selector labels, plus who manages it. */
    public static ObjectNode object(ScalingPlan plan, Service service) {
        ObjectNode labels = selector(plan, service);
        labels.put("app.kubernetes.io/managed-by", "scaleplan");
        return labels;
    }
}
