package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.List;

/** The problems a plan's builders found, collected so that all are reported at once. */
final class Problems {
    private final List<Diagnostic> found = new ArrayList<>();

    void error(String ruleId, String element, String message, SourceLocation location) {
        found.add(Diagnostic.error(ruleId, element, message, location));
    }

    /** Records an error located at the caller of the current builder method. */
    void errorHere(String ruleId, String element, String message) {
        error(ruleId, element, message, SourceLocation.capture());
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new PlanDefinitionException(found);
        }
    }
}
