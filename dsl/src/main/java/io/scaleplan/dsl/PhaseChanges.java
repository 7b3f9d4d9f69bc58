package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one phase of an {@link EventPlan} changes in the plan before it. Obtained from {@link
 * EventPlan.Builder#preScale} and {@link EventPlan.Builder#during}:
 *
 * <pre>{@code
 * p -> p.service(ArkaEngine.USAGE_METERING, s -> s.replicas(10).maxReplicas(50))
 * }</pre>
 */
public final class PhaseChanges {
    private final Problems problems;
    private final PlanElement element;
    private final ScalingPlan base;
    private final Map<String, ServiceChange> services = new LinkedHashMap<>();
    private PgSetting.Value maxConnections;
    private final Map<String, PgSetting.Value> namedMaxConnections = new LinkedHashMap<>();
    private final Map<String, int[]> nodePools = new LinkedHashMap<>();

    PhaseChanges(Problems problems, PlanElement element, ScalingPlan base) {
        this.problems = problems;
        this.element = element;
        this.base = base;
    }

    /** Changes the base plan's service {@code serviceName}. */
    public PhaseChanges service(String serviceName, Consumer<ServiceChange> change) {
        Objects.requireNonNull(change, "change");
        SourceLocation at = SourceLocation.capture();
        if (base.service(serviceName).isEmpty()) {
            problems.error(
                    RuleId.EVENT_UNKNOWN_SERVICE,
                    element.service(serviceName),
                    "the base plan " + Names.show(base.name()) + " has no service " + Names.show(serviceName),
                    at);
            return this;
        }
        ServiceChange c =
                services.computeIfAbsent(serviceName, n -> new ServiceChange(problems, element.service(n), at));
        change.accept(c);
        return this;
    }

    /** Changes a service by its typed handle: {@code .service(ArkaEngine.USAGE_METERING, s -> ...)}. */
    public PhaseChanges service(ServiceRef service, Consumer<ServiceChange> change) {
        Objects.requireNonNull(service, "service");
        return service(service.name(), change);
    }

    /**
     * Sets PostgreSQL's {@code max_connections} for the phase (the runbook raises it to 500 before
     * an event). A change needs a restart of the server, which the phase's APPLY.md lists as an
     * explicit step.
     */
    public PhaseChanges maxConnections(int connections) {
        SourceLocation at = SourceLocation.capture();
        if (base.postgres().isEmpty()) {
            problems.error(
                    RuleId.EVENT_UNKNOWN_SERVICE,
                    element.postgres(),
                    "maxConnections(" + connections + "): the base plan " + Names.show(base.name())
                            + " declares no PostgreSQL",
                    at);
            return this;
        }
        PgSetting.MAX_CONNECTIONS
                .problem(connections, base.postgres().get().majorVersion())
                .ifPresentOrElse(
                        p -> problems.error(RuleId.INVALID_QUANTITY, element.postgres(), p, at),
                        () -> maxConnections = new PgSetting.Value(PgSetting.MAX_CONNECTIONS, connections, at));
        return this;
    }

    /**
     * Sets {@code max_connections} of the base plan's PostgreSQL instance {@code database}
     * ({@code postgres("orders", ...)}) for the phase; as {@link #maxConnections(int)} for the
     * default one.
     */
    public PhaseChanges maxConnections(String database, int connections) {
        SourceLocation at = SourceLocation.capture();
        Optional<Postgres> pg = base.database(String.valueOf(database));
        if (pg.isEmpty()) {
            problems.error(
                    RuleId.EVENT_UNKNOWN_SERVICE,
                    element.postgres(String.valueOf(database)),
                    "maxConnections(" + Names.show(database) + ", " + connections + "): the base plan "
                            + Names.show(base.name()) + " declares no postgres(" + Names.show(database) + ", ...)",
                    at);
            return this;
        }
        PgSetting.MAX_CONNECTIONS
                .problem(connections, pg.get().majorVersion())
                .ifPresentOrElse(
                        p -> problems.error(RuleId.INVALID_QUANTITY, element.postgres(database), p, at),
                        () -> namedMaxConnections.put(
                                database, new PgSetting.Value(PgSetting.MAX_CONNECTIONS, connections, at)));
        return this;
    }

    /**
     * The node count range of the base plan's pool {@code poolName} during the phase: {@code
     * nodes("arka-workers", 3, 25)}, so that the pods at the raised maximums fit. APPLY.md resizes
     * the pool first when it has a provider.
     */
    public PhaseChanges nodes(String poolName, int minNodes, int maxNodes) {
        SourceLocation at = SourceLocation.capture();
        if (base.nodePool(poolName).isEmpty()) {
            problems.error(
                    RuleId.EVENT_UNKNOWN_SERVICE,
                    element.nodePool(poolName),
                    "the base plan " + Names.show(base.name()) + " has no node pool " + Names.show(poolName),
                    at);
        } else if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes) {
            problems.error(
                    RuleId.INVALID_REPLICAS,
                    element.nodePool(poolName),
                    "nodes(min, max) needs 0 <= min <= max and max >= 1, was nodes(" + minNodes + ", " + maxNodes + ")",
                    at);
        } else {
            nodePools.put(poolName, new int[] {minNodes, maxNodes});
        }
        return this;
    }

    ScalingPlan apply(ScalingPlan before, String eventName, SourceLocation eventSource) {
        List<Service> out = new ArrayList<>();
        for (Service s : before.services()) {
            ServiceChange c = services.get(s.name());
            out.add(c == null ? s : c.apply(s));
        }
        Optional<Postgres> pg = before.postgres();
        if (maxConnections != null && pg.isPresent()) {
            pg = Optional.of(pg.get().withSetting(maxConnections));
        }
        List<NodePool> pools = new ArrayList<>();
        for (NodePool p : before.nodePools()) {
            int[] range = nodePools.get(p.name());
            pools.add(range == null ? p : p.withNodes(range[0], range[1]));
        }
        List<Postgres> named = new ArrayList<>();
        for (Postgres p : before.namedPostgres()) {
            PgSetting.Value v = namedMaxConnections.get(p.name().orElseThrow());
            named.add(v == null ? p : p.withSetting(v));
        }
        return before.derive(eventName, out, pools, pg, named, eventSource);
    }

    /** The changes to one service in a phase. */
    public static final class ServiceChange {
        private final Problems problems;
        private final PlanElement element;
        private final SourceLocation source;
        private Integer replicas;
        private Integer maxReplicas;
        private Rps expectedLoad;

        ServiceChange(Problems problems, PlanElement element, SourceLocation source) {
            this.problems = problems;
            this.element = element;
            this.source = source;
        }

        /**
         * Pre-scales the service to {@code count} pods. On an autoscaled service this becomes the
         * HPA's {@code minReplicas} ({@code kubectl scale} alone is undone by the HPA within
         * seconds); on a fixed one, its replica count.
         */
        public ServiceChange replicas(int count) {
            if (count < 1) {
                problems.errorHere(RuleId.INVALID_REPLICAS, element, "replicas must be at least 1, was " + count);
            }
            this.replicas = count;
            return this;
        }

        /** The HPA's {@code maxReplicas} during the phase; autoscaled services only. */
        public ServiceChange maxReplicas(int count) {
            Replicas.belowOne("maxReplicas", count)
                    .ifPresent(p -> problems.errorHere(RuleId.INVALID_REPLICAS, element, p));
            this.maxReplicas = count;
            return this;
        }

        /** The load the service must serve during the phase, checked with the capacity rule (SP104). */
        public ServiceChange expectedLoad(Rps load) {
            this.expectedLoad = Objects.requireNonNull(load, "load");
            return this;
        }

        Service apply(Service s) {
            Optional<Integer> fixed = s.replicas();
            Optional<Autoscaling> hpa = s.autoscaling();
            if (hpa.isPresent()) {
                int min = replicas == null ? hpa.get().minReplicas() : replicas;
                int max = maxReplicas == null ? hpa.get().maxReplicas() : maxReplicas;
                if (min < 1 || max < 1) {
                    return s;
                }
                Optional<String> order = Replicas.minAboveMax(min, max);
                if (order.isPresent()) {
                    problems.error(RuleId.MIN_EXCEEDS_MAX, element, order.get(), source);
                    return s;
                }
                hpa = Optional.of(hpa.get().withReplicas(new Replicas(min, max)));
            } else {
                if (maxReplicas != null) {
                    problems.error(
                            RuleId.EVENT_MAX_ON_FIXED,
                            element,
                            "maxReplicas(" + maxReplicas + ") needs an autoscaled service; "
                                    + "this one runs a fixed replica count",
                            source);
                }
                if (replicas != null && replicas > 0) {
                    fixed = Optional.of(replicas);
                }
            }
            return s.withScale(fixed, hpa, expectedLoad == null ? s.expectedLoad() : Optional.of(expectedLoad));
        }
    }
}
