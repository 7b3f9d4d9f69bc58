package io.scaleplan.dsl;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The id of every rule scaleplan checks, defined once: the DSL's builders, the annotation
 * processor and the compiler's checks all name a rule through this type, and the compiler's
 * catalogue ({@code scaleplan explain}, {@code docs/rules.md}) gives each its severity, title,
 * explanation and fix. An id is {@code SP} and three digits and is never reused for another
 * meaning: SP0xx rules are checked by the DSL's builders (values that can never be right), SP1xx by
 * the compiler across a whole plan, SP3xx by the annotation processor, SP4xx across an event's
 * phases, SP5xx by the simulator.
 *
 * <p>Plans may name a rule by its constant or by its id:
 *
 * <pre>{@code
 * p.severity(RuleId.RATE_TARGET_WITHOUT_HEADROOM, Severity.ERROR);   // same as severity("SP105", ...)
 * s.suppress(RuleId.RATE_TARGET_WITHOUT_HEADROOM, "target set by the load test of 2026-10");
 * }</pre>
 */
public enum RuleId {
    INVALID_NAME("SP001"),
    INVALID_REPLICAS("SP002"),
    MIN_EXCEEDS_MAX("SP003"),
    INVALID_UTILIZATION("SP004"),
    INVALID_QUANTITY("SP005"),
    DUPLICATE("SP006"),
    INCOMPLETE("SP007"),
    INVALID_BEHAVIOR("SP008"),
    INVALID_BUDGET("SP009"),
    PLAN_FAILED("SP010"),
    UNSAFE_TEXT("SP011"),
    INVALID_RULE_SETTING("SP012"),
    UNUSED_SUPPRESSION("SP013"),
    SERVICE_NOT_IN_CHART("SP014"),
    SURGE_ON_STATEFUL_SET("SP019"),
    INVALID_POSTGRES_VERSION("SP020"),
    INVALID_TUNING_INPUT("SP021"),
    INSTANCE_DISAGREES_WITH_LIMITS("SP022"),
    INVALID_PG_SETTING("SP023"),
    INVALID_SQL_IDENTIFIER("SP024"),
    INVALID_INDEX("SP025"),
    REPLICAS_WITH_DESKTOP("SP026"),
    DATA_TIER_TWICE("SP027"),
    OBJECT_PRODUCED_TWICE("SP028"),
    UNKNOWN_DATABASE("SP029"),
    INVALID_REDIS_TOPOLOGY("SP030"),
    INVALID_MAXMEMORY("SP031"),
    HOSTING_MISMATCH("SP032"),
    REQUEST_RATE_METRIC_UNKNOWN("SP040"),
    UTILIZATION_WITHOUT_REQUEST("SP101"),
    LIMIT_BELOW_REQUEST("SP102"),
    PDB_BLOCKS_EVICTION("SP103"),
    CAPACITY_SHORTFALL("SP104"),
    RATE_TARGET_WITHOUT_HEADROOM("SP105"),
    LOAD_WITHOUT_CAPACITY("SP106"),
    POOL_TOO_SMALL("SP107"),
    POD_LARGER_THAN_NODE("SP108"),
    UNKNOWN_NODE_POOL("SP109"),
    REPLICAS_WITH_AUTOSCALING("SP110"),
    BEYOND_BOUNDS("SP111"),
    STATEFUL_SET_ROLLOUT_SHORTFALL("SP116"),
    CONNECTIONS_EXHAUSTED("SP120"),
    REDIS_MAXMEMORY_UNSAFE("SP121"),
    REDIS_CLUSTER_SHAPE("SP122"),
    POOL_WITHOUT_DATABASE("SP123"),
    SHARED_BUFFERS_EXCEED_MEMORY("SP130"),
    RELEASE_COLLISION("SP131"),
    IDENTIFIER_NEEDS_QUOTING("SP132"),
    POD_METRIC_WITHOUT_SOURCE("SP140"),
    REQUEST_RATE_VALUE_TARGET("SP141"),
    PLAN_NOT_CONCRETE("SP300"),
    PLAN_NOT_PUBLIC("SP301"),
    PLAN_WITHOUT_CONSTRUCTOR("SP302"),
    PLAN_NOT_A_DEFINITION("SP303"),
    PLAN_NAME_REPEATED("SP304"),
    PLAN_NAME_INVALID("SP305"),
    PLAN_INDEX_UNWRITABLE("SP306"),
    CHART_MISSING("SP310"),
    CHART_MALFORMED("SP311"),
    CHART_SCHEMA_UNBOUND("SP312"),
    CHART_CLASS_NAME("SP313"),
    CHART_IGNORES_VALUE("SP314"),
    CHART_RENDER_FAILED("SP315"),
    CHART_SECOND_OWNER("SP316"),
    CHART_VALUE_OWNED("SP320"),
    PROCESSOR_FAILED("SP329"),
    EVENT_UNKNOWN_SERVICE("SP400"),
    EVENT_MAX_ON_FIXED("SP401"),
    EVENT_LOWERS_SCALE("SP402"),
    EVENT_NEEDS_RESTART("SP403"),
    INVALID_LOAD_PROFILE("SP500"),
    LOAD_FOR_UNKNOWN_SERVICE("SP501"),
    LOAD_WITHOUT_CAPACITY_PER_POD("SP502");

    private static final Map<String, RuleId> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RuleId::id, Function.identity()));

    private final String id;

    RuleId(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("not a rule id: " + id);
        }
        this.id = id;
    }

    /** The stable id, {@code SP} and three digits, as printed in {@code [SP105]}. */
    public String id() {
        return id;
    }

    /** The rule with this id ({@code SP105}), if there is one. */
    public static Optional<RuleId> of(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** Whether {@code id} has the shape of a rule id ({@code SP} and three digits), known or not. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("SP[0-9]{3}");
    }

    /** The id, {@code SP105}. */
    @Override
    public String toString() {
        return id;
    }
}
