package io.scaleplan.compiler.importer;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantities as the API server reads them ({@code 500m}, {@code 1.5}, {@code 2Gi},
 * {@code 1k}, {@code 1e3}), exactly, as decimals.
 */
public final class Quantity {
    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", new BigDecimal(BigInteger.ONE.shiftLeft(10))),
            Map.entry("Mi", new BigDecimal(BigInteger.ONE.shiftLeft(20))),
            Map.entry("Gi", new BigDecimal(BigInteger.ONE.shiftLeft(30))),
            Map.entry("Ti", new BigDecimal(BigInteger.ONE.shiftLeft(40))),
            Map.entry("Pi", new BigDecimal(BigInteger.ONE.shiftLeft(50))),
            Map.entry("Ei", new BigDecimal(BigInteger.ONE.shiftLeft(60))));

    private Quantity() {}

    /** The value of a quantity, or empty when {@code text} is not one. */
    public static Optional<BigDecimal> parse(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Optional.of(number);
        }
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            if (!SUFFIXES.containsKey(suffix)) {
                return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
            }
        }
        return Optional.of(number.multiply(SUFFIXES.get(suffix)));
    }

    /** A CPU quantity in whole millicores, or empty when it is not one. */
    public static Optional<Cpu> cpu(String text) {
        return parse(text).flatMap(v -> {
            BigDecimal milli = v.movePointRight(3);
            if (milli.signum() < 0 || milli.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(new Cpu(milli.longValueExact()));
        });
    }

    /** A memory quantity in whole bytes, or empty when it is not one. */
    public static Optional<Memory> memory(String text) {
        return parse(text).flatMap(v -> {
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(new Memory(v.toBigIntegerExact().longValueExact()));
        });
    }
}
