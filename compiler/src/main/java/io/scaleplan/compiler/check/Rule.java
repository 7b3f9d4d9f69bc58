package io.scaleplan.compiler.check;

import io.scaleplan.dsl.Severity;
import java.util.Objects;

/**
 * A rule of the catalogue: a stable id, its default severity, a one-line title, why it matters
 * and how to fix it. Printed by {@code scaleplan explain SP###} and listed in {@code docs/rules.md}.
 *
 * @param id {@code SP} and three digits; never reused for another meaning
 * @param severity the default severity
 * @param title one line
 * @param explanation why a plan that breaks it is wrong, with what happens after deploy
 * @param fix what to change in the plan
 */
public record Rule(String id, Severity severity, String title, String explanation, String fix) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(fix, "fix");
        if (!id.matches("SP[0-9]{3}")) {
            throw new IllegalArgumentException("not a rule id: " + id);
        }
    }
}
