package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.check.RulesDocument;
import java.util.Locale;
import java.util.Optional;

/** The {@code explain} use case: every rule, one line each, or one rule's explanation and fix. */
public final class Explain {
    private Explain() {}

    /** Every rule, one line each (Markdown). */
    public static String index() {
        return RulesDocument.index();
    }

    /** The explanation of the rule {@code id} (any case, as a diagnostic prints it), if there is such a rule. */
    public static Optional<String> rule(String id) {
        return Rules.byId(id.strip().toUpperCase(Locale.ROOT)).map(RulesDocument::entry);
    }
}
