package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus's own promtool on every plan's monitoring/: {@code promtool check rules} on the rule
 * file and on the PrometheusRule's groups, and {@code promtool test rules} with the synthetic series
 * that put every alert at its threshold (it fires) and just short of it (it stays silent).
 */
class PromtoolIT {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path work;

    @BeforeAll
    static void promtool() {
        assumeTrue(
                Monitoring.available("promtool", "--version"),
                "promtool is not installed (Debian package prometheus; .ci/run installs it): rules not checked");
    }

    @TestFactory
    List<DynamicTest> everyRuleFileChecksAndEveryAlertFiresAtItsThresholdOnly() {
        List<DynamicTest> tests = new ArrayList<>();
        Monitoring.foldersWithGoldens().forEach((folder, files) -> {
            Path dir = work.resolve(folder.replace('/', '_'));
            tests.add(DynamicTest.dynamicTest(folder + ": promtool check rules", () -> {
                Monitoring.write(dir, files);
                // the PrometheusRule's groups, as the operator hands them to Prometheus
                JsonNode rule = YAML.readTree(files.get("prometheus-rule.yaml"));
                ObjectNode groups = YAML.createObjectNode();
                groups.set("groups", rule.get("spec").get("groups"));
                Monitoring.write(dir, Map.of("prometheus-rule.groups.yaml", YAML.writeValueAsString(groups)));
                Monitoring.Run check = Monitoring.run(
                        dir,
                        Duration.ofMinutes(2),
                        List.of("promtool", "check", "rules", "alerts.rules.yaml", "prometheus-rule.groups.yaml"));
                assertThat(check.exit()).as(check.output()).isZero();
                assertThat(check.output()).contains("SUCCESS").doesNotContain("WARNING");
            }));
            tests.add(DynamicTest.dynamicTest(folder + ": promtool test rules", () -> {
                Monitoring.write(dir, files);
                Monitoring.Run test = Monitoring.run(
                        dir, Duration.ofMinutes(5), List.of("promtool", "test", "rules", "alerts.test.yaml"));
                assertThat(test.exit()).as(test.output()).isZero();
                assertThat(test.output()).contains("SUCCESS");
            }));
        });
        assertThat(tests).isNotEmpty();
        return tests;
    }

    @TestFactory
    List<DynamicTest> aBrokenThresholdFailsPromtoolsTests() {
        // The tests can fail: with the plan's maxReplicas one lower in the series the rule compares
        // with (attestation-service, the probe's service: the first in name order), the silent probe fires.
        Map<String, String> files = Monitoring.folders().get("production");
        String rules = files.get("alerts.rules.yaml");
        String broken = rules.replaceFirst(
                "(record: \"scaleplan_plan:max_replicas\"\\s+expr: )\"vector\\(8\\)\"(\\s+labels:\\s+namespace: [\\w-]+"
                        + "\\s+scaleplan_plan: [\\w-]+\\s+service: attestation-service\n)",
                "$1\"vector(7)\"$2");
        assertThat(broken).isNotEqualTo(rules);
        return List.of(DynamicTest.dynamicTest("maxReplicas 7 instead of 8", () -> {
            Path dir = Monitoring.write(
                    work.resolve("broken"),
                    Map.of("alerts.rules.yaml", broken, "alerts.test.yaml", files.get("alerts.test.yaml")));
            Monitoring.Run test = Monitoring.run(
                    dir, Duration.ofMinutes(5), List.of("promtool", "test", "rules", "alerts.test.yaml"));
            assertThat(test.exit()).as(test.output()).isNotZero();
            assertThat(test.output()).contains("ScaleplanAtMaxReplicas attestation-service: silent just short of it");
        }));
    }
}
