package io.scaleplan.processor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scaleplan.dsl.ChartValues;
import io.scaleplan.dsl.RuleId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Reads a chart folder into a {@link ChartModel}: {@code Chart.yaml} for its name, {@code
 * values.schema.json} for its services and keys, {@code values.yaml} for defaults, and for the
 * workloads and keys of a chart whose schema declares no services or that has none. Every problem is
 * a {@link ChartException} naming the file: {@code [SP310]} missing, {@code [SP311]} malformed,
 * {@code [SP312]} a schema the processor cannot bind.
 */
final class ChartReader {
    static final RuleId MISSING = RuleId.CHART_MISSING;
    static final RuleId MALFORMED = RuleId.CHART_MALFORMED;
    static final RuleId UNBINDABLE = RuleId.CHART_SCHEMA_UNBOUND;

    private static final Pattern HELM_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** A values key whose kebab case is a DNS-1123 label that lower-camel-cases back to the key. */
    private static final Pattern SERVICE_KEY = Pattern.compile("[a-z][a-z0-9]*([A-Z][a-z0-9]*)*");

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** Methods of the generated values class that a setter must not shadow. */
    private static final Set<String> RESERVED =
            Set.of("build", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private final ObjectMapper yaml =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * Reads the chart in {@code dir}; {@code shownAs} is how the annotation names the folder. The
     * services come from {@code values.schema.json} where it declares them (a top-level object with
     * {@code autoscaling}); otherwise, schema or not, from {@code values.yaml} ({@link
     * #fromValues}).
     */
    ChartModel read(Path dir, String shownAs) throws ChartException {
        if (!Files.isDirectory(dir)) {
            throw new ChartException(MISSING, "chart folder " + dir + " does not exist");
        }
        JsonNode chart = parse(yaml, dir.resolve("Chart.yaml"), "YAML");
        Path schemaFile = dir.resolve("values.schema.json");
        boolean hasSchema = Files.exists(schemaFile);
        JsonNode schema = hasSchema ? parse(json, schemaFile, "JSON") : null;
        JsonNode values = parse(yaml, dir.resolve("values.yaml"), "YAML");
        Path chartFile = dir.resolve("Chart.yaml");
        String name = chart.path("name").asText("");
        if (!chart.path("name").isTextual() || !DNS_1123_LABEL.matcher(name).matches()) {
            throw new ChartException(
                    MALFORMED, chartFile + " has no valid name (a DNS-1123 label such as arka-engine)");
        }
        if (hasSchema && !schema.path("properties").isObject()) {
            throw new ChartException(UNBINDABLE, schemaFile + " declares no top-level \"properties\"");
        }
        List<ChartModel.Service> services = hasSchema ? fromSchema(schemaFile, schema, values) : List.of();
        ChartModel.Origin origin = ChartModel.Origin.SCHEMA;
        if (services.isEmpty()) {
            services = fromValues(values, name);
            origin = ChartModel.Origin.VALUES;
        }
        if (services.isEmpty()) {
            throw new ChartException(
                    UNBINDABLE,
                    (hasSchema
                                    ? schemaFile + " declares no services: no top-level property declares"
                                            + " \"autoscaling\"; and "
                                    : "")
                            + dir.resolve("values.yaml") + " holds no workload: neither replicaCount,"
                            + " autoscaling, resources nor pdb at the top level or under a top-level key");
        }
        return new ChartModel(
                name,
                chart.path("version").asText(""),
                chart.path("description").asText(""),
                shownAs + (origin == ChartModel.Origin.SCHEMA ? "/values.schema.json" : "/values.yaml"),
                origin,
                services);
    }

    private List<ChartModel.Service> fromSchema(Path schemaFile, JsonNode schema, JsonNode values)
            throws ChartException {
        List<ChartModel.Service> services = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : schema.path("properties").properties()) {
            String key = e.getKey();
            JsonNode declared = e.getValue();
            JsonNode node = resolve(schema, declared);
            if (!node.path("properties").has("autoscaling")) {
                continue;
            }
            String serviceName = kebab(key);
            if (!SERVICE_KEY.matcher(key).matches() || serviceName.length() > 63) {
                throw new ChartException(
                        UNBINDABLE,
                        schemaFile + ": service key \"" + key
                                + "\" is not lower camel case (usageMetering), so it names no Deployment");
            }
            List<ChartModel.Key> keys = new ArrayList<>();
            keys(schema, node.path("properties"), "", values.path(key), keys);
            keys.sort(Comparator.comparing(ChartModel.Key::path));
            Map<String, String> setters = new HashMap<>();
            for (ChartModel.Key k : keys) {
                String other = setters.putIfAbsent(k.setter(), k.path());
                if (other != null || RESERVED.contains(k.setter()) || !SourceVersion.isName(k.setter())) {
                    throw new ChartException(
                            UNBINDABLE,
                            schemaFile + ": key " + key + "." + k.path() + " would need the setter name "
                                    + k.setter()
                                    + (other == null ? ", which is reserved" : ", as " + key + "." + other + " does"));
                }
            }
            String description = text(declared).isEmpty() ? text(node) : text(declared);
            services.add(new ChartModel.Service(key, serviceName, description, false, keys));
        }
        services.sort(Comparator.comparing(ChartModel.Service::helmKey));
        if (!services.isEmpty()) {
            checkEnums(schemaFile, services);
        }
        return services;
    }

    /**
     * The workloads a chart without a usable schema has, read from its {@code values.yaml}. A chart
     * whose values hold {@code replicaCount} or {@code autoscaling} at the top level (Bitnami's,
     * {@code helm create}'s) is one workload named after the chart, its keys at the top level.
     * Otherwise each top-level key whose mapping holds a key scaleplan sets ({@code resources},
     * {@code replicaCount}, {@code autoscaling}, {@code pdb}) is a workload (Online Boutique's {@code
     * cartService}), named by the mapping's {@code name} where that is a DNS-1123 label (the name the
     * chart gives its Deployment: {@code cartservice}; that key then gets no setter), else by the
     * key in kebab case. The setters are the scalar keys below, typed by their default; a key that
     * makes no Java setter, or the setter name of another key, gets none.
     */
    static List<ChartModel.Service> fromValues(JsonNode values, String chartName) {
        List<ChartModel.Service> services = new ArrayList<>();
        if (values.has("replicaCount") || values.has("autoscaling")) {
            String helmKey = lowerCamel(chartName);
            services.add(new ChartModel.Service(helmKey, chartName, "", true, valueKeys(values)));
            return services;
        }
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            String key = e.getKey();
            JsonNode node = e.getValue();
            boolean workload =
                    node.isObject() && ChartValues.OWNED_KEYS.stream().anyMatch(node::has);
            if (!workload || !SERVICE_KEY.matcher(key).matches()) {
                continue;
            }
            String declared = node.path("name").asText("");
            boolean named = node.path("name").isTextual()
                    && DNS_1123_LABEL.matcher(declared).matches();
            String name = named ? declared : kebab(key);
            if (name.length() > 63 || !names.add(name)) {
                continue;
            }
            List<ChartModel.Key> keys = valueKeys(node);
            if (named) {
                keys.removeIf(k -> k.path().equals("name")); // the handle's name: a plan must not change it
            }
            services.add(new ChartModel.Service(key, name, "", false, keys));
        }
        services.sort(Comparator.comparing(ChartModel.Service::helmKey));
        return services;
    }

    private static List<ChartModel.Key> valueKeys(JsonNode section) {
        List<ChartModel.Key> keys = new ArrayList<>();
        valueKeys(section, "", keys);
        keys.sort(Comparator.comparing(ChartModel.Key::path));
        Map<String, Integer> bySetter = new HashMap<>();
        keys.forEach(k -> bySetter.merge(k.setter(), 1, Integer::sum));
        keys.removeIf(k ->
                bySetter.get(k.setter()) > 1 || RESERVED.contains(k.setter()) || !SourceVersion.isName(k.setter()));
        return keys;
    }

    private static void valueKeys(JsonNode node, String prefix, List<ChartModel.Key> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if ((prefix.isEmpty() && ChartValues.OWNED_KEYS.contains(field))
                    || !HELM_KEY.matcher(field).matches()) {
                continue;
            }
            String path = prefix.isEmpty() ? field : prefix + "." + field;
            if (value.isObject()) {
                valueKeys(value, path, out);
                continue;
            }
            ChartModel.Type type = value.isTextual()
                    ? ChartModel.Type.STRING
                    : value.isBoolean()
                            ? ChartModel.Type.BOOLEAN
                            : value.isIntegralNumber()
                                    ? ChartModel.Type.INTEGER
                                    : value.isNumber() ? ChartModel.Type.NUMBER : null;
            if (type != null) {
                out.add(new ChartModel.Key(path, setterName(path), type, "", Optional.of(value.asText()), List.of()));
            }
        }
    }

