package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.PlanDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/** A real Git repository in a temporary folder, with a README, a plan source and generated/ committed. */
final class Repo {
    final Path root;
    final Path output;

    /** What a command printed and returned. */
    record Run(int exit, String out, String err) {}

    private Repo(Path root) {
        this.root = root;
        this.output = root.resolve("generated");
    }

    /** A repository (or a plain folder) at {@code dir}, as it is. */
    static Repo at(Path dir) {
        return new Repo(dir);
    }

    /** A repository whose first commit holds README.md, plans/Plan.java and generated/ of {@code plan}. */
    static Repo withCommittedPlan(Path dir, PlanDefinition plan) throws Exception {
        Repo repo = new Repo(dir);
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Plan Author");
            config.setString("user", null, "email", "author@example.com");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            Files.writeString(dir.resolve("README.md"), "# platform\n");
            Files.createDirectories(dir.resolve("plans"));
            Files.writeString(dir.resolve("plans/Plan.java"), "class Plan {}\n");
            assertThat(repo.scaleplan(plan, "compile", "-q").exit()).isZero();
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Initial plans").call();
        }
        return repo;
    }

    Run scaleplan(PlanDefinition plan, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-o");
        all.add(output.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                PlanSource.of(List.of(plan)), new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    Git git() throws IOException {
        return Git.open(root.toFile());
    }

    /** Runs the git command line in the repository; fails the test on a non-zero exit. */
    String gitCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", args, text).isZero();
        return text;
    }

    /** Every file under the repository, .git included, with its bytes; folders map to an empty array. */
    Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                files.put(
                        Files.isDirectory(p) ? rel + "/" : rel,
                        Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertSameSnapshot(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    /**
     * A diff or commit message without the sections of monitoring/ files (tested in
     * MonitoringDiffTest): their thresholds move with every replica change, which would bury what
     * these tests are about. The summary line still counts them.
     */
    static String withoutMonitoring(String report) {
        return withoutItems(report, "[~+-] production/monitoring/.*", "    ");
    }

    /** The same for the Markdown report: the items of monitoring/ files in a plan's details. */
    static String withoutMonitoringMarkdown(String report) {
        return withoutItems(report, "- `monitoring/.*", "  ");
    }

    /** The report without the items whose first line matches {@code item}, nor their lines indented by {@code indent}. */
    private static String withoutItems(String report, String item, String indent) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : report.split("\n", -1)) {
            if (line.matches(item)) {
                skipping = true;
                continue;
            }
            if (skipping && line.startsWith(indent)) {
                continue;
            }
            skipping = false;
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
