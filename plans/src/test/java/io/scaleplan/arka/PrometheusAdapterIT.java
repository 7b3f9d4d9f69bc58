package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitoring/prometheus-adapter.yaml read as prometheus-adapter reads its {@code --config}: into its
 * {@code MetricsDiscoveryConfig} (kubernetes-sigs/prometheus-adapter pkg/config/config.go; the
 * records below mirror its structs and their YAML names, and an unknown field is an error), its
 * metricsQuery templates filled in the way the adapter fills them, and every query parsed by
 * promtool. Every Pods metric of every generated HPA must be served by a rule.
 */
class PrometheusAdapterIT {
    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The fields of the adapter's template data (naming.go's queryTemplateArgs). */
    private static final Set<String> TEMPLATE_FIELDS =
            Set.of(".Series", ".LabelMatchers", ".GroupBy", ".GroupBySlice", ".LabelValuesByName");

    record MetricsDiscoveryConfig(List<DiscoveryRule> rules, Object resourceRules, List<DiscoveryRule> externalRules) {}

    record DiscoveryRule(
            String seriesQuery,
            List<RegexFilter> seriesFilters,
            ResourceMapping resources,
            NameMapping name,
            String metricsQuery,
            List<LabelValueReplacement> labelValueReplacements) {}

    record RegexFilter(String is, String isNot) {}

    record ResourceMapping(String template, Map<String, GroupResource> overrides) {}

    record GroupResource(String group, String resource) {}

    record NameMapping(String matches, String as) {}

    record LabelValueReplacement(String find, String replace) {}

    @TempDir
    Path work;

    @Test
    void everyAdapterRuleReadsAsTheAdapterReadsItAndItsQueriesParse() throws Exception {
        boolean promtool = Monitoring.available("promtool", "--version");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> folder :
                Monitoring.folders().entrySet()) {
            Map<String, String> files = folder.getValue();
            Set<String> served = new TreeSet<>();
            com.fasterxml.jackson.databind.node.ObjectNode recording = YAML.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode records = recording
                    .putArray("groups")
                    .addObject()
                    .put("name", "adapter")
                    .putArray("rules");
            if (files.containsKey("prometheus-adapter.yaml")) {
                MetricsDiscoveryConfig config =
                        STRICT.readValue(files.get("prometheus-adapter.yaml"), MetricsDiscoveryConfig.class);
                assertThat(config.rules()).isNotEmpty();
                for (DiscoveryRule rule : config.rules()) {
                    String series =
                            rule.seriesQuery().substring(0, rule.seriesQuery().indexOf('{'));
                    assertThat(Pattern.compile(rule.name().matches())
                                    .matcher(series)
                                    .find())
                            .as(
                                    "name.matches %s selects the series %s",
                                    rule.name().matches(), series)
                            .isTrue();
                    assertThat(rule.resources().overrides())
                            .containsOnlyKeys("namespace", "pod")
                            .allSatisfy((label, gr) -> assertThat(gr.resource()).isEqualTo(label));
                    Matcher m = Pattern.compile("<<\\s*([^>]*?)\\s*>>").matcher(rule.metricsQuery());
                    while (m.find()) {
                        assertThat(TEMPLATE_FIELDS).contains(m.group(1));
                    }
                    // as the adapter fills the template for the pods of one namespace, grouped by pod
                    String query = rule.metricsQuery()
                            .replace("<<.Series>>", series)
                            .replace("<<.LabelMatchers>>", "namespace=\"arka-system\",pod=~\"usage-metering-.*\"")
                            .replace("<<.GroupBy>>", "pod");
                    assertThat(query).doesNotContain("<<").doesNotContain(">>");
                    records.addObject()
                            .put("record", "adapter:" + rule.name().as())
                            .put("expr", query);
                    records.addObject()
                            .put("record", "adapter:" + rule.name().as() + ":series")
                            .put("expr", rule.seriesQuery());
                    served.add(rule.name().as());
                }
            }
            // every Pods metric an HPA of this folder reads is served by a rule
            for (Map.Entry<String, String> f : ArkaPlans.files().entrySet()) {
                if (f.getKey().startsWith(folder.getKey() + "/k8s/")
                        && f.getKey().endsWith("-hpa.yaml")) {
                    for (JsonNode metric :
                            YAML.readTree(f.getValue()).path("spec").path("metrics")) {
                        if (metric.path("type").asText().equals("Pods")) {
                            assertThat(served)
                                    .as("%s: Pods metric of %s", folder.getKey(), f.getKey())
                                    .contains(metric.path("pods")
                                            .path("metric")
                                            .path("name")
                                            .asText());
                        }
                    }
                }
            }
            if (!served.isEmpty() && promtool) {
                Path dir = Monitoring.write(
                        work.resolve(folder.getKey().replace('/', '_')),
                        Map.of("adapter.rules.yaml", YAML.writeValueAsString(recording)));
                Monitoring.Run check = Monitoring.run(
                        dir, Duration.ofMinutes(2), List.of("promtool", "check", "rules", "adapter.rules.yaml"));
                assertThat(check.exit()).as(recording + "\n" + check.output()).isZero();
                assertThat(check.output()).contains("SUCCESS: " + 2 * served.size() + " rules found");
                checked.add(folder.getKey());
            }
        }
        assertThat(Monitoring.folders()).containsKey("production");
        assumeTrue(promtool, "promtool is not installed: the adapter's PromQL was not parsed");
        assertThat(checked).contains("production");
    }

    @Test
    void anUnknownFieldIsAnError() {
        // the strict reading is what makes the test above meaningful
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readValue(
                        "rules:\n  - seriesQuery: x\n    metricsQueries: y\n", MetricsDiscoveryConfig.class))
                .hasMessageContaining("metricsQueries");
    }
}
