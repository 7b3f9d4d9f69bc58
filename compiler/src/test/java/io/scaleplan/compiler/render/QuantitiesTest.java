package io.scaleplan.compiler.render;

import static io.scaleplan.dsl.Units.bytes;
import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.kib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical-form table of kubernetes-autoscaling-semantics.md §6.2 (from apimachinery's tests). */
class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
        "1000m, 1", "2000m, 2", "1500m, 1500m", "1.5, 1500m", "0.5, 500m", "0.1, 100m", "1080m, 1080m",
        "0.0001, 100u", "0.0005, 500u", "1000, 1k", "1000000000, 1G", "1500000, 1500k", "0, 0", "0.0000000001, 1n",
        "0.000000003001, 4n"
    })
    void decimalQuantitiesAreCanonical(String input, String canonical) {
        BigDecimal value = input.endsWith("m")
                ? new BigDecimal(input.substring(0, input.length() - 1)).movePointLeft(3)
                : new BigDecimal(input);
        assertThat(Quantities.decimal(value)).isEqualTo(canonical);
    }

    @Test
    void cpuIsDecimalSi() {
        assertThat(Quantities.cpu(millicores(500))).isEqualTo("500m");
        assertThat(Quantities.cpu(cores(1))).isEqualTo("1");
        assertThat(Quantities.cpu(millicores(1500))).isEqualTo("1500m");
        assertThat(Quantities.cpu(millicores(0))).isEqualTo("0");
    }

    @Test
    void memoryIsBinarySiWhenExact() {
        assertThat(Quantities.memory(mib(1024))).isEqualTo("1Gi");
        assertThat(Quantities.memory(mib(1536))).isEqualTo("1536Mi");
        assertThat(Quantities.memory(kib(2048))).isEqualTo("2Mi");
        assertThat(Quantities.memory(mib(1000))).isEqualTo("1000Mi");
        assertThat(Quantities.memory(kib(307200))).isEqualTo("300Mi");
        assertThat(Quantities.memory(gib(2))).isEqualTo("2Gi");
        assertThat(Quantities.memory(bytes(1025))).isEqualTo("1025");
        assertThat(Quantities.memory(bytes(512))).isEqualTo("512");
        assertThat(Quantities.memory(bytes(0))).isEqualTo("0");
    }
}
