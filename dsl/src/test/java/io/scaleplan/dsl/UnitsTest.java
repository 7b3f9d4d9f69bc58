package io.scaleplan.dsl;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.kib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void cpuIsMillicores() {
        assertThat(cores(2)).isEqualTo(millicores(2000));
        assertThat(millicores(500)).hasToString("500m");
        assertThat(cores(1)).hasToString("1");
        assertThat(millicores(1500)).hasToString("1500m");
        assertThat(millicores(1500).cores()).isEqualTo(1.5);
    }

    @Test
    void memoryIsBytes() {
        assertThat(gib(2).bytes()).isEqualTo(2L << 30);
        assertThat(mib(1536)).hasToString("1536Mi");
        assertThat(mib(2048)).isEqualTo(gib(2)).hasToString("2Gi");
        assertThat(kib(1)).hasToString("1Ki");
        assertThat(Units.bytes(100)).hasToString("100");
    }

    @Test
    void negativeAmountsAreRejectedWithTheirUnit() {
        assertThatThrownBy(() -> cores(-1)).hasMessage("CPU must not be negative: -1 cores");
        assertThatThrownBy(() -> millicores(-5)).hasMessage("CPU must not be negative: -5m");
        assertThatThrownBy(() -> mib(-1)).hasMessage("memory must not be negative: -1Mi");
        assertThatThrownBy(() -> percent(-5)).hasMessage("percentage must not be negative: -5%");
        assertThatThrownBy(() -> rps(-1)).hasMessage("request rate must not be negative: -1 rps");
        assertThatThrownBy(() -> pods(-1)).hasMessage("pod count must not be negative: -1");
    }

    @Test
    void overflowIsRejectedNotWrapped() {
        assertThatThrownBy(() -> Units.tib(Long.MAX_VALUE / 1024)).hasMessageStartingWith("memory too large: ");
    }

    @Test
    void capacityFollowsTheRunbookFormula() {
        Capacity c = new Capacity(rps(1_000), Capacity.DEFAULT_HEADROOM, SourceLocation.UNKNOWN);
        // (5000 / 1000) * 1.3 = 6.5 -> 7 pods
        assertThat(c.requiredPods(rps(5_000))).isEqualTo(7);
        // exactly representable boundaries do not round up spuriously: 1000 * 1.3 / 1000 = 1.3 -> 2; 10000 -> 13
        assertThat(c.requiredPods(rps(1_000))).isEqualTo(2);
        assertThat(c.requiredPods(rps(10_000))).isEqualTo(13);
        assertThat(new Capacity(rps(200), 1.0, SourceLocation.UNKNOWN).requiredPods(rps(400)))
                .isEqualTo(2);
    }

    @Test
    void disruptionBudgetsFollowTheDisruptionController() {
        // rows of the disruption controller table (kubernetes-autoscaling-semantics.md §5.4)
        assertThat(budget(DisruptionBudget.Kind.MAX_UNAVAILABLE, pods(0)).allowedDisruptions(5))
                .isZero();
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, percent(100)).allowedDisruptions(5))
                .isZero();
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, pods(3)).allowedDisruptions(3))
                .isZero();
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, pods(5)).allowedDisruptions(3))
                .isZero();
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, percent(90)).allowedDisruptions(3))
                .isZero();
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, pods(2)).allowedDisruptions(3))
                .isEqualTo(1);
        assertThat(budget(DisruptionBudget.Kind.MIN_AVAILABLE, percent(50)).allowedDisruptions(7))
                .isEqualTo(3);
        assertThat(budget(DisruptionBudget.Kind.MAX_UNAVAILABLE, percent(25)).allowedDisruptions(3))
                .isEqualTo(1);
        assertThat(budget(DisruptionBudget.Kind.MAX_UNAVAILABLE, percent(10)).allowedDisruptions(20))
                .isEqualTo(2);
        assertThat(budget(DisruptionBudget.Kind.MAX_UNAVAILABLE, percent(50)).allowedDisruptions(1))
                .isEqualTo(1);
    }

    private static DisruptionBudget budget(DisruptionBudget.Kind kind, PodAmount amount) {
        return new DisruptionBudget(kind, amount, SourceLocation.UNKNOWN);
    }
}
