package io.scaleplan.compiler.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regenerate command in every header is the team's: configurable, checked, default ./mvnw package. */
class RegenerateCommandTest {
    private static final ScalingPlan PLAN = ScalingPlan.builder("p")
            .helmRelease("r", "./c")
            .service("a", s -> s.replicas(1))
            .build();

    @Test
    void everyHeaderNamesTheConfiguredCommand() {
        List<GeneratedFile> files =
                new PlanCompiler(false, "mvn -q package").compile(PLAN).files();

        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.content())
                .contains("change the plan and run mvn -q package.")
                .doesNotContain("./mvnw"));
    }

    @Test
    void theDefaultIsTheWrapperAndTheSettingDoesNotLeak() {
        new PlanCompiler(false, "mvn package").compile(PLAN);

        assertThat(new PlanCompiler().compile(PLAN).files())
                .allSatisfy(f -> assertThat(f.content()).contains("change the plan and run ./mvnw package."));
        assertThat(Headers.regenerateCommand()).isEqualTo(Headers.DEFAULT_COMMAND);
    }

    @Test
    void aCommandThatCouldBreakOutOfAComment() {
        for (String bad : List.of("mvn package -->", "mvn\npackage", "", "mvn `id`", "x".repeat(81))) {
            assertThatThrownBy(() -> new PlanCompiler(false, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not allowed");
        }
        assertThat(new PlanCompiler(false, "x".repeat(80))).isNotNull();
    }
}
