package io.scaleplan.compiler.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers in messages and reports: locale-independent, no needless decimals. */
public final class Numbers {
    private Numbers() {}

    /** {@code 6.5}, {@code 7}, {@code 769.23}: at most two decimals, trailing zeros dropped. */
    public static String format(double value) {
        BigDecimal d =
                BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** {@code 6.5}, exact for a BigDecimal. */
    public static String format(BigDecimal value) {
        BigDecimal d = value.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
