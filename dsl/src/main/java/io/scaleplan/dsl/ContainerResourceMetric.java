package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code ContainerResource} metric of an HPA: CPU or memory of one named container of each pod
 * (not the sum over the pod's containers, which a sidecar would skew), against a utilization of
 * that container's request or an average amount. Served by metrics-server. The API has it since
 * Kubernetes 1.27 by default (feature gate {@code HPAContainerMetrics}, beta) and as GA since 1.30.
 *
 * @param resource {@link Resource#CPU} or {@link Resource#MEMORY}
 * @param container the container's name, a DNS-1123 label
 * @param averageUtilization the target use as a share of the container's request, at least 1 %;
 *     empty when {@code averageValue} is set
 * @param averageValue the target average amount per pod, in millicores for CPU and bytes for memory;
 *     empty when {@code averageUtilization} is set
 */
public record ContainerResourceMetric(
        Resource resource, String container, Optional<Percent> averageUtilization, OptionalLong averageValue) {

    /** The resources a {@code ContainerResource} metric may measure. */
    public enum Resource {
        /** CPU, in millicores. */
        CPU("cpu"),
        /** Memory, in bytes. */
        MEMORY("memory");

        private final String apiName;

        Resource(String apiName) {
            this.apiName = apiName;
        }

        /** The API's name: {@code cpu} or {@code memory}. */
        public String apiName() {
            return apiName;
        }
    }

    /**
     * Checks every invariant. Plans use the builders, which report a wrong value with its source
     * line before it gets here.
     */
    public ContainerResourceMetric {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(averageUtilization, "averageUtilization");
        Objects.requireNonNull(averageValue, "averageValue");
        if (!Names.isDns1123Label(container)) {
            throw new IllegalArgumentException("not a valid container name: " + Names.show(container));
        }
        if (averageUtilization.isPresent() == averageValue.isPresent()) {
            throw new IllegalArgumentException("exactly one of averageUtilization and averageValue must be set");
        }
        averageUtilization.ifPresent(p -> {
            if (p.value() < 1) {
                throw new IllegalArgumentException("utilization target must be at least 1%: " + p);
            }
        });
        if (averageValue.isPresent() && averageValue.getAsLong() <= 0) {
            throw new IllegalArgumentException("average value must be greater than 0: " + averageValue.getAsLong());
        }
    }

    /** {@code cpu of container app 60%}, for messages and reports. */
    public String label() {
        return resource.apiName() + " of container " + container + " "
                + averageUtilization
                        .map(Percent::toString)
                        .orElseGet(() -> resource == Resource.CPU
                                ? averageValue.getAsLong() + "m"
                                : averageValue.getAsLong() + " bytes");
    }
}
