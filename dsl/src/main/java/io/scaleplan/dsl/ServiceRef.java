package io.scaleplan.dsl;

/**
 * A typed handle on one service of a Helm chart, generated from the chart's values schema by the
 * scaleplan annotation processor (see {@link HelmChart}): {@code ArkaEngine.USAGE_METERING}. A plan
 * that names its services by handle, {@code .service(ArkaEngine.USAGE_METERING, s -> ...)}, cannot
 * misspell one: javac rejects {@code ArkaEngine.USAGE_METERNG}.
 */
public interface ServiceRef {

    /** The Deployment's name, a DNS-1123 label: {@code usage-metering}. */
    String name();

    /** The service's top-level key in the chart's values: {@code usageMetering}. */
    String helmKey();
}
