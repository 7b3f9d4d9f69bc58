package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * CPU and memory requests and limits of a service's container. Each is optional, as in
 * Kubernetes; the HPA computes utilization against the requests, so a utilization target needs
 * a request for its resource.
 *
 * @param cpuRequest the CPU request
 * @param memoryRequest the memory request
 * @param cpuLimit the CPU limit
 * @param memoryLimit the memory limit
 * @param source where the resources were first declared
 */
public record Resources(
        Optional<Cpu> cpuRequest,
        Optional<Memory> memoryRequest,
        Optional<Cpu> cpuLimit,
        Optional<Memory> memoryLimit,
        SourceLocation source) {

    /** No requests and no limits. */
    public static final Resources NONE = new Resources(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.UNKNOWN);

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Resources {
        Objects.requireNonNull(cpuRequest, "cpuRequest");
        Objects.requireNonNull(memoryRequest, "memoryRequest");
        Objects.requireNonNull(cpuLimit, "cpuLimit");
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        Objects.requireNonNull(source, "source");
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return cpuRequest.isEmpty() && memoryRequest.isEmpty() && cpuLimit.isEmpty() && memoryLimit.isEmpty();
    }

    /** Whether any request is set. */
    public boolean hasRequests() {
        return cpuRequest.isPresent() || memoryRequest.isPresent();
    }

    /** Whether any limit is set. */
    public boolean hasLimits() {
        return cpuLimit.isPresent() || memoryLimit.isPresent();
    }
}
