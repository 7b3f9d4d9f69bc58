package io.scaleplan.compiler.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a chart with a values overlay by Helm's own engine (helm-java bundles Helm as a native
 * library), as {@code helm template} does, offline: no cluster is contacted. Helm's {@code lookup}
 * would ask the API server (helm-java's template does), so the chart is rendered from a copy in
 * which each {@code lookup} call returns an empty map, which is what {@code helm template} without a
 * cluster gives a template: the chart renders as for a first install.
 *
 * <p>Renders are cached by chart content, release, namespace and values, so that a plan and the
 * phases of an event that share an overlay render once.
 */
public final class ChartRenderer {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code lookup} as a template function call: not {@code common.secrets.lookup}, not {@code $lookup}. */
    private static final Pattern LOOKUP = Pattern.compile("(?<![\\w.$\"-])lookup(?=\\s)");

    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
    private static final int CACHE_SIZE = 32;

    private final Map<String, List<RenderedObject>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RenderedObject>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** Thrown when Helm cannot render the chart; the message is Helm's. */
    public static final class RenderException extends Exception {
        RenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code helm template RELEASE CHART -n NAMESPACE -f values}, offline.
     *
     * @throws RenderException if Helm refuses the chart or the values, or cannot run here
     */
    public synchronized List<RenderedObject> render(Path chart, String release, String namespace, String values)
            throws RenderException {
        String key;
        try {
            key = fingerprint(chart) + "\0" + release + "\0" + namespace + "\0" + values;
        } catch (IOException e) {
            throw new RenderException("cannot read the chart " + chart + ": " + e.getMessage(), e);
        }
        List<RenderedObject> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("scaleplan-chart");
            Path copy = work.resolve(chart.getFileName().toString());
            copyOffline(chart, copy);
            Path valuesFile = work.resolve("values.yaml");
            Files.writeString(valuesFile, values, StandardCharsets.UTF_8);
            String manifests = new Helm(copy)
                    .template()
                    .withName(release)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    .call();
            List<RenderedObject> objects = parse(manifests);
            cache.put(key, objects);
            return objects;
        } catch (IOException e) {
            throw new RenderException("cannot copy the chart " + chart + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // helm-java reports Helm's error as an IllegalStateException; a platform without the native
            // library as a LinkageError
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new RenderException(
                    message.replace("\n\nUse --debug flag to render out invalid YAML", "")
                            .strip(),
                    e);
        } finally {
            if (work != null) {
                deleteQuietly(work);
            }
        }
    }

    /** The rendered objects of {@code helm template} output, each with the template that rendered it. */
    static List<RenderedObject> parse(String manifests) throws IOException {
        List<RenderedObject> out = new ArrayList<>();
        for (String chunk : SEPARATOR.split(manifests)) {
            Matcher source = SOURCE.matcher(chunk);
            String template = source.find() ? source.group(1).strip() : "?";
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(chunk)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.isObject() && doc.has("kind")) {
                        out.add(new RenderedObject(
                                doc.path("kind").asText(),
                                doc.at("/metadata/name").asText(),
                                template,
                                doc));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The chart's files, with every template's {@code lookup} answering as without a cluster. */
    static void copyOffline(Path chart, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path from : files.sorted().toList()) {
                Path to = copy.resolve(chart.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (isTemplate(chart.relativize(from))) {
                    Files.writeString(
                            to, offline(Files.readString(from, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    private static boolean isTemplate(Path relative) {
        String name = relative.getFileName().toString();
        boolean inTemplates = false;
        for (Path segment : relative) {
            inTemplates |= segment.toString().equals("templates");
        }
        return inTemplates
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".tpl") || name.endsWith(".txt"));
    }

    /** {@code lookup "v1" "Secret" ns name} becomes {@code omit (dict) "v1" "Secret" ns name}: an empty map. */
    static String offline(String template) {
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (action.find()) {
            action.appendReplacement(
                    out, Matcher.quoteReplacement(LOOKUP.matcher(action.group()).replaceAll("omit (dict)")));
        }
        action.appendTail(out);
        return out.toString();
    }

    /** The chart's files by path, size and modification time: a changed chart renders anew. */
    private static String fingerprint(Path chart) throws IOException {
        StringBuilder out = new StringBuilder(chart.toAbsolutePath().normalize().toString());
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path p : files.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.append('\n')
                        .append(chart.relativize(p))
                        .append(' ')
                        .append(a.size())
                        .append(' ')
                        .append(a.lastModifiedTime().toMillis());
            }
        }
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
