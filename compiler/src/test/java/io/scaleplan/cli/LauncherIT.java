package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./scaleplan} launcher, run as a user runs it, on a copy of this repository's plans and
 * generated/: an edited plan is what every command answers for, with no build in between; a plan
 * that does not compile gives javac's errors and exit 2; run from a subfolder it writes the
 * project's generated/, not a second tree. The CLI jar is stood in for by a jar whose manifest
 * puts this test's class path on the JVM's.
 */
class LauncherIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String PRODUCTION = "plans/src/main/java/io/scaleplan/arka/Production.java";

    @TempDir
    Path project;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void copyTheProject() throws Exception {
        Files.copy(REPOSITORY.resolve("scaleplan"), project.resolve("scaleplan"));
        copyTree(REPOSITORY.resolve("plans/src/main"), project.resolve("plans/src/main"));
        copyTree(REPOSITORY.resolve("generated"), project.resolve("generated"));
        Path target = Files.createDirectories(project.resolve("compiler/target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(target.resolve("scaleplan-compiler-test-cli.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        try (Git git = Git.init()
                .setDirectory(project.toFile())
                .setInitialBranch("main")
                .call()) {
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Plan Author");
            config.setString("user", null, "email", "author@example.com");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            git.add().addFilepattern("plans").addFilepattern("generated").call();
            git.commit().setMessage("plans and outputs").call();
        }
    }

    private Run scaleplan(Path in, String... args) throws Exception {
        return scaleplan(in, Map.of(), args);
    }

    private Run scaleplan(Path in, Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("sh", project.resolve("scaleplan").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(in.toFile())
                .redirectOutput(project.resolve("out.txt").toFile())
                .redirectError(project.resolve("err.txt").toFile());
        pb.environment().remove("SCALEPLAN_CLASS_PATH");
        pb.environment().remove("SCALEPLAN_SOURCE_ROOT");
        pb.environment().remove("SCALEPLAN_ROOT");
        pb.environment().remove("SCALEPLAN_PLANS_MODULE");
        pb.environment().remove("SCALEPLAN_JAVA_OPTS");
        pb.environment().remove("SCALEPLAN_CDS");
        pb.environment().remove("SCALEPLAN_CDS_DIR");
        // the JDK running this test, as ./mvnw chose it
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        return new Run(
                exit,
                Files.readString(project.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(project.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private void edit(String from, String to) throws IOException {
        Path file = project.resolve(PRODUCTION);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void anEditedPlanIsWhatDiffAnswersForWithNoBuildInBetween() throws Exception {
        Run clean = scaleplan(project, "diff", "--exit-code");
        assertThat(clean.exit()).as(clean.err()).isZero();
        assertThat(clean.out()).endsWith("no differences\n");

        edit("replicas(3, 20)", "replicas(3, 24)");
        Run edited = scaleplan(project, "diff", "--exit-code");

        assertThat(edited.exit()).as(edited.err()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(edited.out())
                .contains("production · usage-metering HPA · spec.maxReplicas: 20 → 24")
                .contains("production\n  usage-metering · maxReplicas: 20 → 24\n")
                .contains("  connection budget: 229 → 249 of 300\n")
                .contains(
                        "production · monitoring/alerts.rules.yaml · groups[name=scaleplan-arka-plan].rules[record=scaleplan_plan:max_replicas{service=\"usage-metering\"}].expr:"
                                + " vector(20) → vector(24)\n");
        Run check = scaleplan(project, "check");
        assertThat(check.exit()).as(check.err()).isEqualTo(ExitCodes.DIFFERENCES);
    }

    @Test
    void aPlanThatDoesNotCompileGivesJavacsErrorsAndExit2() throws Exception {
        edit("replicas(3, 20)", "replicas(3, 20 x)");
        for (String command : new String[] {"diff", "check", "compile", "list"}) {
            Run r = scaleplan(project, command);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(ExitCodes.PLAN_ERRORS);
            assertThat(r.err())
                    .as(command)
                    // javac 17 says ')' expected, javac 25 ')' or ',' expected
                    .containsPattern(java.util.regex.Pattern.quote(project.resolve(PRODUCTION) + ":79: error: ')' ")
                            + "(or ',' )?expected")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
        assertThat(Files.readString(project.resolve("generated/production/k8s/usage-metering-hpa.yaml")))
                .contains("maxReplicas: 20");
    }

    @Test
    void runFromASubfolderItWritesTheProjectsOutputFolder() throws Exception {
        edit("replicas(3, 20)", "replicas(3, 24)");
        Run r = scaleplan(project.resolve("plans"), "compile");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("production: 9 written, 20 unchanged, 0 removed");
        assertThat(project.resolve("plans/generated")).doesNotExist();
        assertThat(Files.readString(project.resolve("generated/production/k8s/usage-metering-hpa.yaml")))
                .contains("maxReplicas: 24");
    }

    /** The class-data archives of the launcher (.jsa up to JDK 23, .aot from 24), by file name. */
    private List<String> archives() throws IOException {
        Path cds = project.resolve("compiler/target/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cds)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsa") || n.endsWith(".aot"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void classDataIsRecordedByTheFirstCompilingCommandThenReusedAndRecordedAgainForANewJar() throws Exception {
        Run version = scaleplan(project, "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(archives()).as("--version loads too little to record").isEmpty();

        Run first = scaleplan(project, "check");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).doesNotContain("AOT").doesNotContain("CDS").doesNotContain("shared");
        List<String> recorded = archives();
        assertThat(recorded).hasSize(1);
        Path archive = project.resolve("compiler/target/cds").resolve(recorded.get(0));
        var written = Files.getLastModifiedTime(archive);

        Run second = scaleplan(project, "check");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEqualTo(first.err());
        assertThat(archives()).isEqualTo(recorded);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);

        // a rebuilt CLI jar: the old archive is stale, a new one is recorded in its place
        Path jar = project.resolve("compiler/target/scaleplan-compiler-test-cli.jar");
        Files.setLastModifiedTime(
                jar,
                java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Run rebuilt = scaleplan(project, "diff", "--exit-code");
        assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(recorded);
    }

    @Test
    void withoutClassDataSharingEveryCommandAnswersTheSame() throws Exception {
        Path notAFolder = Files.writeString(project.resolve("not-a-folder"), "x");
        Path noRelease = Files.createDirectories(project.resolve("jdk-without-release/bin"));
        Path java = noRelease.resolve("java");
        Files.writeString(
                java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Run reference = scaleplan(project, Map.of("SCALEPLAN_CDS", "0"), "check");
        assertThat(reference.exit()).as(reference.err()).isZero();

        List<Map<String, String>> cannot = List.of(
                // the archive folder cannot be made
                Map.of("SCALEPLAN_CDS_DIR", notAFolder.resolve("cds").toString()),
                // a JDK whose version cannot be told (no release file)
                Map.of("JAVA_HOME", noRelease.getParent().toString()));
        for (Map<String, String> env : cannot) {
            Run r = scaleplan(project, env, "check");
            assertThat(r.exit()).as(env + ": " + r.err()).isZero();
            assertThat(r.out()).as(env.toString()).isEqualTo(reference.out());
            assertThat(r.err()).as(env.toString()).isEqualTo(reference.err());
        }
        assertThat(archives()).isEmpty();

        // a damaged archive is passed over without a word
        Run recording = scaleplan(project, "check");
        assertThat(recording.exit()).as(recording.err()).isZero();
        Path archive = project.resolve("compiler/target/cds").resolve(archives().get(0));
        assertThat(archive.toFile().setWritable(true)).isTrue();
        Files.writeString(archive, "not an archive");
        Run damaged = scaleplan(project, "check");
        assertThat(damaged.exit()).as(damaged.err()).isZero();
        assertThat(damaged.out()).isEqualTo(reference.out());
        assertThat(damaged.err()).isEqualTo(reference.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
