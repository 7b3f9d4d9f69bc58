package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.compiler.usecase.UpToDate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date check of {@code compile} and {@code check} on a real plans module (its sources
 * compiled in process with javac): an unchanged module answers from its stamp (kept outside Git,
 * next to the plans' class cache; the committed manifest lists only the files), without
 * compiling, byte for byte as the full path; every change of an input, every hand edit, deletion or
 * leftover in the output folder takes the full path and gets the right answer.
 *
 * <p>Whether a run took the full path shows in the plans' class cache: the full path loads the
 * plans and so compiles their sources into {@code target/scaleplan-plans/classes}, an up-to-date
 * answer never touches it.
 */
class UpToDateTest {
    @TempDir
    Path dir;

    private Path module;
    private Path output;
    private Path cache;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void module() throws Exception {
        module = dir.resolve("plans");
        output = dir.resolve("generated");
        cache = module.resolve("target/scaleplan-plans");
        writePlan("s.replicas(2)");
    }

    private void writePlan(String service) throws Exception {
        Path source = module.resolve("src/main/java/demo/Demo.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                """
                package demo;

                import io.scaleplan.dsl.Plan;
                import io.scaleplan.dsl.PlanDefinition;
                import io.scaleplan.dsl.ScalingPlan;

                @Plan
                public final class Demo implements PlanDefinition {
                    @Override
                    public ScalingPlan define() {
                        return ScalingPlan.builder("demo")
                                .helmRelease("app", "./app")
                                .service("web", s -> %s)
                                .build();
                    }
                }
                """
                        .formatted(service));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "-o",
                output.toString(),
                "--source-root",
                module.resolve("src/main/java").toString()));
        int exit = Main.run(
                PlanSource.sources(module),
                dir,
                new PrintWriter(out),
                new PrintWriter(err),
                all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs the command and says whether it compiled (took the full path). */
    private boolean compiled(Run[] result, String... args) throws Exception {
        deleteTree(cache.resolve("classes"));
        Files.deleteIfExists(cache.resolve("inputs.sha256"));
        result[0] = run(args);
        return Files.isDirectory(cache.resolve("classes"));
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }

    /** The stamp file of the output folder, next to the plans' class cache. */
    private Path stampFile() {
        return UpToDate.stampFile(cache, output);
    }

    private Optional<String> stamp() throws Exception {
        return Files.isRegularFile(stampFile()) ? Optional.of(Files.readString(stampFile())) : Optional.empty();
    }

    /** The folder as a full path leaves it, without a stamp ({@code mvn clean}): what the up-to-date answer must equal. */
    private void dropStamp() throws Exception {
        Files.delete(stampFile());
    }

    @Test
    void anUnchangedModuleAnswersWithoutCompilingExactlyAsTheFullPath() throws Exception {
        Run[] r = new Run[1];
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        assertThat(stamp()).isPresent();
        assertThat(stamp().get()).contains("\nplans demo\n").contains("\nchart ./app\n");
        assertThat(stampFile()).startsWith(module.resolve("target"));

        for (String command : new String[] {"compile", "check"}) {
            dropStamp();
            Run[] full = new Run[1];
            assertThat(compiled(full, command)).as(command + " without a stamp").isTrue();
            // a check that finds the folder up to date records the stamp as a compile does
            assertThat(stamp()).as(command + " records the stamp").isPresent();
            Run[] fast = new Run[1];
            assertThat(compiled(fast, command)).as(command + " with a stamp").isFalse();
            assertThat(fast[0]).as(command).isEqualTo(full[0]);
        }
        assertThat(r[0].out()).contains("demo: ");
    }

    @Test
    void warningsArePrintedAgainByTheUpToDateAnswer() throws Exception {
        // a Pods metric without a source: SP140, a warning
        writePlan("s.autoscale(a -> a.replicas(2, 4).podsMetric(\"http_requests_per_second\", 100))");
        assertThat(compiled(new Run[1], "compile")).isTrue();
        dropStamp();
        Run[] full = new Run[1];
        assertThat(compiled(full, "check")).isTrue();
        Run[] fast = new Run[1];
        assertThat(compiled(fast, "check")).isFalse();
        assertThat(fast[0]).isEqualTo(full[0]);
        assertThat(fast[0].err()).contains("warning: [SP140]");
        // recorded in the stamp, below the source root; the committed manifest lists only the files
        assertThat(stamp().orElseThrow())
                .contains("| ${source-root}/demo/Demo.java:")
                .doesNotContain(dir.toString());
        assertThat(Files.readString(output.resolve(Manifest.FILE_NAME)))
                .doesNotContain("demo/Demo.java")
                .doesNotContain("# inputs");
    }

    @Test
    void aFolderAnotherBuildWroteIsCheckedInFullOnceThenFromTheStamp() throws Exception {
        // ./mvnw package writes the folder and no stamp of the CLI's
        assertThat(compiled(new Run[1], "compile")).isTrue();
        dropStamp();
        Run[] committed = new Run[1];
        compiled(committed, "check", "--committed");
        assertThat(stamp()).as("a comparison with a commit records nothing").isEmpty();
        Run[] full = new Run[1];
        assertThat(compiled(full, "check")).isTrue();
        assertThat(full[0].exit()).isEqualTo(ExitCodes.OK);
        Run[] fast = new Run[1];
        assertThat(compiled(fast, "check")).isFalse();
        assertThat(fast[0]).isEqualTo(full[0]);
    }

    @Test
    void aCheckThatFindsTheFolderStaleRecordsNothing() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        dropStamp();
        Path values = output.resolve("demo/plan.yaml");
        Files.writeString(values, Files.readString(values) + "# edited\n");
        Run[] stale = new Run[1];
        assertThat(compiled(stale, "check")).isTrue();
        assertThat(stale[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(stamp()).isEmpty();
        assertThat(compiled(new Run[1], "check")).as("still the full path").isTrue();
    }

    @Test
    void anEditedPlanSourceTakesTheFullPathAndIsReported() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        writePlan("s.replicas(3)");
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r[0].out()).contains("demo/");
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].out()).contains("demo: ").doesNotContain("demo: 0 written");
        assertThat(compiled(r, "check")).isFalse();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aChangedOptionTakesTheFullPath() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        Run[] r = new Run[1];
        assertThat(compiled(r, "check", "--strict")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        // the check found the folder up to date for --strict and recorded that: one stamp per
        // folder, of the inputs last found up to date
        assertThat(compiled(r, "check", "--strict")).isFalse();
        assertThat(compiled(r, "check")).isTrue();
        assertThat(compiled(r, "check")).isFalse();
    }

    @Test
    void aSelectionOrTheCommittedOutputsTakeTheFullPath() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        Run[] r = new Run[1];
        assertThat(compiled(r, "check", "demo")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        assertThat(compiled(r, "compile", "-p", "demo")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aHandEditedOutputTakesTheFullPathAndIsReportedAsToday() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        Path edited = output.resolve("demo/plan.yaml");
        Files.writeString(edited, Files.readString(edited) + "# mine\n", StandardCharsets.UTF_8);
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r[0].out()).contains("~ demo/plan.yaml");
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r[0].err()).contains("edited by hand").contains("demo/plan.yaml");
    }

    @Test
    void aDeletedOutputTakesTheFullPathAndIsWrittenAgain() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        byte[] was = Files.readAllBytes(output.resolve("demo/plan.yaml"));
        Files.delete(output.resolve("demo/plan.yaml"));
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r[0].out()).contains("demo/plan.yaml");
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].out()).contains("demo: 1 written");
        assertThat(Files.readAllBytes(output.resolve("demo/plan.yaml"))).isEqualTo(was);
    }

    @Test
    void aLeftoverOrAnUnlistedFileTakesTheFullPath() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        Path leftover = output.resolve("demo/.plan.yaml.scaleplan-abc123.tmp");
        Files.writeString(leftover, "half");
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r[0].out()).contains("leftover of an interrupted run");
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].out()).contains("removed leftover of an interrupted run");
        assertThat(leftover).doesNotExist();

        Files.writeString(output.resolve("demo/NOTES.md"), "a person's notes\n");
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDamagedStampIsNoStamp() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        String text = stamp().orElseThrow();
        String inputs = text.lines()
                .filter(l -> l.startsWith("inputs "))
                .findFirst()
                .orElseThrow()
                .substring("inputs ".length());
        Files.writeString(stampFile(), text.replace(inputs, "0".repeat(64)));
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        Files.writeString(stampFile(), text.replace(inputs, "not-a-digest"));
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        // a printed line edited voids the stamp: nothing else is printed than a compile prints
        Files.writeString(stampFile(), text);
        assertThat(compiled(r, "compile")).isFalse();
        Files.writeString(stampFile(), text.replace("plans demo", "plans demo other"));
        assertThat(compiled(r, "check")).isTrue();
        Files.writeString(stampFile(), text + "| a line nobody printed\n");
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].err()).doesNotContain("a line nobody printed");
        Files.writeString(stampFile(), text + "garbage\n");
        assertThat(compiled(r, "check")).isTrue();
    }

    @Test
    void compileLeavesTheManifestByteIdenticalToTheMavenPlugins() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        byte[] cli = Files.readAllBytes(output.resolve(Manifest.FILE_NAME));
        // the Maven plugin's generate goal: the same plans, written without any up-to-date inputs
        Path plugin = dir.resolve("plugin-generated");
        io.scaleplan.compiler.usecase.Generate.run(
                io.scaleplan.compiler.usecase.CompiledPlans.compile(
                        PlanSource.sources(module).load(), List.of(), new io.scaleplan.compiler.PlanCompiler()),
                plugin,
                false);
        assertThat(cli).isEqualTo(Files.readAllBytes(plugin.resolve(Manifest.FILE_NAME)));
        assertThat(new String(cli, StandardCharsets.UTF_8))
                .doesNotContain("# inputs")
                .doesNotContain("# plans")
                .doesNotContain("# chart")
                .doesNotContain("# |");
        // a second, up-to-date compile does not touch it either
        assertThat(compiled(new Run[1], "compile")).isFalse();
        assertThat(Files.readAllBytes(output.resolve(Manifest.FILE_NAME))).isEqualTo(cli);
    }

    @Test
    void theStampLinesOfAnEarlierVersionAreIgnoredAndDroppedOnTheNextWrite() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        Path manifest = output.resolve(Manifest.FILE_NAME);
        byte[] clean = Files.readAllBytes(manifest);
        String text = new String(clean, StandardCharsets.UTF_8);
        int firstHash = text.indexOf("\n", text.indexOf("Do not edit.")) + 1;
        Files.writeString(
                manifest,
                text.substring(0, firstHash) + "# inputs: " + "a".repeat(64) + "\n# plans: demo\n# | old\n"
                        + text.substring(firstHash));
        dropStamp();
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(manifest)).isEqualTo(clean);
    }

    @Test
    void aManifestChangedBehindTheStampsBackTakesTheFullPath() throws Exception {
        assertThat(compiled(new Run[1], "compile")).isTrue();
        // another branch's generated/, as a git checkout would bring it back
        Path other = dir.resolve("other-branch");
        copyTree(output, other);
        writePlan("s.replicas(3)");
        assertThat(compiled(new Run[1], "compile")).isTrue();
        assertThat(compiled(new Run[1], "check")).isFalse();
        deleteTree(output);
        copyTree(other, output);
        // the stamp is of these sources, and every file matches the manifest: only the manifest's bytes tell
        Run[] r = new Run[1];
        assertThat(compiled(r, "check")).isTrue();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r[0].out()).contains("demo/");
        assertThat(compiled(r, "compile")).isTrue();
        assertThat(r[0].out()).doesNotContain("demo: 0 written");
        assertThat(compiled(r, "check")).isFalse();
        assertThat(r[0].exit()).isEqualTo(ExitCodes.OK);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}
