package io.scaleplan.processor;

import java.util.List;
import java.util.Optional;

/**
 * What the processor reads from a chart: its name and the services its values schema declares.
 *
 * @param name the chart's name ({@code Chart.yaml} {@code name})
 * @param version the chart's version
 * @param description the chart's description, or empty
 * @param source the schema file (or {@code values.yaml}), as the annotation names it, for the
 *     generated Javadoc
 * @param origin where the services and keys were read from
 * @param services the services, sorted by values key
 */
record ChartModel(
        String name, String version, String description, String source, Origin origin, List<Service> services) {

    /** Where the reader found the services and their keys. */
    enum Origin {
        /** {@code values.schema.json}: a top-level object declaring {@code autoscaling} per service. */
        SCHEMA,
        /** {@code values.yaml}: the workloads of a chart whose schema declares none or that has none. */
        VALUES
    }

    ChartModel {
        services = List.copyOf(services);
    }

    /** The string enums the setters take, by simple name; the reader made sure each name has one set. */
    java.util.SortedMap<String, List<String>> enums() {
        java.util.SortedMap<String, List<String>> enums = new java.util.TreeMap<>();
        for (Service service : services) {
            for (Key key : service.keys()) {
                key.enumType().ifPresent(name -> enums.put(name, key.allowed()));
            }
        }
        return enums;
    }

    /**
     * A service of the chart: a top-level values key whose schema declares {@code autoscaling}, or a
     * workload found in {@code values.yaml}.
     *
     * @param helmKey the values key ({@code usageMetering})
     * @param name the Deployment name, the key in kebab case ({@code usage-metering})
     * @param description the schema's description, or empty
     * @param topLevel whether the service's keys are at the top level of the values (the chart's
     *     only workload, as in Bitnami's charts) rather than under {@code helmKey}
     * @param keys the values keys a plan may set, sorted by path
     */
    record Service(String helmKey, String name, String description, boolean topLevel, List<Key> keys) {
        Service {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A scalar values key of a service that scaleplan does not set itself.
     *
     * @param path the dotted path under the service's key ({@code image.tag})
     * @param setter the generated setter's name ({@code imageTag})
     * @param type the schema type
     * @param description the schema's description, or empty
     * @param defaultValue the chart's default from {@code values.yaml}, if any
     * @param allowed the schema's {@code enum} of strings, if any: the setter then takes a
     *     generated Java enum ({@link #enumType()})
     */
    record Key(
            String path,
            String setter,
            Type type,
            String description,
            Optional<String> defaultValue,
            List<String> allowed) {
        Key {
            allowed = List.copyOf(allowed);
        }

        /** The generated enum's simple name, {@code imagePullPolicy} → {@code ImagePullPolicy}, if any. */
        Optional<String> enumType() {
            return allowed.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Character.toUpperCase(setter.charAt(0)) + setter.substring(1));
        }

        /** {@code IfNotPresent} → {@code IF_NOT_PRESENT}, {@code debug} → {@code DEBUG}. */
        static String constant(String value) {
            StringBuilder out = new StringBuilder();
            char previous = 0;
            for (char c : value.toCharArray()) {
                if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
                    out.append('_');
                }
                out.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
                previous = c;
            }
            return out.length() == 0 || Character.isDigit(out.charAt(0)) ? "_" + out : out.toString();
        }
    }

    /** The JSON schema scalar types that get setters. */
    enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN
    }
}
