package io.scaleplan.dsl;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Kubernetes object an {@code Object} metric describes, in the HPA's namespace: {@code
 * DescribedObject.of("networking.k8s.io/v1", "Ingress", "main-route")}. The autoscale builder
 * reports a malformed part (SP011) with its source line.
 *
 * @param apiVersion {@code v1} or {@code group/version}, such as {@code networking.k8s.io/v1}
 * @param kind the object's kind, such as {@code Ingress} or {@code Service}
 * @param name the object's name, a DNS-1123 subdomain
 */
public record DescribedObject(String apiVersion, String kind, String name) {
    private static final Pattern API_VERSION =
            Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?v[0-9]+[a-z0-9]*");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** What a valid part looks like, for messages. */
    static final String RULE = "apiVersion v1 or group/version (networking.k8s.io/v1), kind CamelCase (Ingress),"
            + " name a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)";

    /** Checks that no part is missing; {@link #problem()} says whether one is malformed. */
    public DescribedObject {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The object {@code kind}/{@code name} of {@code apiVersion}. */
    public static DescribedObject of(String apiVersion, String kind, String name) {
        return new DescribedObject(apiVersion, kind, name);
    }

    /** Why this reference cannot be written into an HPA, if it cannot. */
    java.util.Optional<String> problem() {
        if (!API_VERSION.matcher(apiVersion).matches() || apiVersion.length() > 253) {
            return java.util.Optional.of("apiVersion " + Names.show(apiVersion) + " is not valid (" + RULE + ")");
        }
        if (!KIND.matcher(kind).matches() || kind.length() > 63) {
            return java.util.Optional.of("kind " + Names.show(kind) + " is not valid (" + RULE + ")");
        }
        if (!SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
            return java.util.Optional.of("name " + Names.show(name) + " is not valid (" + RULE + ")");
        }
        return java.util.Optional.empty();
    }

    /** The API group: {@code networking.k8s.io}, or empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code Ingress/main-route}, for messages. */
    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
