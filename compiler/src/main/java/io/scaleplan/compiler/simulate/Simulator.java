package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.ContainerResourceMetric;
import io.scaleplan.dsl.ExternalMetric;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.ObjectMetric;
import io.scaleplan.dsl.PodsMetric;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a {@link LoadProfile} through the HPA control loop of each service it names. Pure: the
 * plan and the profile in, a {@link Simulation} out.
 *
 * <p>The load model: the load is spread evenly over the ready pods. A pod serving its {@code
 * capacityPerPod} uses exactly its CPU request, and CPU use is linear in the requests it serves,
 * capped at its CPU limit (a saturated pod serves no faster). A {@code Pods} metric the plan
 * declares the service's request rate ({@code requestRate(name)}, whatever its name) reads the load
 * per ready pod; an {@code Object} or {@code External} one reads the whole load, against its Value
 * or AverageValue target. Metrics see the load of the second of the sync (no scrape lag). Memory
 * metrics, ContainerResource metrics and custom metrics that are not the request rate have no load
 * model: they are left out, and the run says so in its notes.
 *
 * <p>Each service starts at the replica count its HPA settles on for the load at second 0 (from
 * minReplicas, all pods ready); the first sync is at second 0, then one every sync period.
 */
public final class Simulator {
    private final SimulationOptions options;

    public Simulator(SimulationOptions options) {
        this.options = options;
    }

    /** Runs every curve of {@code profile} against the services of {@code plan}. */
    public Simulation run(ScalingPlan plan, LoadProfile profile) {
        int seconds = (int) (profile.durationSeconds() + options.tailSeconds()) + 1;
        List<ServiceRun> runs = new ArrayList<>();
        for (LoadProfile.ServiceLoad curve : profile.services()) {
            Service service = plan.service(curve.service())
                    .orElseThrow(() ->
                            new IllegalArgumentException("plan " + plan.name() + " has no service " + curve.service()));
            runs.add(run(service, curve, seconds));
        }
        return new Simulation(plan, profile, options, runs);
    }

    /**
     * The HPA of {@code service} as the controller sees it, adding to {@code notes} what is left
     * out; empty when no metric has a load model (the HPA then holds its replicas).
     */
    public static Optional<HpaSpec> hpaOf(Service service, ControllerSettings settings, List<String> notes) {
        Autoscaling a = service.autoscaling().orElseThrow();
        List<MetricTarget> metrics = new ArrayList<>();
        a.cpuUtilization().ifPresent(p -> metrics.add(new MetricTarget.Utilization("cpu", p.value())));
        a.memoryUtilization()
                .ifPresent(p -> notes.add("memory " + p + ": no load model for memory; left out of the simulation"));
        for (ContainerResourceMetric m : a.containerResourceMetrics()) {
            notes.add("ContainerResource " + m.label() + ": no load model per container; left out of the simulation");
        }
        for (PodsMetric m : a.podsMetrics()) {
            if (m.isRequestRate()) {
                metrics.add(new MetricTarget.AverageValue(m.name(), milli(m.averageValue())));
            } else {
                notes.add("Pods metric " + m.name() + ": not declared the request rate; left out of the simulation");
            }
        }
        for (ObjectMetric m : a.objectMetrics()) {
            if (m.isRequestRate()) {
                metrics.add(new MetricTarget.Total(
                        m.name(), m.target().isPerPod(), milli(m.target().amount())));
            } else {
                notes.add("Object metric " + m.name() + " of " + m.object()
                        + ": not declared the request rate; left out of the simulation");
            }
        }
        for (ExternalMetric m : a.externalMetrics()) {
            if (m.isRequestRate()) {
                metrics.add(new MetricTarget.Total(
                        m.name(), m.target().isPerPod(), milli(m.target().amount())));
            } else {
                notes.add(
                        "External metric " + m.name() + ": not declared the request rate; left out of the simulation");
            }
        }
        if (!a.hasMetrics()) {
            metrics.add(new MetricTarget.Utilization("cpu", 80)); // the API server's default metric
        }
        if (metrics.isEmpty()) {
            notes.add("no metric with a load model: the HPA holds its replicas");
        }
        return metrics.isEmpty()
                ? Optional.empty()
                : Optional.of(new HpaSpec(
                        a.minReplicas(),
                        a.maxReplicas(),
                        metrics,
                        a.behavior().map(b -> HpaBehavior.resolve(b, settings))));
    }

    /** A target as {@code Quantity.MilliValue()} reads it: in milli-units, rounded up. */
    private static long milli(BigDecimal amount) {
        return amount.multiply(BigDecimal.valueOf(1000))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }

    private ServiceRun run(Service service, LoadProfile.ServiceLoad curve, int seconds) {
        long perPod = service.capacity()
                .orElseThrow(() -> new IllegalArgumentException("service " + service.name() + " has no capacityPerPod"))
                .perPod()
                .perSecond();
        List<String> notes = new ArrayList<>();
        HpaSpec hpa = service.isAutoscaled()
                ? hpaOf(service, options.controller(), notes).orElse(null)
                : null;
        LoadModel model = new LoadModel(service, perPod);
        int initial = hpa == null
                ? service.isAutoscaled()
                        ? service.minReplicas()
                        : service.replicas().orElse(0)
                : settle(hpa, model, curve.rpsAt(0), options.controller());
        Deployment deployment = new Deployment(
                initial,
                options.pendingSeconds(),
                options.readySeconds(),
                service.isStatefulSet() && service.podManagement() == io.scaleplan.dsl.PodManagement.ORDERED_READY);
        if (service.isStatefulSet()) {
            notes.add(
                    service.podManagement() == io.scaleplan.dsl.PodManagement.ORDERED_READY
                            ? "StatefulSet, OrderedReady: scaling up creates one pod at a time, each once the one before is"
                                    + " Ready (" + options.readySeconds() + " s apart)"
                            : "StatefulSet, Parallel: scaling up creates every new pod at once");
        }
        HpaController controller = hpa == null ? null : new HpaController(hpa, options.controller());
        double[] load = new double[seconds];
        int[] replicas = new int[seconds];
        int[] ready = new int[seconds];
        int sync = options.controller().syncSeconds();
        for (int t = 0; t < seconds; t++) {
            double l = curve.rpsAt(t);
            if (controller != null && t % sync == 0) {
                int current = deployment.replicas();
                List<MetricSample> samples =
                        model.samples(hpa, deployment, t, options.metricsLagSeconds(), s -> curve.rpsAt((double) s));
                deployment.scaleTo(controller.sync(t, current, samples), t);
            }
            load[t] = l;
            replicas[t] = deployment.replicas();
            ready[t] = deployment.readyAt(t);
        }
        return new ServiceRun(service.name(), Optional.ofNullable(hpa), notes, perPod, load, replicas, ready);
    }

    /** The replica count the HPA settles on for a steady {@code load} with every pod ready. */
    static int settle(HpaSpec hpa, LoadModel model, double load, ControllerSettings settings) {
        int current = hpa.minReplicas();
        for (int i = 0; i < 100; i++) {
            // The HPA's own tolerances, without its rate limits and windows.
            HpaController probe = new HpaController(
                    new HpaSpec(hpa.minReplicas(), hpa.maxReplicas(), hpa.metrics(), hpa.behavior()),
                    new ControllerSettings(1, settings.tolerance(), 0));
            int next = probe.proposalOf(current, model.steady(hpa, load, current));
            next = Math.max(hpa.minReplicas(), Math.min(hpa.maxReplicas(), next));
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
