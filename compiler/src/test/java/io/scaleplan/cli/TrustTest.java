package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.MinimalPlan;
import io.scaleplan.testing.ShowcasePlan;
import io.scaleplan.testing.SourceLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue 12 that the command line must refuse or report, each proved on the command
 * as a user runs it: no plans, an output folder that is not scaleplan's, hand edits, selection
 * that hid errors, and plan code that escaped the diagnostics.
 */
class TrustTest {
    private static final String FILE = "io/scaleplan/cli/TrustTest.java";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(PlanSource plans, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source-root", "src/test/java"));
        return Main.run(plans, dir, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    }

    private static PlanSource plans(PlanDefinition... definitions) {
        return PlanSource.of(List.of(definitions));
    }

    private static String at(String marker) {
        return "src/test/java/" + FILE + ":" + SourceLines.of(FILE, marker);
    }

    // (3) no plans found

    @Test
    void noPlansIsAnErrorThatSaysWhatToCheckAndWritesNothing() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, new TestPlan(20, true));
        Map<String, byte[]> before = repo.snapshot();

        for (String command : new String[] {"compile", "commit", "check", "diff"}) {
            err.getBuffer().setLength(0);
            assertThat(run(plans(), command, "-o", repo.output.toString()))
                    .as(command)
                    .isEqualTo(ExitCodes.PLAN_ERRORS);
            assertThat(err.toString())
                    .as(command)
                    .startsWith("error: no plans found in the given plans: check that each plan class is annotated"
                            + " @Plan")
                    .contains("annotation processing on");
        }
        Repo.assertSameSnapshot(before, repo.snapshot());
    }

    @Test
    void commitNeverCommitsTheLossOfEveryOutput() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, new TestPlan(20, true));
        Map<String, byte[]> before = repo.snapshot();
        try (io.scaleplan.compiler.git.GeneratedTree tree = io.scaleplan.compiler.git.GeneratedTree.open(repo.output)) {
            io.scaleplan.compiler.git.CommitOutcome outcome =
                    tree.commit(List.of(), List.of()).call();
            assertThat(outcome.status()).isEqualTo(io.scaleplan.compiler.git.CommitOutcome.Status.REFUSED);
            assertThat(outcome.refusal().orElseThrow().reason())
                    .isEqualTo(io.scaleplan.compiler.git.Refusal.Reason.NO_OUTPUTS);
        }
        Repo.assertSameSnapshot(before, repo.snapshot());
    }

    @Test
    void aStaleIndexNamingAMissingClassIsSp010NotAStackTrace() throws Exception {
        Path index = Files.createDirectories(dir.resolve("index/META-INF/services"));
        Files.writeString(index.resolve(PlanDefinition.class.getName()), "io.scaleplan.arka.Gone\n");
        URLClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("index").toUri().toURL()}, getClass().getClassLoader());
        PlanSource source = () -> io.scaleplan.compiler.load.PlanLoader.load(loader);

        assertThat(run(source, "check", "-o", dir.resolve("out").toString())).isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .contains("error: [SP010] plan index: the plan index names a class that cannot be loaded:")
                .contains("io.scaleplan.arka.Gone")
                .doesNotContain("\tat ");
    }

    @Test
    void anEmptyClassPathFindsNoPlans() {
        PlanSource empty = () -> io.scaleplan.compiler.load.PlanLoader.load(new URLClassLoader(new URL[0], null));
        assertThat(run(empty, "compile", "-o", dir.resolve("out").toString())).isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    // (4) an output folder scaleplan does not own

    @Test
    void compileIntoTheRepositoryRootOrItsParentIsRefusedAndChangesNothing() throws Exception {
        Path repoDir = Files.createDirectories(dir.resolve("checkout"));
        Repo repo = Repo.withCommittedPlan(repoDir, new TestPlan(20, true));
        // a golden file and a fixture that carry the marker, as the real repository has
        Files.createDirectories(repoDir.resolve("compiler/src/test/resources/golden/production"));
        Files.writeString(
                repoDir.resolve("compiler/src/test/resources/golden/production/a.yaml"),
                "# Generated by scaleplan from plan \"production\" (x).\n");
        Files.createDirectories(dir.resolve("sibling"));
        Files.writeString(dir.resolve("sibling/notes.md"), "a sibling checkout\n");
        Map<String, byte[]> before = Repo.at(dir).snapshot();

        for (Path output : List.of(repoDir, dir)) {
            err.getBuffer().setLength(0);
            assertThat(run(plans(new TestPlan(20, true)), "compile", "--output", output.toString()))
                    .as(output.toString())
                    .isEqualTo(ExitCodes.REFUSED);
            assertThat(err.toString())
                    .startsWith("refused: " + output + " is not empty and has no .scaleplan-manifest")
                    .endsWith("nothing was changed\n");
        }
        Repo.assertSameSnapshot(before, Repo.at(dir).snapshot());
        assertThat(repo.output.resolve(".scaleplan-manifest")).exists();
    }

    // (6) hand edits

    @Test
    void compileRefusesHandEditsNamingEachUnlessForced() throws Exception {
        assertThat(run(plans(new ShowcasePlan(), new MinimalPlan()), "compile", "-o", dir.toString()))
                .isZero();
        Path hpa = dir.resolve("showcase/k8s/checkout-hpa.yaml");
        Path values = dir.resolve("minimal/helm/app-values.yaml");
        Files.writeString(hpa, Files.readString(hpa).replace("maxReplicas:", "maxReplicas: 99 #"));
        Files.writeString(values, Files.readString(values) + "# a note\n");
        byte[] edited = Files.readAllBytes(hpa);
        out.getBuffer().setLength(0);

        assertThat(run(plans(new ShowcasePlan(), new MinimalPlan()), "compile", "-o", dir.toString()))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString())
                .contains("edited by hand: minimal/helm/app-values.yaml\n")
                .contains("edited by hand: showcase/k8s/checkout-hpa.yaml\n")
                .contains("run again with --force");
        assertThat(out.toString()).isEmpty();
        assertThat(hpa).hasBinaryContent(edited);

        assertThat(run(plans(new ShowcasePlan(), new MinimalPlan()), "compile", "-o", dir.toString(), "--force"))
                .isZero();
        assertThat(Files.readString(hpa)).doesNotContain("99");
    }

    @Test
    void commitRefusesAHandEditThatIsAlsoCommitted() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, new TestPlan(20, true));
        Path hpa = repo.output.resolve("production/k8s/usage-metering-hpa.yaml");
        Files.writeString(hpa, Files.readString(hpa).replace("minReplicas: 3", "minReplicas: 4"));
        try (Git git = repo.git()) {
            git.add().addFilepattern("generated").call();
            git.commit().setMessage("hand edit").call();
        }
        Repo.Run run = repo.scaleplan(new TestPlan(50, true), "commit");
        assertThat(run.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("edited by hand: production/k8s/usage-metering-hpa.yaml");
        assertThat(Files.readString(hpa)).contains("minReplicas: 4").contains("maxReplicas: 20");
    }

    // (7) selection

    static final class FailingBuilder implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder("failing")
                    .helmRelease("app", "./chart")
                    .service("web", s -> s.replicas(-1)) // @failing-replicas
                    .build();
        }
    }

    static final class Twin implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return io.scaleplan.testing.Fixtures.minimal();
        }
    }

    @Test
    void aPlanWhoseBuilderFailsIsSelectedByItsDeclaredNameAndReportsItsError() {
        for (String[] args : List.of(
                new String[] {"compile", "-o", dir.toString(), "--plan", "failing"},
                new String[] {"check", "-o", dir.toString(), "failing"},
                new String[] {"diff", "--worktree", "-o", dir.toString(), "failing"})) {
            err.getBuffer().setLength(0);
            assertThat(run(plans(new MinimalPlan(), new FailingBuilder()), args))
                    .as(args[0])
                    .isEqualTo(ExitCodes.PLAN_ERRORS);
            assertThat(err.toString()).as(args[0]).startsWith(at("@failing-replicas") + ": error: [SP002] ");
        }
    }

    @Test
    void twoPlansWithOneNameAreSp006WhateverIsSelected() {
        assertThat(run(
                        plans(new ShowcasePlan(), new MinimalPlan(), new Twin()),
                        "compile",
                        "-o",
                        dir.toString(),
                        "-p",
                        "showcase"))
                .isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .contains(": error: [SP006] minimal: plan name \"minimal\" is also declared by " + Twin.class.getName())
                .contains(": error: [SP006] minimal: plan name \"minimal\" is also declared by "
                        + MinimalPlan.class.getName());
        assertThat(dir).isEmptyDirectory();
    }

    // (8) plan code that throws

    static final class Recursing implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return define(); // @recursion
        }
    }

    static final class Hungry implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            long[][] hog = new long[Integer.MAX_VALUE - 8][]; // @hungry
            return hog.length > 0 ? null : null;
        }
    }

    public static final class FailingConstructor implements PlanDefinition {
        private final int size;

        public FailingConstructor() {
            size = Integer.parseInt("twenty"); // @constructor
        }

        @Override
        public ScalingPlan define() {
            return null;
        }
    }

    public static final class FailingStatic implements PlanDefinition {
        static final int SIZE = Integer.parseInt("twenty"); // @static

        @Override
        public ScalingPlan define() {
            return null;
        }
    }

    @Test
    void errorsFromDefineAreSp010AtTheLine() {
        assertThat(run(plans(new Recursing(), new Hungry(), new MinimalPlan()), "compile", "-o", dir.toString()))
                .isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(err.toString())
                .contains(at("@recursion")
                        + ": error: [SP010] TrustTest$Recursing: plan definition failed: StackOverflowError")
                .contains(at("@hungry") + ": error: [SP010] TrustTest$Hungry: plan definition failed: OutOfMemoryError")
                .doesNotContain("\tat ")
                .doesNotContain("internal error");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void errorsFromAConstructorOrStaticInitialiserAreSp010AtTheLine() throws Exception {
        Path index = Files.createDirectories(dir.resolve("index/META-INF/services"));
        Files.writeString(
                index.resolve(PlanDefinition.class.getName()),
                FailingConstructor.class.getName() + "\n" + FailingStatic.class.getName() + "\n");
        URLClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("index").toUri().toURL()}, getClass().getClassLoader());
        PlanSource source = () -> io.scaleplan.compiler.load.PlanLoader.load(loader);

        assertThat(run(source, "compile", "-o", dir.resolve("out").toString())).isEqualTo(ExitCodes.PLAN_ERRORS);

        assertThat(err.toString())
                .contains(at("@constructor") + ": error: [SP010] TrustTest$FailingConstructor: plan definition failed:"
                        + " cannot instantiate: NumberFormatException: For input string: \"twenty\"")
                .contains(at("@static") + ": error: [SP010] TrustTest$FailingStatic: plan definition failed: static"
                        + " initialiser threw NumberFormatException")
                .doesNotContain("<unknown>");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
