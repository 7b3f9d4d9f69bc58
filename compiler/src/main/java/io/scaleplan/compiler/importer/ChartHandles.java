package io.scaleplan.compiler.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart a plans package declares with {@code @HelmChart} on its {@code package-info.java}, read
 * as the annotation processor reads it: its name and, from {@code values.schema.json}, the services
 * (top-level keys that declare {@code autoscaling}), so the written plan names them by their typed
 * handles ({@code ArkaEngine.USAGE_METERING}).
 */
final class ChartHandles {
    private static final Pattern HELM_CHART = Pattern.compile(
            "@HelmChart\\s*\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"(?:\\s*,\\s*className\\s*=\\s*\"([^\"]+)\")?\\s*\\)");

    static final ChartHandles NONE = new ChartHandles(Optional.empty(), Optional.empty(), Map.of());

    private final Optional<String> chartName;
    private final Optional<String> className;
    /** helm key → service name. */
    private final Map<String, String> services;

    private ChartHandles(Optional<String> chartName, Optional<String> className, Map<String, String> services) {
        this.chartName = chartName;
        this.className = className;
        this.services = services;
    }

    /**
     * The chart of {@code packageDir}'s {@code package-info.java}, its path resolved against {@code
     * moduleDir}; {@link #NONE} when the package declares none or it cannot be read.
     */
    static ChartHandles of(Path packageDir, Path moduleDir) {
        Path info = packageDir.resolve("package-info.java");
        if (!Files.isRegularFile(info)) {
            return NONE;
        }
        try {
            Matcher m = HELM_CHART.matcher(Files.readString(info, StandardCharsets.UTF_8));
            if (!m.find()) {
                return NONE;
            }
            Path dir = moduleDir.resolve(m.group(1)).normalize();
            JsonNode chart = new YAMLMapper().readTree(dir.resolve("Chart.yaml").toFile());
            JsonNode schema = new ObjectMapper()
                    .readTree(dir.resolve("values.schema.json").toFile());
            String name = chart.path("name").asText("");
            Map<String, String> services = new TreeMap<>();
            schema.path("properties").properties().forEach(e -> {
                JsonNode node = resolve(schema, e.getValue());
                if (node.path("properties").has("autoscaling")) {
                    services.put(e.getKey(), kebab(e.getKey()));
                }
            });
            String cls = m.group(2) != null ? m.group(2) : upperCamel(name);
            return new ChartHandles(Optional.of(name), Optional.of(cls), services);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            return schema.at(ref.substring(1));
        }
        return node;
    }

    /** Whether the package declares a chart. */
    boolean declared() {
        return chartName.isPresent();
    }

    Optional<String> chartName() {
        return chartName;
    }

    /** The generated binding's simple name: {@code ArkaEngine}. */
    Optional<String> className() {
        return className;
    }

    /** The service a top-level values key names: the chart's, or the kebab case of the key. */
    Optional<String> serviceName(String helmKey) {
        String name = services.getOrDefault(helmKey, kebab(helmKey));
        return DslTypes.isDns1123Label(name) ? Optional.of(name) : Optional.empty();
    }

    /** The handle constant of a service of the chart ({@code USAGE_METERING}), when it has one. */
    Optional<String> handle(String serviceName) {
        return services.containsValue(serviceName)
                ? Optional.of(serviceName.toUpperCase(Locale.ROOT).replace('-', '_'))
                : Optional.empty();
    }

    /** {@code usage-metering} for {@code usageMetering}. */
    static String kebab(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code usageMetering} for {@code usage-metering}: scaleplan's default Helm key. */
    static String lowerCamel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@code ArkaEngine} for {@code arka-engine}, {@code Production} for {@code production}. */
    static String upperCamel(String name) {
        String camel = lowerCamel(name.replace('_', '-').replace('.', '-'));
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
