package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive's training runs every command it names to its expected end: a training
 * whose plan no longer compiles (a DSL change) would leave the archive without the compile's
 * classes, silently.
 */
class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheTrainingEndsAsExpected() throws Exception {
        List<Integer> codes = Training.train(dir);

        assertThat(Training.COMMANDS)
                .containsExactly(
                        "compile",
                        "compile",
                        "check",
                        "commit",
                        "diff",
                        "diff --format markdown --exit-code",
                        "check",
                        "list",
                        "simulate");
        // compile, compile (up to date), check (up to date), commit; after the edit: diff, diff
        // --exit-code (differences), check (stale), list, simulate
        assertThat(codes).containsExactly(0, 0, 0, 0, 0, ExitCodes.DIFFERENCES, ExitCodes.DIFFERENCES, 0, 0);
        assertThat(dir.resolve("sim/training/sim/timeline.csv")).exists();
        assertThat(dir.resolve("generated/training/k8s/api-hpa.yaml")).exists();
        assertThat(Files.readString(dir.resolve("generated/training/k8s/api-hpa.yaml")))
                .contains("maxReplicas: 10");
    }
}
