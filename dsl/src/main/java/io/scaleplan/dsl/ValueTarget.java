package io.scaleplan.dsl;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The target of an {@code External} or {@code Object} metric: a {@link Kind#VALUE} the HPA holds the
 * metric itself at (its proposal is {@code ceil(replicas × value / target)}), or an {@link
 * Kind#AVERAGE_VALUE} per pod (the metric divided by the replica count; the proposal is {@code
 * ceil(value / target)}).
 *
 * <pre>{@code
 * a.externalMetric("sqs_messages_visible", Map.of("queue", "orders"), ValueTarget.averageValue(30))
 * }</pre>
 *
 * <p>The autoscale builder reports a target that is not greater than 0 (SP005) with its source
 * line; this value only carries it there.
 *
 * @param kind whether the target is the metric's value or its average per pod
 * @param amount the target; the builders require it to be greater than 0
 */
public record ValueTarget(Kind kind, BigDecimal amount) {

    /** How the HPA compares the metric with the target ({@code target.type}). */
    public enum Kind {
        /** {@code target.type: Value}, {@code target.value}: the metric as it is. */
        VALUE("Value", "value"),
        /** {@code target.type: AverageValue}, {@code target.averageValue}: the metric per pod. */
        AVERAGE_VALUE("AverageValue", "averageValue");

        private final String type;
        private final String field;

        Kind(String type, String field) {
            this.type = type;
            this.field = field;
        }

        /** The API's {@code target.type}: {@code Value} or {@code AverageValue}. */
        public String type() {
            return type;
        }

        /** The field of {@code target} holding the amount: {@code value} or {@code averageValue}. */
        public String field() {
            return field;
        }
    }

    /** Checks that neither part is missing; trailing zeros are dropped ({@code 30.0} is {@code 30}). */
    public ValueTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }

    /** The metric's own value is held at {@code target}: {@code value(2_000)}. */
    public static ValueTarget value(long target) {
        return new ValueTarget(Kind.VALUE, BigDecimal.valueOf(target));
    }

    /** A fractional {@link #value(long)}, such as {@code new BigDecimal("0.5")}. */
    public static ValueTarget value(BigDecimal target) {
        return new ValueTarget(Kind.VALUE, target);
    }

    /** The metric divided by the replica count is held at {@code target}: {@code averageValue(30)}. */
    public static ValueTarget averageValue(long target) {
        return new ValueTarget(Kind.AVERAGE_VALUE, BigDecimal.valueOf(target));
    }

    /** A fractional {@link #averageValue(long)}. */
    public static ValueTarget averageValue(BigDecimal target) {
        return new ValueTarget(Kind.AVERAGE_VALUE, target);
    }

    /** Whether the target is per pod ({@link Kind#AVERAGE_VALUE}). */
    public boolean isPerPod() {
        return kind == Kind.AVERAGE_VALUE;
    }

    /** {@code 2000} or {@code 30 per pod}, for messages and reports. */
    @Override
    public String toString() {
        return amount.toPlainString() + (isPerPod() ? " per pod" : "");
    }
}
