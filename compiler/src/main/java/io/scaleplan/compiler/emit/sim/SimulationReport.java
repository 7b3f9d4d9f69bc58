package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Markdown;
import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.simulate.ControllerSettings;
import io.scaleplan.compiler.simulate.HpaBehavior;
import io.scaleplan.compiler.simulate.HpaSpec;
import io.scaleplan.compiler.simulate.MetricTarget;
import io.scaleplan.compiler.simulate.ServiceRun;
import io.scaleplan.compiler.simulate.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code SIMULATION.md}: what the HPA did under the profile, service by service, and what follows for the plan. */
public final class SimulationReport {
    private SimulationReport() {}

    /** The report; {@code budget} is the plan's PostgreSQL connection budget, when it has a server. */
    public static String render(Simulation sim, Optional<ConnectionBudget> budget) {
        ControllerSettings c = sim.options().controller();
        Markdown md = new Markdown();
        md.line(Headers.markdown(sim.plan()).stripTrailing())
                .line("# Simulation: plan " + sim.plan().name() + " under load profile "
                        + sim.profile().name())
                .blank()
                .line(
                        "The profile replayed through the HPA control loop as kube-controller-manager runs it: a sync every "
                                + c.syncSeconds() + " s, tolerance " + Numbers.format(c.tolerance())
                                + ", a scale-down stabilization of " + c.downscaleStabilizationSeconds()
                                + " s unless the behavior sets one; new pods are Pending (no traffic, no sample) for "
                                + sim.options().pendingSeconds() + " s, then Running but not Ready (no traffic, a"
                                + " sample of 0 that a Pods metric counts and CPU leaves out) until "
                                + sim.options().readySeconds() + " s after they are created; the metrics are "
                                + (sim.options().metricsLagSeconds() == 0
                                        ? "current"
                                        : sim.options().metricsLagSeconds() + " s old")
                                + ". "
                                + "Simulated for " + clock(sim.seconds() - 1) + " (the profile and "
                                + sim.options().tailSeconds() + " s after it).")
                .blank()
                .line("Load model: the load is spread evenly over the ready pods; a pod serving its capacityPerPod uses"
                        + " exactly its CPU request, CPU use is linear in load and capped at the CPU limit; a requests-"
                        + "per-second Pods metric reads the load per ready pod. Each pod's sample is a milli-quantity"
                        + " rounded up; the controller sums them and divides. Ready capacity = ready pods ×"
                        + " capacityPerPod. Each service starts at the replica count its HPA settles on for the load"
                        + " at second 0.")
                .blank()
                .line("## Services")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        for (ServiceRun r : sim.runs()) {
            rows.add(List.of(
                    r.service(),
                    r.hpa().map(SimulationReport::describe).orElse("fixed replicas"),
                    Numbers.format(r.peakLoad()) + " rps",
                    r.initialReplicas() + " → " + r.peakReplicas(),
                    r.hpa()
                            .map(h -> h.maxReplicas() + " (" + duration(r.secondsAtMax()) + " at max)")
                            .orElse("–"),
                    duration(r.secondsOverCapacity()),
                    Numbers.format(r.peakExcessRps()) + " rps",
                    Long.toString(Math.round(r.excessRequests())),
                    Integer.toString(r.replicaChanges())));
        }
        md.table(
                List.of(
                        "service",
                        "HPA",
                        "peak load",
                        "replicas start → peak",
                        "maxReplicas",
                        "load above ready capacity",
                        "peak excess",
                        "excess requests",
                        "replica changes"),
                rows);
        md.blank();
        for (ServiceRun r : sim.runs()) {
            md.line("- " + verdict(r));
            r.notes().forEach(n -> md.line("  - not simulated: " + n));
        }
        md.blank().line("## PostgreSQL connections").blank();
        if (!sim.hasConnectionPools()) {
            md.line("No service declares a connection pool (connectionPoolSize).");
        } else {
            int at = sim.peakConnectionSecond();
            long peak = sim.connectionsAt(at, false);
            long surge = sim.connectionsAt(at, true);
            if (budget.isEmpty()) {
                md.line("Peak: " + peak + " connections at " + clock(at) + " (" + surge
                        + " if a rolling update surges every service then). The plan models no PostgreSQL server,"
                        + " so there is no max_connections to compare with.");
            } else {
                ConnectionBudget b = budget.get();
                long reserved = b.reserved();
                long limit = b.maxConnections();
                md.line("Peak: " + peak + " connections at " + clock(at) + " (Σ replicas × pool size + other clients), "
                                + surge + " if a rolling update surges every service then; with " + reserved
                                + " reserved for superusers, against max_connections " + limit + ".")
                        .blank()
                        .line(
                                surge + reserved > limit
                                        ? peak + reserved > limit
                                                ? "**Over max_connections at peak**: new connections fail."
                                                : "**Over max_connections during a rollout at peak**: new pods would fail to"
                                                        + " connect."
                                        : "Within max_connections at every second, rollout at peak included.");
            }
        }
        md.blank().line("## Node fit at peak").blank();
        List<CapacityPlanner.PoolFit> fits = sim.poolFitsAtPeak();
        if (fits.isEmpty()) {
            md.line("The plan declares no node pool.");
        } else {
            List<List<String>> fitRows = new ArrayList<>();
            for (CapacityPlanner.PoolFit f : fits) {
                fitRows.add(List.of(
                        f.pool().name(),
                        Integer.toString(f.podCount()),
                        percent(f.cpuShare()),
                        percent(f.memoryShare()),
                        f.fits()
                                ? "yes"
                                : "no: " + (f.podCount() - f.podsThatFit()) + " pods do not fit on "
                                        + f.pool().maxNodes() + " nodes"));
            }
            md.table(List.of("pool", "pods at peak", "CPU requested", "memory requested", "fits"), fitRows);
        }
        return md.toString();
    }

    /** {@code 3–20, cpu 70%, http_requests_per_second 1000; legacy path}. */
    static String describe(HpaSpec h) {
        List<String> metrics = h.metrics().stream().map(MetricTarget::label).toList();
        String behavior = h.behavior()
                .map(b -> "behavior: up " + rules(b.scaleUp()) + ", down " + rules(b.scaleDown()))
                .orElse("no behavior (legacy path)");
        return h.minReplicas() + "–" + h.maxReplicas() + ", " + String.join(", ", metrics) + "; " + behavior;
    }

    private static String rules(HpaBehavior.Rules r) {
        return r.policies().stream()
                        .map(HpaBehavior.Policy::toString)
                        .reduce((a, b) -> a + " + " + b)
                        .orElse("") + " (" + r.select().apiValue() + ", window " + r.stabilizationSeconds() + " s)";
    }

    /** One line on whether the ready pods covered the load, and if not, when and by how much. */
    public static String verdict(ServiceRun r) {
        if (r.secondsOverCapacity() == 0) {
            return r.service() + ": the ready pods covered the load at every second (peak " + r.peakReady()
                    + " ready pods, " + r.peakReady() * r.capacityPerPod() + " rps).";
        }
        return r.service() + ": the load exceeded ready capacity for " + duration(r.secondsOverCapacity())
                + ", first at " + clock(r.firstSecondOverCapacity().orElseThrow()) + ", by up to "
                + Numbers.format(r.peakExcessRps()) + " rps.";
    }

    /** {@code 00:10:15}. */
    static String clock(int second) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
    }

    private static String duration(int seconds) {
        return seconds + " s";
    }

    private static String percent(double share) {
        return Numbers.format(share * 100) + " %";
    }
}
