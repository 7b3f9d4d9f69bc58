package io.scaleplan.dsl;

import java.util.Optional;

/**
 * The name a plan definition gave its builder while it ran, recorded for the compiler: a plan that
 * fails is still known (and selected) by its declared name. An event's name wins over the name of
 * the base plan it builds first. Not for plan authors.
 */
public final class DeclaredName {
    private static final ThreadLocal<String[]> SEEN = new ThreadLocal<>();

    private DeclaredName() {}

    /** Starts recording on this thread, forgetting any earlier record. */
    public static void startRecording() {
        SEEN.set(new String[2]);
    }

    /** Stops recording on this thread and returns the name declared since the start, if any. */
    public static Optional<String> stopRecording() {
        String[] seen = SEEN.get();
        SEEN.remove();
        if (seen == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(seen[1] != null ? seen[1] : seen[0]);
    }

    static void plan(String name) {
        record(0, name);
    }

    static void event(String name) {
        record(1, name);
    }

    private static void record(int slot, String name) {
        String[] seen = SEEN.get();
        if (seen != null && seen[slot] == null && name != null) {
            seen[slot] = name;
        }
    }
}
