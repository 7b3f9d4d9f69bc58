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

    record ResourceMapping(String template, Map<String, GroupResource> overrides, Boolean namespaced) {}

    record GroupResource(String group, String resource) {}

    record NameMapping(String matches, String as) {}

    record LabelValueReplacement(String find, String replace) {}

    @TempDir
    Path work;

    @Test
    void everyAdapterRuleReadsAsTheAdapterReadsItAndItsQueriesParse() throws Exception {
        boolean promtool = Monitoring.available("promtool", "--version");
        List<String> checked = new ArrayList<>();
        Map<String, String> hpas = new java.util.TreeMap<>(ArkaPlans.files());
        hpas.putAll(goldenHpas());
        for (Map.Entry<String, Map<String, String>> folder :
                Monitoring.foldersWithGoldens().entrySet()) {
            Map<String, String> files = folder.getValue();
            Set<String> served = new TreeSet<>();
            Set<String> servedExternal = new TreeSet<>();
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
                List<DiscoveryRule> all = new ArrayList<>(config.rules());
                if (config.externalRules() != null) {
                    for (DiscoveryRule rule : config.externalRules()) {
                        // an External metric is not a pod's or an object's: the adapter must not scope it
                        assertThat(rule.resources().namespaced())
                                .as(
                                        "externalRules %s: resources.namespaced",
                                        rule.name().as())
                                .isFalse();
                        servedExternal.add(rule.name().as());
                    }
                    all.addAll(config.externalRules());
                }
                for (DiscoveryRule rule : all) {
                    int brace = rule.seriesQuery().indexOf('{');
                    String series =
                            brace < 0 ? rule.seriesQuery() : rule.seriesQuery().substring(0, brace);
                    assertThat(Pattern.compile(rule.name().matches())
                                    .matcher(series)
                                    .find())
                            .as(
                                    "name.matches %s selects the series %s",
                                    rule.name().matches(), series)
                            .isTrue();
                    if (rule.resources().overrides() != null) {
                        // a pod's or a described object's series: namespace and the object's own label
                        assertThat(rule.resources().overrides())
                                .containsKey("namespace")
                                .hasSize(2)
                                .allSatisfy(
                                        (label, gr) -> assertThat(gr.resource()).isEqualTo(label));
                    }
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
                    if (config.rules().contains(rule)) {
                        served.add(rule.name().as());
                    }
                }
            }
            // every Pods metric an HPA of this folder reads is served by a rule
            for (Map.Entry<String, String> f : hpas.entrySet()) {
                if (f.getKey().startsWith(folder.getKey() + "/k8s/")
                        && f.getKey().endsWith("-hpa.yaml")) {
                    for (JsonNode metric :
                            YAML.readTree(f.getValue()).path("spec").path("metrics")) {
                        String type = metric.path("type").asText();
                        if (type.equals("Pods") || type.equals("Object") || type.equals("External")) {
                            String field = type.toLowerCase(java.util.Locale.ROOT);
                            String name = metric.path(field)
                                    .path("metric")
                                    .path("name")
                                    .asText();
                            // a metric without a source is SP140's, reported at compile; with one it is served
                            if (!type.equals("External") && served.contains(name)
                                    || type.equals("External") && servedExternal.contains(name)) {
                                continue;
                            }
                            assertThat(type.equals("Pods") && folder.getKey().startsWith("golden/"))
                                    .as(
                                            "%s: %s metric %s of %s is served by a rule",
                                            folder.getKey(), type, name, f.getKey())
                                    .isTrue();
                        }
                    }
                }
            }
            if (!(served.isEmpty() && servedExternal.isEmpty()) && promtool) {
                Path dir = Monitoring.write(
                        work.resolve(folder.getKey().replace('/', '_')),
                        Map.of("adapter.rules.yaml", YAML.writeValueAsString(recording)));
                Monitoring.Run check = Monitoring.run(
                        dir, Duration.ofMinutes(2), List.of("promtool", "check", "rules", "adapter.rules.yaml"));
                assertThat(check.exit()).as(recording + "\n" + check.output()).isZero();
                assertThat(check.output())
                        .contains("SUCCESS: " + 2 * (served.size() + servedExternal.size()) + " rules found");
                checked.add(folder.getKey());
            }
        }
        assertThat(Monitoring.folders()).containsKey("production");
        assumeTrue(promtool, "promtool is not installed: the adapter's PromQL was not parsed");
        assertThat(checked).contains("production", "golden/metrics");
    }

    /** The HPAs of the compiler's golden plans, as {@code golden/<plan>/k8s/<name>-hpa.yaml}. */
    private static Map<String, String> goldenHpas() throws java.io.IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(Monitoring.GOLDEN)) {
            for (Path f : walk.filter(p -> p.toString().endsWith("-hpa.yaml")).toList()) {
                out.put(
                        "golden/" + Monitoring.GOLDEN.relativize(f).toString().replace('\\', '/'),
                        java.nio.file.Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void anUnknownFieldIsAnError() {
        // the strict reading is what makes the test above meaningful
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readValue(
                        "rules:\n  - seriesQuery: x\n    metricsQueries: y\n", MetricsDiscoveryConfig.class))
                .hasMessageContaining("metricsQueries");
    }
}
