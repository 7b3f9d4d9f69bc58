package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.testing.MinimalPlan;
import io.scaleplan.testing.ShowcasePlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on the fixture plans "showcase" and "minimal". */
class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(
                PlanSource.of(java.util.List.of(new ShowcasePlan(), new MinimalPlan())),
                new PrintWriter(out),
                new PrintWriter(err),
                args);
    }

    @Test
    void compileWritesEveryPlanAndPrintsASummary() {
        int code = run("compile", "--output", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .isEqualTo(
                        "minimal: 4 written, 0 unchanged, 0 removed\nshowcase: 15 written, 0 unchanged, 0 removed\n");
        assertThat(dir.resolve("showcase/k8s/checkout-hpa.yaml")).exists();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void compileOnePlan() {
        assertThat(run("compile", "--output", dir.toString(), "--plan", "minimal"))
                .isZero();
        assertThat(dir.resolve("minimal/helm/app-values.yaml")).exists();
        assertThat(dir.resolve("showcase")).doesNotExist();
    }

    @Test
    void anUnknownPlanIsAUsageError() {
        assertThat(run("compile", "--output", dir.toString(), "--plan", "nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("error: no such plan: nope (known: minimal, showcase)\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBadOptionIsAUsageError() {
        assertThat(run("compile", "--frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--frobnicate'");
    }

    @Test
    void listShowsThePlans() {
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("minimal").contains("showcase").contains("namespace shop");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).matches("scaleplan \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").contains("2    a plan has errors; nothing was written");
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThat(run("compile", "--output", file.toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).startsWith("refused: " + file + " is a file, not an output folder");
        assertThat(file).hasContent("x");
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String command : new String[] {"compile", "diff", "check", "commit", "list", "explain", "simulate"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: scaleplan " + command);
        }
    }
}
