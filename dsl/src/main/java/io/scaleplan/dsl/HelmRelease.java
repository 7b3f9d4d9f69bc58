package io.scaleplan.dsl;

import java.util.Objects;

/**
 * The Helm release a plan's values overlay is for, and the chart that release installs.
 *
 * @param name the release name, a DNS-1123 label ({@code arka})
 * @param chart the chart reference as {@code helm upgrade} takes it, a path relative to the folder
 *     APPLY.md runs from (the repository root: {@code plans/src/main/helm/arka-engine}) or a
 *     repository chart ({@code bitnami/postgresql})
 * @param scalingObjects who creates the services' HPAs and PDBs: scaleplan's manifests (default)
 *     or the chart
 * @param layout where the chart keeps the values scaleplan writes ({@link ChartLayout#ARKA_ENGINE}
 *     unless the plan says otherwise)
 */
public record HelmRelease(String name, String chart, ObjectOwner scalingObjects, ChartLayout layout) {

    /** A release whose services' HPAs and PDBs scaleplan writes ({@link ObjectOwner#SCALEPLAN}). */
    public HelmRelease(String name, String chart) {
        this(name, chart, ObjectOwner.SCALEPLAN);
    }

    /** A release of a chart with the arka-engine layout. */
    public HelmRelease(String name, String chart, ObjectOwner scalingObjects) {
        this(name, chart, scalingObjects, ChartLayout.ARKA_ENGINE);
    }

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public HelmRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(scalingObjects, "scalingObjects");
        Objects.requireNonNull(layout, "layout");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid release name: " + Names.show(name));
        }
        if (!Names.isChartReference(chart)) {
            throw new IllegalArgumentException("not a valid chart reference: " + Names.show(chart));
        }
    }

    /** The chart's own name, the last segment of its reference: {@code arka-engine}. */
    public String chartName() {
        String trimmed = chart.endsWith("/") ? chart.substring(0, chart.length() - 1) : chart;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        int version = last.indexOf('@');
        return version < 0 ? last : last.substring(0, version);
    }

    /**
     * Whether there is no chart: the plan's services come from plain manifests ({@link
     * ChartLayout#PLAIN_MANIFESTS}), and this release only names the plan's objects.
     */
    public boolean isPlainManifests() {
        return layout.equals(ChartLayout.PLAIN_MANIFESTS);
    }

    /**
     * Whether the chart renders {@code service}'s HPA: the plan gives the chart the HPAs ({@link
     * ObjectOwner#CHART}) and the chart's layout carries all of it. Otherwise scaleplan writes it.
     */
    public boolean chartRendersHpa(Service service) {
        return scalingObjects == ObjectOwner.CHART && !isPlainManifests() && layout.carriesHpa(service);
    }

    /** Whether the chart renders {@code service}'s PodDisruptionBudget (as {@link #chartRendersHpa}). */
    public boolean chartRendersPdb(Service service) {
        return scalingObjects == ObjectOwner.CHART && !isPlainManifests() && layout.carriesPdb(service);
    }
}
