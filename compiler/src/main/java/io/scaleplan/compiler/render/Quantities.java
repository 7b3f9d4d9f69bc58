package io.scaleplan.compiler.render;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities in canonical form, the form the API server stores and returns
 * ({@code k8s.io/apimachinery/pkg/api/resource}, {@code Quantity.String()}): no fractional digits,
 * the largest suffix that keeps the value exact, {@code 0} for zero. Writing canonical form keeps a
 * diff against live objects (helm-diff, {@code kubectl diff}) free of noise.
 */
public final class Quantities {
    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Quantities() {}

    /** CPU, a DecimalSI quantity: {@code 500m}, {@code 1}, {@code 1500m}. */
    public static String cpu(Cpu cpu) {
        return decimal(BigDecimal.valueOf(cpu.millicores(), 3));
    }

    /**
     * Memory, a BinarySI quantity: {@code 2Gi}, {@code 1536Mi}. A size under 1 KiB, or one that is
     * not a whole number of KiB, is written as DecimalSI, as Kubernetes does ({@code 512}, {@code 1025}).
     */
    public static String memory(Memory memory) {
        long bytes = memory.bytes();
        if (bytes < 1024 || bytes % 1024 != 0) {
            return decimal(BigDecimal.valueOf(bytes));
        }
        int index = 0;
        long value = bytes;
        while (value % 1024 == 0 && index < BINARY_SUFFIXES.length - 1) {
            value /= 1024;
            index++;
        }
        return value + BINARY_SUFFIXES[index];
    }

    /**
     * Any value as a DecimalSI quantity: {@code 1000} is {@code 1k}, {@code 0.5} is {@code 500m}.
     * Precision finer than 10<sup>-9</sup> is rounded up, as the API server does.
     */
    public static String decimal(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        // Nano units, rounded away from zero like Kubernetes' "round up" of the remainder.
        BigInteger nanos = value.movePointRight(9).setScale(0, RoundingMode.UP).toBigIntegerExact();
        int exponentIndex = 0; // index into DECIMAL_SUFFIXES: 0 = nano
        BigInteger thousand = BigInteger.valueOf(1000);
        while (exponentIndex < DECIMAL_SUFFIXES.length - 1) {
            BigInteger[] qr = nanos.divideAndRemainder(thousand);
            if (qr[1].signum() != 0) {
                break;
            }
            nanos = qr[0];
            exponentIndex++;
        }
        return nanos + DECIMAL_SUFFIXES[exponentIndex];
    }
}
