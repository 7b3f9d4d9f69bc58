package io.scaleplan.dsl;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a plan tunes the rules: severities raised or lowered per rule, and findings suppressed
 * with a reason.
 *
 * @param severities the severity each named rule is reported at, instead of its default
 * @param suppressions the findings the plan accepts, each with its reason
 */
public record RuleSettings(Map<String, Severity> severities, List<Suppression> suppressions) {

    /** No overrides, no suppressions. */
    public static final RuleSettings DEFAULTS = new RuleSettings(Map.of(), List.of());

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public RuleSettings {
        severities = Map.copyOf(severities);
        suppressions = List.copyOf(suppressions);
    }

    /** The suppression covering a finding of {@code ruleId} on {@code service} (empty: plan-level), if any. */
    public Optional<Suppression> suppressionOf(String ruleId, Optional<String> service) {
        return suppressions.stream()
                .filter(s -> s.ruleId().equals(ruleId))
                .filter(s -> s.service().isEmpty() || s.service().equals(service))
                .findFirst();
    }

    static Suppression suppression(
            Problems problems, PlanElement element, String ruleId, Optional<String> service, String reason) {
        Objects.requireNonNull(ruleId, "ruleId");
        if (!RuleId.isWellFormed(ruleId)) {
            problems.errorHere(
                    RuleId.INVALID_RULE_SETTING,
                    element,
                    "suppress(" + Names.show(ruleId) + ", ...): not a rule id (SP and three digits)");
            return null;
        }
        if (reason == null || reason.isBlank()) {
            problems.errorHere(
                    RuleId.INVALID_RULE_SETTING,
                    element,
                    "suppress(\"" + ruleId + "\", ...) needs a reason a reviewer can read");
            return null;
        }
        if (reason.chars().anyMatch(c -> c < 0x20)) {
            problems.errorHere(
                    RuleId.UNSAFE_TEXT, element, "suppression reason must be one line without control characters");
            return null;
        }
        return new Suppression(ruleId, service, reason, SourceLocation.capture());
    }
}
