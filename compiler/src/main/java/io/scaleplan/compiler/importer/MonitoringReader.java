package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.Fact;
import io.scaleplan.compiler.importer.Estate.LoadProfileFact;
import io.scaleplan.compiler.importer.Estate.MetricSourceFact;
import io.scaleplan.compiler.importer.Estate.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what scaleplan derives from a plan's Pods metrics and load profile and no other output
 * states: the prometheus-adapter rules ({@code monitoring/prometheus-adapter.yaml}: each metric's
 * series, and {@code rate()} with its window or a gauge) and the k6 script of the simulated load
 * profile ({@code sim/load-test.js}: its name, each service's start rate and stages).
 */
final class MonitoringReader {
    private static final Pattern RATE_QUERY = Pattern.compile(
            "sum\\(rate\\(<<\\.Series>>\\{<<\\.LabelMatchers>>}\\[(\\d+)([smh])]\\)\\) by \\(<<\\.GroupBy>>\\)");
    private static final String GAUGE_QUERY = "sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)";
    private static final Pattern SERIES_QUERY =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{namespace!=\"\",pod!=\"\"}");
    private static final Pattern OBJECT_SERIES_QUERY =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{namespace!=\"\",([a-z][a-z0-9]*)!=\"\"}");
    private static final Pattern EXTERNAL_SERIES_QUERY = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern EXTERNAL_RATE_QUERY =
            Pattern.compile("sum\\(rate\\(<<\\.Series>>\\{<<\\.LabelMatchers>>}\\[(\\d+)([smh])]\\)\\)");
    private static final String EXTERNAL_GAUGE_QUERY = "sum(<<.Series>>{<<.LabelMatchers>>})";
    private static final Pattern PROFILE = Pattern.compile("// Load profile \"([^\"]+)\" as simulated by .*");
    private static final Pattern SCENARIO = Pattern.compile("\\s*'([a-z0-9_]+)': \\{");
    private static final Pattern START = Pattern.compile("\\s*startRate: (\\d+),");
    private static final Pattern STAGE = Pattern.compile("\\s*\\{ target: (\\d+), duration: '(\\d+)s' },");
    private static final Pattern URL =
            Pattern.compile("const url_([a-z0-9_]+) = __ENV\\['[A-Z0-9_]+'] \\|\\| `\\$\\{BASE_URL}/([a-z0-9-]+)`;");

    private final Estate estate;

    MonitoringReader(Estate estate) {
        this.estate = estate;
    }

    /** Whether {@code doc} is prometheus-adapter's configuration: a list of discovery rules. */
    static boolean isAdapterConfig(YamlTree doc) {
        return doc.isMap()
                && doc.get("kind").isMissing()
                && doc.get("rules").isList()
                && doc.get("rules").items().stream()
                        .allMatch(r -> r.get("seriesQuery").isScalar());
    }

    /** Reads the rules scaleplan writes; others are kept as comments and warned about. */
    void adapterRules(YamlTree doc) {
        for (YamlTree rule : doc.get("rules").items()) {
            String metric = rule.get("name").get("as").text("");
            String seriesQuery = rule.get("seriesQuery").text("");
            Matcher series = SERIES_QUERY.matcher(seriesQuery);
            Matcher object = OBJECT_SERIES_QUERY.matcher(seriesQuery);
            String query = rule.get("metricsQuery").text("");
            MetricSourceFact source = null;
            if (!metric.isEmpty() && series.matches()) {
                source = source(series.group(1), RATE_QUERY.matcher(query), query.equals(GAUGE_QUERY));
            } else if (!metric.isEmpty() && object.matches()) {
                source = source(object.group(1), RATE_QUERY.matcher(query), query.equals(GAUGE_QUERY));
                if (source != null) {
                    estate.objectSources.put(metric, new Fact<>(source, rule.where()));
                    continue;
                }
            }
            if (source == null) {
                estate.warn(
                        rule,
                        "prometheus-adapter rule for " + (metric.isEmpty() ? "(no name)" : metric)
                                + " is not a counter's rate or a gauge as scaleplan writes it: kept as a comment");
                estate.planComments.add("prometheus-adapter rule " + metric + " (" + rule.where() + "): "
                        + rule.get("metricsQuery").text("(no metricsQuery)"));
                continue;
            }
            estate.metricSources.put(metric, new Fact<>(source, rule.where()));
        }
    }

    /** Reads the {@code externalRules:} scaleplan writes; others are kept as comments and warned about. */
    void externalRules(YamlTree doc) {
        for (YamlTree rule : doc.get("externalRules").items()) {
            String metric = rule.get("name").get("as").text("");
            String series = rule.get("seriesQuery").text("");
            String query = rule.get("metricsQuery").text("");
            MetricSourceFact source = !metric.isEmpty()
                            && EXTERNAL_SERIES_QUERY.matcher(series).matches()
                            && rule.get("resources").get("namespaced").text("").equals("false")
                    ? source(series, EXTERNAL_RATE_QUERY.matcher(query), query.equals(EXTERNAL_GAUGE_QUERY))
                    : null;
            if (source == null) {
                estate.warn(
                        rule,
                        "prometheus-adapter external rule for " + (metric.isEmpty() ? "(no name)" : metric)
                                + " is not a counter's rate or a gauge as scaleplan writes it: kept as a comment");
                estate.planComments.add("prometheus-adapter external rule " + metric + " (" + rule.where() + "): "
                        + rule.get("metricsQuery").text("(no metricsQuery)"));
                continue;
            }
            estate.externalSources.put(metric, new Fact<>(source, rule.where()));
        }
    }

    /** A counter's rate over its window, or a gauge; null when the query is neither. */
    private static MetricSourceFact source(String series, Matcher rate, boolean gauge) {
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            long seconds = n
                    * switch (rate.group(2)) {
                        case "h" -> 3600;
                        case "m" -> 60;
                        default -> 1;
                    };
            return new MetricSourceFact(true, series, seconds);
        }
        return gauge ? new MetricSourceFact(false, series, 0) : null;
    }

    /** Whether {@code text} is the k6 script scaleplan writes for a load profile. */
    static boolean isLoadTest(String text) {
        return text.lines().anyMatch(l -> PROFILE.matcher(l).matches());
    }

    /** The load profile of scaleplan's k6 script. */
    void loadTest(String text, String file) {
        String name = null;
        String scenario = null;
        int nameLine = 0;
        Map<String, Long> start = new LinkedHashMap<>();
        Map<String, List<Stage>> stages = new LinkedHashMap<>();
        Map<String, String> services = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            Matcher m;
            if ((m = PROFILE.matcher(line)).matches()) {
                name = m.group(1);
                nameLine = number;
            } else if ((m = SCENARIO.matcher(line)).matches()) {
                scenario = m.group(1);
                stages.put(scenario, new ArrayList<>());
            } else if (scenario != null && (m = START.matcher(line)).matches()) {
                start.put(scenario, Long.parseLong(m.group(1)));
            } else if (scenario != null && (m = STAGE.matcher(line)).matches()) {
                stages.get(scenario).add(new Stage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            } else if ((m = URL.matcher(line)).matches()) {
                services.put(m.group(1), m.group(2));
            }
        }
        Map<String, Long> startByService = new LinkedHashMap<>();
        Map<String, List<Stage>> stagesByService = new LinkedHashMap<>();
        for (Map.Entry<String, List<Stage>> e : stages.entrySet()) {
            String service = services.get(e.getKey());
            if (service == null || !start.containsKey(e.getKey())) {
                estate.warn(
                        file,
                        nameLine,
                        0,
                        "k6 scenario " + e.getKey() + " names no service: the load profile leaves it out");
                continue;
            }
            startByService.put(service, start.get(e.getKey()));
            stagesByService.put(service, e.getValue());
        }
        if (name == null || stagesByService.isEmpty()) {
            estate.note(file, 0, "skipped: a k6 script without a load profile scaleplan wrote");
            return;
        }
        estate.loadProfile = estate.merge(
                estate.loadProfile,
                new LoadProfileFact(name, startByService, stagesByService),
                file + ":" + nameLine,
                "the load profile");
    }
}
