package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan that calls {@code System.exit(0)} cannot make a command succeed: the real entry point runs
 * in a forked JVM on a class path whose plan index names such a plan, and exits 70 naming it.
 */
class ExitGuardTest {
    @TempDir
    Path dir;

    /** Ends the JVM with success while it is being evaluated. */
    public static final class Exiting implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            System.exit(0);
            return Fixtures.minimal();
        }
    }

    private record Result(int exit, String out, String err) {}

    private Result main(String... args) throws Exception {
        Path index = Files.createDirectories(dir.resolve("index/META-INF/services"));
        Files.writeString(index.resolve(PlanDefinition.class.getName()), Exiting.class.getName() + "\n");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + dir.resolve("index"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("SCALEPLAN_PLANS_MODULE");
        pb.environment().put("SCALEPLAN_ROOT", dir.toString());
        int exit = pb.start().waitFor();
        return new Result(
                exit,
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void systemExitInDefineEndsCompileAndCheckWith70NamingThePlan() throws Exception {
        for (String command : new String[] {"compile", "check"}) {
            Result r = main(command, "--output", dir.resolve("generated").toString());
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(70);
            assertThat(r.err())
                    .as(command)
                    .contains("error: plan code called System.exit while scaleplan was running (plan "
                            + Exiting.class.getName() + ")");
            assertThat(dir.resolve("generated")).doesNotExist();
        }
    }

    @Test
    void theEntryPointStillExitsWithItsOwnCode() throws Exception {
        Result r = main("explain", "SP010");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SP010");
    }
}
