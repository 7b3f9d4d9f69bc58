package io.scaleplan.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "done when": from an empty local Maven repository that holds only what this build
 * deployed, a team repository is created with {@code mvn archetype:generate} and runs its loop with
 * the commands its README gives: build, edit a plan, the CI check fails, regenerate, Markdown diff,
 * commit plans and outputs together, the CI check passes.
 *
 * <p>This build is deployed to a {@code file:} repository under {@code target/} (install skipped and
 * a local repository of its own, so nothing reaches the shared {@code ~/.m2}). The team's builds run with a fresh {@code maven.repo.local}
 * and a settings file whose repositories are that folder and, for Maven's own plugins and
 * third-party libraries, the user's local repository read as a remote (then Maven Central), passed
 * through {@code MAVEN_ARGS}, so the commands themselves are exactly the README's.
 */
class StarterLoopIT {
    private static final Path ROOT = Paths.get(System.getProperty("scaleplan.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final String VERSION = System.getProperty("scaleplan.version", "0.1.0");
    private static final Path WORK = ROOT.resolve("starter/target/starter-it");
    private static final Path RELEASE_REPO = WORK.resolve("release-repo");
    private static final Path LOCAL_REPO = WORK.resolve("m2");
    private static final Path SETTINGS = WORK.resolve("settings.xml");
    private static final Path TEAM = WORK.resolve("team-plans");

    private record Run(int exit, String output) {}

    @BeforeAll
    static void deployThisBuild() throws Exception {
        delete(WORK);
        Files.createDirectories(WORK);
        String userRepo = Paths.get(System.getProperty("user.home"), ".m2", "repository")
                .toUri()
                .toString();
        String repos = repository("scaleplan", RELEASE_REPO.toUri().toString()) + repository("cache", userRepo);
        Files.writeString(
                SETTINGS,
                "<settings><profiles><profile><id>it</id>"
                        + "<repositories>" + repos.replace("R>", "repository>") + "</repositories>"
                        + "<pluginRepositories>" + repos.replace("R>", "pluginRepository>")
                        + "</pluginRepositories>"
                        + "</profile></profiles><activeProfiles><activeProfile>it</activeProfile></activeProfiles>"
                        + "</settings>\n",
                StandardCharsets.UTF_8);
        // Its own local repository too: deploying caches the target's metadata in the local one,
        // and ~/.m2 is shared; the libraries are read from ~/.m2 as a remote.
        Run deploy = run(
                ROOT,
                Map.of(),
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-s",
                SETTINGS.toString(),
                "-Dmaven.repo.local=" + WORK.resolve("deploy-m2"),
                "deploy",
                "-pl",
                ".,dsl,processor,compiler,maven-plugin,test-kit,starter",
                "-DskipTests",
                "-Dinvoker.skip=true",
                "-Dmaven.install.skip=true",
                "-Dspotless.check.skip=true",
                "-DaltDeploymentRepository=it::file://" + RELEASE_REPO);
        assertThat(deploy.exit()).as(deploy.output()).isZero();
    }

    /** A repository of releases only: scaleplan's versions are releases (no SNAPSHOT), so are the libraries'. */
    private static String repository(String id, String url) {
        return "<R><id>" + id + "</id><url>" + url + "</url><releases><enabled>true</enabled></releases>"
                + "<snapshots><enabled>false</enabled></snapshots></R>";
    }

    @Test
    void aTeamRunsItsLoopFromTheStarter() throws Exception {
        Map<String, String> maven = Map.of(
                "MAVEN_ARGS", "-B -s " + SETTINGS + " -Dmaven.repo.local=" + LOCAL_REPO,
                "GIT_AUTHOR_NAME", "Platform Team",
                "GIT_AUTHOR_EMAIL", "platform@example.invalid",
                "GIT_COMMITTER_NAME", "Platform Team",
                "GIT_COMMITTER_EMAIL", "platform@example.invalid");

        // mvn archetype:generate with scaleplan's coordinates (the archetype from the deployed folder).
        Run generate = run(
                WORK,
                maven,
                ROOT.resolve("mvnw").toString(),
                "-q",
                "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate",
                "-DinteractiveMode=false",
                "-DarchetypeGroupId=io.scaleplan",
                "-DarchetypeArtifactId=scaleplan-archetype",
                "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.example",
                "-DartifactId=team-plans",
                "-Dversion=1.0.0-SNAPSHOT",
                "-Dpackage=com.example.plans");
        assertThat(generate.exit()).as(generate.output()).isZero();
        assertThat(TEAM.resolve("mvnw")).isExecutable();
        assertThat(TEAM.resolve(".gitignore")).content().contains("target/");
        assertThat(TEAM.resolve(".github/workflows/scaleplan.yml")).content().contains("./mvnw -B verify");
        assertThat(TEAM.resolve("README.md")).content().contains("./mvnw package", "./mvnw verify");
        Path plan = TEAM.resolve("src/main/java/com/example/plans/Production.java");
        assertThat(plan).content().contains("package com.example.plans;", ".postgres(");
        assertThat(TEAM.resolve("src/test/java/com/example/plans/ProductionTest.java"))
                .exists();

        // Maven below 3.9 (Debian's mvn 3.8.7, where installed) is told to use the wrapper.
        Path oldMaven = Paths.get("/usr/bin/mvn");
        if (Files.isExecutable(oldMaven)) {
            Run version = run(TEAM, Map.of(), oldMaven.toString(), "-v");
            if (version.output().contains("Apache Maven 3.8")
                    || version.output().contains("Apache Maven 3.6")) {
                Run refused = run(
                        TEAM,
                        Map.of(),
                        oldMaven.toString(),
                        "-B",
                        "-s",
                        SETTINGS.toString(),
                        "-Dmaven.repo.local=" + LOCAL_REPO,
                        "validate");
                assertThat(refused.exit()).as(refused.output()).isNotZero();
                assertThat(refused.output())
                        .contains("scaleplan needs Maven 3.9 or newer: run ./mvnw (the wrapper in this repository)");
            }
        }

        // Build (the README's first command) and the team's first commit.
        git("init", "-q", "-b", "main");
        Run build = team(maven, "./mvnw", "package");
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(build.output()).contains("production: 18 written", "Tests run: 2, Failures: 0");
        Path hpa = TEAM.resolve("generated/production/k8s/checkout-hpa.yaml");
        assertThat(hpa).content().contains("maxReplicas: 6", "change the plan and run ./mvnw package.");
        git("add", ".");
        git("commit", "-q", "-m", "Scaling plans from the scaleplan starter");
        Run ci = team(maven, "./mvnw", "verify");
        assertThat(ci.exit()).as(ci.output()).isZero();
        assertThat(ci.output()).contains("generated at HEAD is up to date");
        assertThat(LOCAL_REPO.resolve("io/scaleplan/scaleplan-maven-plugin/" + VERSION))
                .isDirectory();

        // Edit a plan: the CI check fails, although the same build rewrote generated/.
        Files.writeString(plan, Files.readString(plan).replace("a.replicas(2, 6)", "a.replicas(2, 8)"));
        git("commit", "-q", "-am", "checkout: up to 8 pods");
        Run stale = team(maven, "./mvnw", "verify");
        assertThat(stale.exit()).as(stale.output()).isNotZero();
        assertThat(stale.output())
                .contains("~ production/k8s/checkout-hpa.yaml", "generated at HEAD is stale: run ./mvnw package");

        // Regenerate, read the Markdown diff, commit the outputs with the plan: CI passes.
        Run regenerate = team(maven, "./mvnw", "package");
        assertThat(regenerate.exit()).as(regenerate.output()).isZero();
        assertThat(hpa).content().contains("maxReplicas: 8");
        Run diff = team(maven, "./mvnw", "compile", "scaleplan:diff", "-Dscaleplan.format=markdown");
        assertThat(diff.exit()).as(diff.output()).isZero();
        assertThat(diff.output())
                .contains(
                        "- checkout · maxReplicas: 6 → 8",
                        "- `k8s/checkout-hpa.yaml` changed",
                        "checkout HPA · spec.maxReplicas: 6 → 8");
        git("reset", "-q", "--soft", "HEAD~1");
        git("add", "src", "generated");
        git("commit", "-q", "-m", "checkout: up to 8 pods");
        assertThat(git("show", "--name-only", "--format=", "HEAD").output())
                .contains(
                        "src/main/java/com/example/plans/Production.java",
                        "generated/production/k8s/checkout-hpa.yaml");
        Run passes = team(maven, "./mvnw", "verify");
        assertThat(passes.exit()).as(passes.output()).isZero();
        assertThat(passes.output()).contains("generated at HEAD is up to date");
    }

    private static Run team(Map<String, String> env, String... command) throws Exception {
        return run(TEAM, env, command);
    }

    private static Run git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Run r = run(
                TEAM,
                Map.of(
                        "GIT_AUTHOR_NAME", "Platform Team",
                        "GIT_AUTHOR_EMAIL", "platform@example.invalid",
                        "GIT_COMMITTER_NAME", "Platform Team",
                        "GIT_COMMITTER_EMAIL", "platform@example.invalid"),
                command.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }

    private static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("MAVEN_OPTS");
        Path log = Files.createTempFile(WORK, "run", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
