package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.List;

/** The problems a plan's builders found, collected so that all are reported at once. */
final class Problems {
    private final List<Diagnostic> found = new ArrayList<>();

    void error(RuleId rule, PlanElement element, String message, SourceLocation location) {
        found.add(Diagnostic.error(rule, element, message, location));
    }

    /** Records an error located at the caller of the current builder method. */
    void errorHere(RuleId rule, PlanElement element, String message) {
        error(rule, element, message, SourceLocation.capture());
    }

    /**
     * Records SP001 at the caller of the current builder method unless {@code value} is a DNS-1123
     * label; {@code what} names it in the message ({@code Helm release}). Returns whether it is one.
     */
    boolean requireLabel(PlanElement element, String what, String value) {
        return requireLabel(element, what, value, null);
    }

    /** As {@link #requireLabel(String, String, String)}, at {@code at} (the caller when null). */
    boolean requireLabel(PlanElement element, String what, String value, SourceLocation at) {
        if (Names.isDns1123Label(value)) {
            return true;
        }
        error(
                RuleId.INVALID_NAME,
                element,
                what + " " + Names.show(value) + " is not a valid DNS-1123 label (" + Names.DNS_1123_LABEL_RULE + ")",
                at == null ? SourceLocation.capture() : at);
        return false;
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
