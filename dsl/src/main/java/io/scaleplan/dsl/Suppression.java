package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule switched off, for the whole plan or one service, with the reason a reviewer reads.
 *
 * @param ruleId the rule, {@code SP} and three digits
 * @param service the service it applies to; empty for the whole plan
 * @param reason why the finding is accepted; not blank
 * @param source where it was declared
 */
public record Suppression(String ruleId, Optional<String> service, String reason, SourceLocation source) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Suppression {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        if (!RuleId.isWellFormed(ruleId)) {
            throw new IllegalArgumentException("not a rule id: " + Names.show(ruleId));
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a reason: " + ruleId);
        }
    }
}
