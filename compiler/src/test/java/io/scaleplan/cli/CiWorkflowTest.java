package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The GitHub Actions workflow of docs/ci/github-actions.yml, as a user copies it: it parses, runs
 * on pull requests with the rights to comment, and every scaleplan command line it runs parses
 * with this project's commands and options (a renamed option fails here, not in users' CI).
 */
class CiWorkflowTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORKFLOW = ROOT.resolve("docs/ci/github-actions.yml");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{[^}]*}}");

    @Test
    void theWorkflowRunsOnPullRequestsAndMayComment() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(Files.readString(WORKFLOW));

        assertThat(workflow.path("on").has("pull_request")).isTrue();
        assertThat(workflow.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        JsonNode steps = workflow.path("jobs").path("scaleplan").path("steps");
        assertThat(steps.isArray()).isTrue();
        assertThat(steps.get(0).path("uses").asText()).startsWith("actions/checkout@v");
        assertThat(steps.get(0).path("with").path("fetch-depth").asInt(-1))
                .as("diff --base needs the target branch's history")
                .isZero();
        assertThat(runs(workflow)).anyMatch(r -> r.startsWith("./scaleplan check --committed"));
        assertThat(runs(workflow)).anyMatch(r -> r.contains("./scaleplan diff --base") && r.contains("markdown"));
    }

    @Test
    void everyCommandItRunsExistsInThisProject() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(Files.readString(WORKFLOW));
        Map<String, Class<?>> commands = new TreeMap<>();
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            commands.put(c.getAnnotation(Command.class).name(), c);
        }
        List<String> scaleplan = new ArrayList<>();
        for (String run : runs(workflow)) {
            for (String line : run.split("\n")) {
                String command = EXPRESSION.matcher(line).replaceAll("main").split("\\s*(\\|\\||&&|[|;>])\\s*")[0];
                List<String> words = words(command);
                if (words.isEmpty()) {
                    continue;
                }
                assertThat(ROOT.resolve(words.get(0)))
                        .as(words.get(0))
                        .isRegularFile()
                        .isExecutable();
                if (words.get(0).equals("./scaleplan")) {
                    scaleplan.add(command);
                    assertThat(commands).as(command).containsKey(words.get(1));
                    CommandLine cli = new CommandLine(commands.get(words.get(1)));
                    List<String> args = words.subList(2, words.size());
                    assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
                            .as(command)
                            .doesNotThrowAnyException();
                }
            }
        }
        assertThat(scaleplan).hasSize(2);
    }

    @Test
    void theDocsPointAtTheWorkflow() throws Exception {
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("docs/ci/github-actions.yml");
        assertThat(Files.readString(ROOT.resolve("docs/review.md"))).contains("github-actions.yml");
    }

    private static List<String> runs(JsonNode workflow) {
        List<String> out = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                out.add(step.path("run").asText().strip());
            }
        }));
        return out;
    }

    /** The words of a shell command line, double quotes removed. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
