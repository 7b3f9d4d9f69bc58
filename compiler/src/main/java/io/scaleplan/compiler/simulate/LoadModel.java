package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Service;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongToDoubleFunction;

/**
 * Turns a load in rps into the samples the metrics pipeline would return (see {@link Simulator}):
 * per pod, a milli-quantity rounded up as {@code Quantity.MilliValue()} rounds, so that the
 * controller sums per-pod values and divides, as it does on a cluster; for an Object or External
 * request rate, the whole load as one value.
 */
final class LoadModel {
    /** The window a metrics-server sample covers: its default resolution, 15 s. */
    static final int METRIC_WINDOW_SECONDS = 15;

    private final long capacityPerPod;
    private final long cpuRequestMilli;
    private final long cpuLimitMilli;

    LoadModel(Service service, long capacityPerPod) {
        this.capacityPerPod = capacityPerPod;
        this.cpuRequestMilli =
                service.resources().cpuRequest().map(Cpu::millicores).orElse(0L);
        this.cpuLimitMilli = service.resources().cpuLimit().map(Cpu::millicores).orElse(Long.MAX_VALUE);
    }

    /**
     * One pod's sample for {@code target} when {@code load} rps is spread over {@code ready} ready
     * pods: CPU in millicores (its request at {@code capacityPerPod} rps, capped at its limit), a
     * request rate in milli-rps.
     */
    long perPodMilli(MetricTarget target, double load, int ready) {
        BigDecimal perPod = BigDecimal.valueOf(load).divide(BigDecimal.valueOf(ready), 12, RoundingMode.HALF_EVEN);
        if (target instanceof MetricTarget.Utilization) {
            long used = perPod.multiply(BigDecimal.valueOf(cpuRequestMilli))
                    .divide(BigDecimal.valueOf(capacityPerPod), 0, RoundingMode.CEILING)
                    .longValueExact();
            return Math.min(used, cpuLimitMilli);
        }
        return perPod.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The value an Object or External request-rate metric reads: the whole load, in milli-rps. */
    static OptionalLong totalMilli(MetricTarget target, double load) {
        return target instanceof MetricTarget.Total
                ? OptionalLong.of(BigDecimal.valueOf(load)
                        .movePointRight(3)
                        .setScale(0, RoundingMode.CEILING)
                        .longValueExact())
                : OptionalLong.empty();
    }

    private long requestMilli(MetricTarget target) {
        return target instanceof MetricTarget.Utilization ? cpuRequestMilli : 0;
    }

    /** One sample per metric of {@code hpa} for {@code pods} Running and Ready pods serving {@code load}. */
    List<MetricSample> steady(HpaSpec hpa, double load, int pods) {
        List<MetricSample> out = new ArrayList<>();
        for (MetricTarget m : hpa.metrics()) {
            long value = pods == 0 ? 0 : perPodMilli(m, load, pods);
            List<MetricSample.Pod> list = new ArrayList<>();
            for (int i = 0; i < pods; i++) {
                list.add(MetricSample.Pod.ready(value, requestMilli(m)));
            }
            out.add(new MetricSample(list, 0, METRIC_WINDOW_SECONDS, totalMilli(m, load)));
        }
        return out;
    }

    /**
     * One sample per metric of {@code hpa} at sync second {@code now}, for the pods of {@code
     * deployment}, with samples taken {@code lagSeconds} earlier: a pod reports what it served
     * then (the load spread over the pods Ready then; nothing when it was Running but not Ready),
     * and has no sample when it was not Running yet.
     */
    List<MetricSample> samples(
            HpaSpec hpa, Deployment deployment, long now, int lagSeconds, LongToDoubleFunction loadAt) {
        long sampledAt = now - lagSeconds;
        double load = loadAt.applyAsDouble(Math.max(0, sampledAt));
        int readyThen = deployment.readyAt(sampledAt);
        List<MetricSample> out = new ArrayList<>();
        for (MetricTarget m : hpa.metrics()) {
            long perPod = readyThen == 0 ? 0 : perPodMilli(m, load, readyThen);
            List<MetricSample.Pod> pods = new ArrayList<>();
            for (long created : deployment.createdSeconds()) {
                if (created > now) {
                    continue; // an ordered StatefulSet has not created it yet: the HPA sees no pod
                }
                long running = deployment.runningAt(created);
                long readyAt = deployment.readyAtOf(created);
                if (now < running) {
                    pods.add(new MetricSample.Pod(
                            MetricSample.Phase.PENDING,
                            false,
                            running,
                            created,
                            requestMilli(m),
                            OptionalLong.empty()));
                    continue;
                }
                boolean ready = now >= readyAt;
                OptionalLong value =
                        sampledAt < running ? OptionalLong.empty() : OptionalLong.of(sampledAt >= readyAt ? perPod : 0);
                pods.add(new MetricSample.Pod(
                        MetricSample.Phase.RUNNING, ready, running, ready ? readyAt : running, requestMilli(m), value));
            }
            out.add(new MetricSample(pods, sampledAt, METRIC_WINDOW_SECONDS, totalMilli(m, load)));
        }
        return out;
    }
}
