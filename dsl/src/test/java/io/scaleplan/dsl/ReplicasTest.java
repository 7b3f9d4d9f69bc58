package io.scaleplan.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replicas is the one place that decides what a replica range may be; every other check asks it. */
class ReplicasTest {

    @Test
    void aRangeIsOneToMaxWithMinNotAboveMax() {
        assertThat(new Replicas(1, 1)).isEqualTo(new Replicas(1, 1));
        assertThat(new Replicas(3, 20).contains(3)).isTrue();
        assertThat(new Replicas(3, 20).contains(20)).isTrue();
        assertThat(new Replicas(3, 20).contains(2)).isFalse();
        assertThat(new Replicas(3, 20).contains(21)).isFalse();
        assertThat(new Replicas(3, 20).withMin(20)).isEqualTo(new Replicas(20, 20));
        assertThat(new Replicas(3, 20).withMax(3)).isEqualTo(new Replicas(3, 3));
        assertThat(new Replicas(3, 20)).hasToString("3..20");
    }

    @Test
    void eachSideOfEachBoundIsChecked() {
        assertThatThrownBy(() -> new Replicas(0, 5)).hasMessage("minReplicas must be at least 1, was 0");
        assertThatThrownBy(() -> new Replicas(1, 0)).hasMessage("maxReplicas must be at least 1, was 0");
        assertThatThrownBy(() -> new Replicas(6, 5)).hasMessage("minReplicas (6) must not exceed maxReplicas (5)");
        assertThatThrownBy(() -> new Replicas(3, 20).withMin(21))
                .hasMessage("minReplicas (21) must not exceed maxReplicas (20)");
        assertThat(Replicas.minAboveMax(5, 5)).isEmpty();
        assertThat(Replicas.minAboveMax(6, 5)).contains("minReplicas (6) must not exceed maxReplicas (5)");
        assertThat(Replicas.belowOne("maxReplicas", 1)).isEmpty();
        assertThat(Replicas.belowOne("maxReplicas", 0)).contains("maxReplicas must be at least 1, was 0");
    }

    @Test
    void theAutoscalerCarriesItsRange() {
        Autoscaling a = new Autoscaling(
                new Replicas(3, 20),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                SourceLocation.UNKNOWN);
        assertThat(a.minReplicas()).isEqualTo(3);
        assertThat(a.maxReplicas()).isEqualTo(20);
        assertThat(a.withReplicas(new Replicas(5, 30)).replicas()).isEqualTo(new Replicas(5, 30));
        assertThat(a.withReplicas(5, 30)).isEqualTo(a.withReplicas(new Replicas(5, 30)));
    }
}