    /**
     * Each generated enum name stands for one set of values, clashes with no service handle, and
     * maps its values to distinct Java constants.
     */
    private static void checkEnums(Path schemaFile, List<ChartModel.Service> services) throws ChartException {
        Map<String, List<String>> enums = new HashMap<>();
        Set<String> handles = new HashSet<>();
        services.forEach(s -> handles.add(ChartBinding.upperCamel(kebab(s.helmKey()))));
        for (ChartModel.Service service : services) {
            for (ChartModel.Key key : service.keys()) {
                if (key.enumType().isEmpty()) {
                    continue;
                }
                String type = key.enumType().get();
                List<String> first = enums.putIfAbsent(type, key.allowed());
                Set<String> constants = new HashSet<>();
                boolean distinct = key.allowed().stream()
                        .map(ChartModel.Key::constant)
                        .allMatch(c -> SourceVersion.isName(c) && constants.add(c));
                if (!distinct) {
                    throw new ChartException(
                            UNBINDABLE,
                            schemaFile + ": the enum of " + service.helmKey() + "." + key.path()
                                    + " has values that make no Java constant or one constant twice");
                }
                if ((first != null && !first.equals(key.allowed())) || handles.contains(type)) {
                    throw new ChartException(
                            UNBINDABLE,
                            schemaFile + ": the enum of " + service.helmKey() + "." + key.path() + " would be named "
                                    + type + ", which another key or service uses");
                }
            }
        }
    }

