package io.scaleplan.compiler.check;

import io.scaleplan.dsl.RuleId;
import io.scaleplan.dsl.Severity;
import java.util.Objects;

/**
 * A rule of the catalogue: a stable id, its default severity, a one-line title, why it matters
 * and how to fix it. Printed by {@code scaleplan explain SP###} and listed in {@code docs/rules.md}.
 *
 * @param ruleId the rule's id, defined once in {@link RuleId}
 * @param severity the default severity
 * @param title one line
 * @param explanation why a plan that breaks it is wrong, with what happens after deploy
 * @param fix what to change in the plan
 */
public record Rule(RuleId ruleId, Severity severity, String title, String explanation, String fix) {

    public Rule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(fix, "fix");
    }

    /** The stable id, {@code SP} and three digits. */
    public String id() {
        return ruleId.id();
    }
}
