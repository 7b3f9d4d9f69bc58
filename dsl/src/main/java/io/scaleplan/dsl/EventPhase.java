package io.scaleplan.dsl;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One phase of an {@link EventPlan}: the complete plan that is live from the phase's start, and
 * when it starts relative to the event.
 *
 * @param kind which phase
 * @param offset for {@link Kind#PRE_SCALE} how long before the event starts, for {@link
 *     Kind#POST_EVENT} how long after it ends; zero for {@link Kind#DURING}
 * @param plan the whole plan of the phase; the post-event phase's plan is the base plan itself
 */
public record EventPhase(Kind kind, Duration offset, ScalingPlan plan) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public EventPhase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(plan, "plan");
        if (offset.isNegative()) {
            throw new IllegalArgumentException("phase offset must not be negative: " + offset);
        }
    }

    /** The phases of an event, in the order they are applied. */
    public enum Kind {
        /** Raised minimums and maximums, applied a stated time before the event. */
        PRE_SCALE,
        /** Optional further changes while the event runs. */
        DURING,
        /** Back to the base plan, a stated time after the event ends. */
        POST_EVENT;

        /** The phase's name as authors and output folders spell it: {@code pre-scale}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The folder of the phase's outputs under the event's: {@code 01-pre-scale}. */
        public String folder() {
            return String.format(Locale.ROOT, "%02d-%s", ordinal() + 1, id());
        }
    }

    /** The phase's folder: {@code 01-pre-scale}. */
    public String folder() {
        return kind.folder();
    }

    /** When the phase starts, in words: {@code 24 hours before the event starts}. */
    public String when() {
        return switch (kind) {
            case PRE_SCALE -> describe(offset) + " before the event starts";
            case DURING -> "when the event starts";
            case POST_EVENT -> describe(offset) + " after the event ends";
        };
    }

    private static String describe(Duration d) {
        if (d.isZero()) {
            return "right";
        }
        long minutes = d.toMinutes();
        if (minutes % 60 != 0) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = minutes / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