    private static void keys(
            JsonNode schema, JsonNode properties, String prefix, JsonNode defaults, List<ChartModel.Key> out) {
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String field = e.getKey();
            JsonNode node = resolve(schema, e.getValue());
            if ((prefix.isEmpty() && ChartValues.OWNED_KEYS.contains(field))
                    || !HELM_KEY.matcher(field).matches()) {
                continue;
            }
            String path = prefix.isEmpty() ? field : prefix + "." + field;
            String type = node.path("type").asText("");
            if (type.equals("object") && node.path("properties").isObject()) {
                keys(schema, node.path("properties"), path, defaults.path(field), out);
                continue;
            }
            ChartModel.Type scalar =
                    switch (type) {
                        case "string" -> ChartModel.Type.STRING;
                        case "integer" -> ChartModel.Type.INTEGER;
                        case "number" -> ChartModel.Type.NUMBER;
                        case "boolean" -> ChartModel.Type.BOOLEAN;
                        default -> null;
                    };
            if (scalar == null) {
                continue;
            }
            JsonNode dflt = defaults.path(field);
            List<String> allowed = new ArrayList<>();
            if (scalar == ChartModel.Type.STRING) {
                node.path("enum").forEach(v -> allowed.add(v.isTextual() ? v.asText() : null));
                if (allowed.contains(null)) {
                    allowed.clear();
                }
            }
            out.add(new ChartModel.Key(
                    path,
                    setterName(path),
                    scalar,
                    text(node),
                    dflt.isValueNode() && !dflt.isNull() ? Optional.of(dflt.asText()) : Optional.empty(),
                    allowed));
        }
    }

    private JsonNode parse(ObjectMapper mapper, Path file, String format) throws ChartException {
        if (!Files.isRegularFile(file)) {
            throw new ChartException(MISSING, "chart file " + file + " does not exist");
        }
        try {
            JsonNode node = mapper.readTree(file.toFile());
            if ((node == null || node.isMissingNode()) && mapper == yaml) {
                return mapper.createObjectNode();
            }
            if (node == null || !node.isObject()) {
                throw new ChartException(MALFORMED, "chart file " + file + " is not a " + format + " object");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ChartException(
                    MALFORMED, "chart file " + file + " is not valid " + format + ": " + message + where);
        } catch (IOException e) {
            throw new ChartException(MISSING, "cannot read chart file " + file + ": " + e.getMessage());
        }
    }

    /** Follows local references ({@code "$ref": "#/definitions/service"}); others are left as they are. */
    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 16 && current.path("$ref").asText("").startsWith("#/"); depth++) {
            current = schema.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    private static String text(JsonNode node) {
        return node.path("description").asText("").strip();
    }

    /** {@code image.pullPolicy} → {@code imagePullPolicy}. */
    static String setterName(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("\\.")) {
            out.append(
                    out.length() == 0
                            ? segment
                            : segment.substring(0, 1).toUpperCase(Locale.ROOT) + segment.substring(1));
        }
        return out.toString();
    }

    /** {@code usage-metering} → {@code usageMetering}. */
    static String lowerCamel(String name) {
        String upper = ChartBinding.upperCamel(name);
        return upper.substring(0, 1).toLowerCase(Locale.ROOT) + upper.substring(1);
    }

    /** {@code usageMetering} → {@code usage-metering}. */
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
}
