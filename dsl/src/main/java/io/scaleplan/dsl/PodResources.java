package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/** Collects the requests and limits of a data-tier pod (PostgreSQL primary, Redis nodes). */
final class PodResources {
    private final Problems problems;
    private final PlanElement element;
    private Cpu cpuRequest;
    private Memory memoryRequest;
    private Cpu cpuLimit;
    private Memory memoryLimit;
    private SourceLocation at;

    PodResources(Problems problems, PlanElement element) {
        this.problems = problems;
        this.element = element;
    }

    void requests(Cpu cpu, Memory memory) {
        cpuRequest = positive(cpu, "resources.requests.cpu");
        memoryRequest = positive(memory, "resources.requests.memory");
    }

    void limits(Cpu cpu, Memory memory) {
        cpuLimit = positive(cpu, "resources.limits.cpu");
        memoryLimit = positive(memory, "resources.limits.memory");
    }

    private <T> T positive(T amount, String field) {
        Objects.requireNonNull(amount, field);
        if (at == null) {
            at = SourceLocation.capture();
        }
        if ((amount instanceof Cpu c && c.millicores() == 0) || (amount instanceof Memory m && m.bytes() == 0)) {
            problems.errorHere(RuleId.INVALID_QUANTITY, element, field + " must be greater than 0, was 0");
        }
        return amount;
    }

    Optional<Cpu> cpuLimit() {
        return Optional.ofNullable(cpuLimit);
    }

    Optional<Memory> memoryLimit() {
        return Optional.ofNullable(memoryLimit);
    }

    SourceLocation source() {
        return at == null ? SourceLocation.UNKNOWN : at;
    }

    Resources build() {
        return new Resources(
                Optional.ofNullable(cpuRequest),
                Optional.ofNullable(memoryRequest),
                Optional.ofNullable(cpuLimit),
                Optional.ofNullable(memoryLimit),
                source());
    }
}
