package io.scaleplan.compiler.load;

import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanLoaderTest {

    static final class Throws implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("p")
                    .helmRelease("r", "./c")
                    .service("s", s -> s.autoscale(a -> a.replicas(1, 2).cpuUtilization(percent(-5)))) // @throws
                    .build();
        }
    }

    static final class Invalid implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("p")
                    .helmRelease("r", "./c")
                    .service("s", s -> s.replicas(-3))
                    .build();
        }
    }

    @Test
    void aDefinitionThatThrowsBecomesADiagnosticAtItsLine() throws Exception {
        List<LoadedPlan> loaded = PlanLoader.of(List.of(new Throws()));
        Diagnostic d = loaded.get(0).problems().get(0);
        assertThat(d.ruleId()).isEqualTo("SP010");
        assertThat(d.message())
                .isEqualTo("plan definition failed: IllegalArgumentException: percentage must not be negative: -5%");
        assertThat(d.location().path()).isEqualTo("io/scaleplan/compiler/load/PlanLoaderTest.java");
        java.util.List<String> src = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("src/test/java/io/scaleplan/compiler/load/PlanLoaderTest.java"));
        assertThat(src.get(d.location().line() - 1)).contains("// @throws");
    }

    @Test
    void builderProblemsPassThrough() {
        LoadedPlan p = PlanLoader.of(List.of(new Invalid())).get(0);
        assertThat(p.plan()).isEmpty();
        assertThat(p.problems()).extracting(Diagnostic::message).containsExactly("replicas must be at least 0, was -3");
    }

    @Test
    void twoPlansWithOneNameAreAnError() {
        List<LoadedPlan> loaded = PlanLoader.of(
                List.of(Fixtures.definition(Fixtures.minimal()), Fixtures.definition(Fixtures.minimal())));
        assertThat(loaded).hasSize(2);
        // neither wins: a selection by name must not compile one of them silently
        assertThat(loaded.stream().filter(p -> p.plan().isPresent())).isEmpty();
        assertThat(loaded).extracting(LoadedPlan::name).containsExactly("minimal", "minimal");
        assertThat(loaded.stream().flatMap(p -> p.problems().stream()))
                .hasSize(2)
                .allSatisfy(d -> {
                    assertThat(d.ruleId()).isEqualTo("SP006");
                    assertThat(d.message()).startsWith("plan name \"minimal\" is also declared by ");
                });
    }
}
