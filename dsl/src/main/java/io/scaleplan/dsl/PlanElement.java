package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a plan a {@link Diagnostic} is about: the plan (or event) by name, then the parts
 * inside it, outermost first. It prints the way diagnostics always have, each part after a
 * {@code " · "}:
 *
 * <pre>
 * production                                        PlanElement.plan("production")
 * production · usage-metering                       .service("usage-metering")
 * production · postgres                             .postgres()
 * production · node pool general                    .nodePool("general")
 * production · load profile peak · usage-metering   .loadProfile("peak").service("usage-metering")
 * black-friday · pre-scale · usage-metering         .phase("pre-scale").service("usage-metering")
 * production · HorizontalPodAutoscaler x-hpa        .object("HorizontalPodAutoscaler", "x-hpa")
 * </pre>
 *
 * <p>Suppressions and reports read the parts ({@link #service()}, {@link #plan()}) instead of
 * parsing the printed text back.
 *
 * @param plan the plan's or event's name
 * @param parts the parts inside the plan, outermost first; empty for the plan itself
 */
public record PlanElement(String plan, List<Part> parts) {
    /** What separates the parts when printed. */
    public static final String SEPARATOR = " · ";

    /** Checks every invariant and copies the parts into an unmodifiable list. */
    public PlanElement {
        Objects.requireNonNull(plan, "plan");
        parts = List.copyOf(parts);
    }

    /** The plan (or event) named {@code name} as a whole. */
    public static PlanElement plan(String name) {
        return new PlanElement(name, List.of());
    }

    /** The service {@code name} inside this element. */
    public PlanElement service(String name) {
        return with(Kind.SERVICE, name);
    }

    /** The phase {@code id} ({@code pre-scale}) of this event. */
    public PlanElement phase(String id) {
        return with(Kind.PHASE, id);
    }

    /** The PostgreSQL server of this plan. */
    public PlanElement postgres() {
        return with(Kind.POSTGRES, "");
    }

    /** The Redis of this plan. */
    public PlanElement redis() {
        return with(Kind.REDIS, "");
    }

    /** The PostgreSQL instance {@code name} of this plan: printed {@code postgres orders}. */
    public PlanElement postgres(String name) {
        return with(Kind.POSTGRES, name);
    }

    /** The Redis instance {@code name} of this plan: printed {@code redis sessions}. */
    public PlanElement redis(String name) {
        return with(Kind.REDIS, name);
    }

    /** The node pool {@code name} of this plan. */
    public PlanElement nodePool(String name) {
        return with(Kind.NODE_POOL, name);
    }

    /** The load profile {@code name} of this plan. */
    public PlanElement loadProfile(String name) {
        return with(Kind.LOAD_PROFILE, name);
    }

    /** One Kubernetes object an output produces: {@code HorizontalPodAutoscaler x-hpa}. */
    public PlanElement object(String kind, String name) {
        return with(Kind.OBJECT, kind + " " + name);
    }

    /** A part with no kind of its own, printed as given ({@code Helm release arka}). */
    public PlanElement detail(String text) {
        return with(Kind.DETAIL, text);
    }

    private PlanElement with(Kind kind, String name) {
        List<Part> more = new ArrayList<>(parts);
        more.add(new Part(kind, name));
        return new PlanElement(plan, more);
    }

    /** The service this element is, when it is one service directly in the plan: what a service's suppression covers. */
    public Optional<String> service() {
        return parts.size() == 1 && parts.get(0).kind() == Kind.SERVICE
                ? Optional.of(parts.get(0).name())
                : Optional.empty();
    }

    /** The parts after the plan as printed, each after a separator: {@code " · usage-metering"}; empty for the plan. */
    public String inPlan() {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(SEPARATOR).append(p);
        }
        return out.toString();
    }

    /** {@code production · usage-metering}: the element as diagnostics print it. */
    @Override
    public String toString() {
        return plan + inPlan();
    }

    /** What a part of a plan is. */
    public enum Kind {
        /** A service, by name. */
        SERVICE,
        /** An event's phase, by id ({@code pre-scale}). */
        PHASE,
        /** The plan's PostgreSQL server; printed {@code postgres}. */
        POSTGRES,
        /** The plan's Redis; printed {@code redis}. */
        REDIS,
        /** A node pool; printed {@code node pool <name>}. */
        NODE_POOL,
        /** A load profile; printed {@code load profile <name>}. */
        LOAD_PROFILE,
        /** A Kubernetes object, as {@code <Kind> <name>}. */
        OBJECT,
        /** Anything else, printed as given. */
        DETAIL
    }

    /**
     * One part of an element.
     *
     * @param kind what it is
     * @param name its name; empty for the plan's default PostgreSQL and Redis
     */
    public record Part(Kind kind, String name) {
        /** Checks that both are given. */
        public Part {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }

        /** The part as printed: {@code usage-metering}, {@code postgres}, {@code node pool general}. */
        @Override
        public String toString() {
            return switch (kind) {
                case POSTGRES -> name.isEmpty() ? "postgres" : "postgres " + name;
                case REDIS -> name.isEmpty() ? "redis" : "redis " + name;
                case NODE_POOL -> "node pool " + name;
                case LOAD_PROFILE -> "load profile " + name;
                case SERVICE, PHASE, OBJECT, DETAIL -> name;
            };
        }
    }
}
