package io.scaleplan.compiler.simulate;

import java.util.Objects;

/** One HPA metric the simulator can feed from a load: what the controller compares usage with. */
public sealed interface MetricTarget {

    /** A display name: {@code cpu 70%}, {@code http_requests_per_second 1000}. */
    String label();

    /**
     * Whether the controller leaves out samples of pods that are starting (the CPU-only rule of
     * {@code groupPods}); for every other metric a Running pod's sample counts, Ready or not.
     */
    default boolean checksCpuReadiness() {
        return false;
    }

    /**
     * A {@code Resource} metric with an {@code averageUtilization} target, compared through the
     * pods' requests.
     *
     * @param resource {@code cpu}
     * @param targetPercent the target utilization, at least 1
     */
    record Utilization(String resource, int targetPercent) implements MetricTarget {
        public Utilization {
            Objects.requireNonNull(resource, "resource");
            if (targetPercent < 1) {
                throw new IllegalArgumentException("utilization target must be at least 1%: " + targetPercent);
            }
        }

        @Override
        public String label() {
            return resource + " " + targetPercent + "%";
        }

        @Override
        public boolean checksCpuReadiness() {
            return resource.equals("cpu");
        }
    }

    /**
     * A {@code Pods} metric (or {@code Resource} with {@code averageValue}): the average per pod,
     * in milli-units, compared with the target.
     *
     * @param name the metric's name
     * @param targetMilli the target average per pod, in milli-units ({@code Quantity.MilliValue()})
     */
    record AverageValue(String name, long targetMilli) implements MetricTarget {
        public AverageValue {
            Objects.requireNonNull(name, "name");
            if (targetMilli < 1) {
                throw new IllegalArgumentException("average value target must be greater than 0: " + targetMilli);
            }
        }

        @Override
        public String label() {
            return name + " " + MetricTarget.milli(targetMilli);
        }
    }

    /**
     * An {@code Object} or {@code External} metric: one total for the whole service (the object's
     * value, or the sum of the external series), compared with a {@code Value} target ({@code
     * ceil(ready pods × usage / target)}) or an {@code AverageValue} target ({@code ceil(usage /
     * target)}), in milli-units.
     *
     * @param name the metric's name
     * @param perPod whether the target is an {@code AverageValue}
     * @param targetMilli the target, in milli-units
     */
    record Total(String name, boolean perPod, long targetMilli) implements MetricTarget {
        public Total {
            Objects.requireNonNull(name, "name");
            if (targetMilli < 1) {
                throw new IllegalArgumentException("value target must be greater than 0: " + targetMilli);
            }
        }

        @Override
        public String label() {
            return name + " " + MetricTarget.milli(targetMilli) + (perPod ? " per pod" : " total");
        }
    }

    private static String milli(long milli) {
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }
}
