package io.scaleplan.cli;

import java.util.Locale;

/** When to colour output: {@code auto} colours only on a terminal, and never when {@code NO_COLOR} is set. */
enum Colour {
    AUTO,
    ALWAYS,
    NEVER;

    boolean enabled() {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> System.console() != null && isBlank(System.getenv("NO_COLOR"));
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
