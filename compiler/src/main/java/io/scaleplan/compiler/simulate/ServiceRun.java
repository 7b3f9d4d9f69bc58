package io.scaleplan.compiler.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's simulated run: per second, the load, the replicas the Deployment asks for
 * ({@code spec.replicas}) and the pods that are ready, and the summary a reviewer reads.
 */
public final class ServiceRun {
    private final String service;
    private final Optional<HpaSpec> hpa;
    private final List<String> notes;
    private final long capacityPerPod;
    private final double[] load;
    private final int[] replicas;
    private final int[] ready;

    ServiceRun(
            String service,
            Optional<HpaSpec> hpa,
            List<String> notes,
            long capacityPerPod,
            double[] load,
            int[] replicas,
            int[] ready) {
        this.service = Objects.requireNonNull(service, "service");
        this.hpa = Objects.requireNonNull(hpa, "hpa");
        this.notes = List.copyOf(notes);
        this.capacityPerPod = capacityPerPod;
        this.load = load.clone();
        this.replicas = replicas.clone();
        this.ready = ready.clone();
    }

    public String service() {
        return service;
    }

    /** The HPA as simulated; empty for a service with a fixed replica count. */
    public Optional<HpaSpec> hpa() {
        return hpa;
    }

    /** What the simulation could not model for this service (metrics without a load model). */
    public List<String> notes() {
        return notes;
    }

    /** Requests per second one ready pod serves. */
    public long capacityPerPod() {
        return capacityPerPod;
    }

    /** Seconds simulated: 0 to {@code seconds() - 1}. */
    public int seconds() {
        return load.length;
    }

    public double loadAt(int second) {
        return load[second];
    }

    public int replicasAt(int second) {
        return replicas[second];
    }

    public int readyAt(int second) {
        return ready[second];
    }

    /** Requests per second the ready pods serve at {@code second}. */
    public long readyCapacityAt(int second) {
        return ready[second] * capacityPerPod;
    }

    public int initialReplicas() {
        return replicas[0];
    }

    public int peakReplicas() {
        return Arrays.stream(replicas).max().orElse(0);
    }

    public int peakReady() {
        return Arrays.stream(ready).max().orElse(0);
    }

    public double peakLoad() {
        return Arrays.stream(load).max().orElse(0);
    }

    /** Seconds at which the Deployment asked for the HPA's maxReplicas. */
    public int secondsAtMax() {
        if (hpa.isEmpty()) {
            return 0;
        }
        int max = hpa.get().maxReplicas();
        return (int) Arrays.stream(replicas).filter(r -> r == max).count();
    }

    /** Seconds at which the load exceeded what the ready pods serve. */
    public int secondsOverCapacity() {
        int n = 0;
        for (int t = 0; t < load.length; t++) {
            if (load[t] > readyCapacityAt(t)) {
                n++;
            }
        }
        return n;
    }

    /** The largest excess of load over ready capacity, in rps (0 when always covered). */
    public double peakExcessRps() {
        double peak = 0;
        for (int t = 0; t < load.length; t++) {
            peak = Math.max(peak, load[t] - readyCapacityAt(t));
        }
        return peak;
    }

    /** Requests above ready capacity, summed over the seconds: what was queued, slowed or shed. */
    public double excessRequests() {
        double sum = 0;
        for (int t = 0; t < load.length; t++) {
            sum += Math.max(0, load[t] - readyCapacityAt(t));
        }
        return sum;
    }

    /** The first second the load exceeded ready capacity, if it ever did. */
    public Optional<Integer> firstSecondOverCapacity() {
        for (int t = 0; t < load.length; t++) {
            if (load[t] > readyCapacityAt(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** How often the replica count changed. */
    public int replicaChanges() {
        int n = 0;
        for (int t = 1; t < replicas.length; t++) {
            if (replicas[t] != replicas[t - 1]) {
                n++;
            }
        }
        return n;
    }
}
