package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about a plan: which rule, how severe, which element, what is wrong (with the numbers
 * that broke it), where the element was declared, and how to fix it.
 *
 * <p>{@link #toString()} prints it the way javac prints a compiler error, so IDE consoles and CI
 * logs link it to the plan's line:
 *
 * <pre>
 * io/acme/Production.java:42: error: [SP003] production · usage-metering: autoscaling.minReplicas (30) must not exceed autoscaling.maxReplicas (20)
 * </pre>
 *
 * @param ruleId the stable rule id, {@code SP} and three digits, one of {@link RuleId}
 * @param severity how much it matters
 * @param element the plan element, printed as {@code production · usage-metering}
 * @param message what is wrong, with the values involved
 * @param location where the element was declared
 * @param fix how to fix it, when there is a hint worth giving
 */
public record Diagnostic(
        String ruleId,
        Severity severity,
        PlanElement element,
        String message,
        SourceLocation location,
        Optional<String> fix) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Diagnostic {
        Objects.requireNonNull(ruleId, "ruleId");
        if (RuleId.of(ruleId).isEmpty()) {
            throw new IllegalArgumentException("not a rule id: " + ruleId);
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(fix, "fix");
    }

    /** A finding of {@code rule}. */
    public Diagnostic(
            RuleId rule,
            Severity severity,
            PlanElement element,
            String message,
            SourceLocation location,
            Optional<String> fix) {
        this(rule.id(), severity, element, message, location, fix);
    }

    /** An error without a fix hint. */
    public static Diagnostic error(RuleId rule, PlanElement element, String message, SourceLocation location) {
        return new Diagnostic(rule, Severity.ERROR, element, message, location, Optional.empty());
    }

    /** The rule this diagnostic reports. */
    public RuleId rule() {
        return RuleId.of(ruleId).orElseThrow();
    }

    /** This diagnostic with another severity. */
    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(ruleId, newSeverity, element, message, location, fix);
    }

    /** This diagnostic with a fix hint. */
    public Diagnostic withFix(String hint) {
        return new Diagnostic(ruleId, severity, element, message, location, Optional.of(hint));
    }

    /** Whether this diagnostic stops the plan from being written. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The javac-style line: {@code path:line: error: [SP003] element: message}. */
    @Override
    public String toString() {
        return location + ": " + severity.label() + ": [" + ruleId + "] " + element + ": " + message;
    }
}
