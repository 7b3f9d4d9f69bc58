package io.scaleplan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * The class-data archive's training: run by {@code ./scaleplan} in the JVM that records the
 * archive ({@code -Dscaleplan.cds.training=true}), after the user's command, so that the archive
 * holds what every command loads whichever command recorded it. Before, an archive recorded by
 * an up-to-date {@code check} lacked the 1,700 classes a compile loads, which every later compile
 * then loaded, parsed and verified from the jar.
 *
 * <p>In a temporary Git repository it compiles a small plan from its sources (javac and the
 * annotation processor, as for a plans module), writes its outputs, answers the up-to-date {@code
 * compile} and {@code check}, commits, edits the plan and runs {@code diff} (text and markdown),
 * {@code check} on stale outputs, {@code list} and {@code simulate} (a load file, no chart).
 * Everything it prints goes nowhere; nothing outside the temporary folder is touched; a failure is
 * ignored (the archive then holds less).
 */
final class Training {
    static final String PROPERTY = "scaleplan.cds.training";

    private Training() {}

    /** Runs the training when the launcher asked for it. */
    static void runIfAsked() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("scaleplan-training");
            try {
                train(dir);
            } finally {
                delete(dir);
            }
        } catch (Exception | LinkageError e) {
            // the archive holds less; the user's command has answered already
        }
    }

    /** Runs the training in the empty folder {@code dir}: the exit code of each command (see {@link #COMMANDS}). */
    static List<Integer> train(Path dir) throws Exception {
        Path sourceRoot = dir.resolve("plans/src/main/java");
        Path source = sourceRoot.resolve("io/scaleplan/training/TrainingPlan.java");
        Files.createDirectories(source.getParent());
        String plan;
        try (InputStream in = Training.class.getResourceAsStream("training-plan.java.txt")) {
            if (in == null) {
                return List.of();
            }
            plan = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(source, plan);
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "scaleplan training");
            config.setString("user", null, "email", "training@scaleplan.invalid");
            config.setBoolean("commit", null, "gpgsign", false);
            // none of the user's hooks (a global core.hooksPath) runs, nor prints, for the training
            config.setString(
                    "core", null, "hooksPath", dir.resolve(".git/no-hooks").toString());
            config.save();
        }
        Path load = Files.writeString(
                dir.resolve("load.csv"), "seconds,service,rps\n0,api,300\n300,api,1500\n600,api,300\n");
        List<Integer> codes = new ArrayList<>();
        for (String command : COMMANDS) {
            if (command.equals("diff")) {
                Files.writeString(source, plan.replace("a.replicas(2, 10)", "a.replicas(2, 11)"));
            }
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            if (command.equals("simulate")) {
                args.addAll(List.of(
                        "training",
                        "--load",
                        load.toString(),
                        "--output",
                        dir.resolve("sim").toString()));
            }
            if (!command.equals("list")) {
                // never the environment's SCALEPLAN_SOURCE_ROOT (commit's sources default to its module)
                args.addAll(List.of("--source-root", sourceRoot.toString()));
            }
            codes.add(run(dir, args.toArray(String[]::new)));
        }
        return codes;
    }

    /** The commands of the training, in order; the plan is edited before the first {@code diff}. */
    static final List<String> COMMANDS = List.of(
            "compile",
            "compile",
            "check",
            "commit",
            "diff",
            "diff --format markdown --exit-code",
            "check",
            "list",
            "simulate");

    /** One command on the plans module of {@code dir}, with a fresh source (each run loads the plans anew). */
    private static int run(Path dir, String... args) {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return Main.run(PlanSource.sources(dir.resolve("plans")), dir, nowhere, nowhere, args);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
