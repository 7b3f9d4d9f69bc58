package io.scaleplan.dsl;

import java.util.Locale;

/** How much a diagnostic matters. Only {@link #ERROR} stops a plan from being written. */
public enum Severity {
    /** The plan can never be right: nothing is written and the build fails. */
    ERROR,
    /** Likely wrong; reported, and promoted to an error with {@code --strict}. */
    WARNING,
    /** Worth knowing; never fails a build. */
    NOTE;

    /** The lower-case word javac prints: {@code error}, {@code warning}, {@code note}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
