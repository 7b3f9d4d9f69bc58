package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;

/** Turns a load in rps into the samples the metrics pipeline would return (see {@link Simulator}). */
final class LoadModel {
    private final long capacityPerPod;
    private final long cpuRequestMilli;
    private final long cpuLimitMilli;

    LoadModel(Service service, long capacityPerPod) {
        this.capacityPerPod = capacityPerPod;
        this.cpuRequestMilli =
                service.resources().cpuRequest().map(Cpu::millicores).orElse(0L);
        this.cpuLimitMilli = service.resources().cpuLimit().map(Cpu::millicores).orElse(Long.MAX_VALUE);
    }

    /** One sample per metric of {@code hpa}, for {@code load} rps over {@code ready} ready pods. */
    List<MetricSample> samples(HpaSpec hpa, double load, int ready, int unready) {
        List<MetricSample> out = new ArrayList<>();
        for (MetricTarget m : hpa.metrics()) {
            long total;
            if (m instanceof MetricTarget.Utilization) {
                long perPodCap = cpuLimitMilli == Long.MAX_VALUE ? Long.MAX_VALUE / Math.max(1, ready) : cpuLimitMilli;
                long used = (long) Math.ceil(load * (double) cpuRequestMilli / (double) capacityPerPod);
                total = Math.min(used, perPodCap * ready);
            } else {
                total = (long) Math.ceil(load * 1000.0);
            }
            out.add(new MetricSample(total, cpuRequestMilli, ready, unready));
        }
        return out;
    }
}
