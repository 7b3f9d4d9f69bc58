package io.scaleplan.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The services of the chart a plan declares with {@link HelmChart @HelmChart}, as the annotation
 * processor indexed them ({@code META-INF/scaleplan/charts/<class or package>.properties} beside the
 * plan's classes). Looked up for the class that declares a service: its own annotation first (and
 * its enclosing classes'), then its package's.
 *
 * @param owner the annotated class or package
 * @param chart the chart's name
 * @param services the chart's services: Deployment name to values key, in name order
 */
record ChartIndex(String owner, String chart, Map<String, String> services) {
    static final String FOLDER = "META-INF/scaleplan/charts/";

    private static final ClassValue<Optional<ChartIndex>> DECLARED = new ClassValue<>() {
        @Override
        protected Optional<ChartIndex> computeValue(Class<?> type) {
            return lookUp(type);
        }
    };

    /** The chart declared for {@code type}, if any. */
    static Optional<ChartIndex> declaredFor(Class<?> type) {
        return DECLARED.get(type);
    }

    private static Optional<ChartIndex> lookUp(Class<?> type) {
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Optional<ChartIndex> found = read(loader, c.getName());
            if (found.isPresent()) {
                return found;
            }
        }
        return read(loader, type.getPackageName());
    }

    private static Optional<ChartIndex> read(ClassLoader loader, String owner) {
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(FOLDER + owner + ".properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> services = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("service.")) {
                    services.put(key.substring("service.".length()), properties.getProperty(key));
                }
            }
            return Optional.of(new ChartIndex(owner, properties.getProperty("chart", "?"), Map.copyOf(services)));
        } catch (IOException e) {
            return Optional.empty(); // an unreadable index checks nothing; the processor wrote it
        }
    }

    /**
     * Why a service does not fit this chart, or empty when it does: an unknown name, or a values
     * key that differs from the chart's.
     */
    Optional<String> mismatch(String service, String helmKey) {
        String key = services.get(service);
        String known = "known services of chart " + chart + " (@HelmChart on " + owner + "): "
                + String.join(", ", new TreeMap<>(services).keySet());
        if (key == null) {
            return Optional.of("service " + Names.show(service) + " is not a service of chart " + chart + "; " + known);
        }
        if (!key.equals(helmKey)) {
            return Optional.of("service " + Names.show(service) + " has values key " + Names.show(helmKey)
                    + " but chart " + chart + " calls it " + Names.show(key) + "; " + known);
        }
        return Optional.empty();
    }
}
