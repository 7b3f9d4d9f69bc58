package io.scaleplan.compiler.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to import and where to write the plan.
 *
 * @param inputs files and folders to read, in order (a later file wins where two disagree)
 * @param plansDir the plans' source folder ({@code plans/src/main/java})
 * @param packageName the plan's package; empty: the package of the folder whose {@code
 *     package-info.java} declares a chart, if there is exactly one
 * @param planName the plan's name; empty: the name scaleplan's headers give, else {@code imported}
 * @param className the class; empty: from the headers, else the plan name in upper camel case
 * @param namespace the namespace; empty: from the objects' metadata, else {@code default}
 * @param release the platform chart's Helm release; empty: from labels or the values file's name
 * @param chartReference the chart reference ({@code ./arka-engine}); empty: from the chart's name
 * @param stated whether settings equal to what scaleplan derives are stated in the plan too
 * @param force whether an existing plan source may be replaced
 * @param dryRun whether to only return the source and write nothing
 */
public record ImportRequest(
        List<Path> inputs,
        Path plansDir,
        Optional<String> packageName,
        Optional<String> planName,
        Optional<String> className,
        Optional<String> namespace,
        Optional<String> release,
        Optional<String> chartReference,
        boolean stated,
        boolean force,
        boolean dryRun) {

    public ImportRequest {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(plansDir, "plansDir");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(chartReference, "chartReference");
    }

    /** A request for {@code inputs} into {@code plansDir} with every choice left to the importer. */
    public static ImportRequest of(List<Path> inputs, Path plansDir) {
        return new ImportRequest(
                inputs,
                plansDir,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                false,
                false);
    }

    public ImportRequest withPackage(String name) {
        return new ImportRequest(
                inputs,
                plansDir,
                Optional.of(name),
                planName,
                className,
                namespace,
                release,
                chartReference,
                stated,
                force,
                dryRun);
    }

    public ImportRequest withPlan(String name, String cls) {
        return new ImportRequest(
                inputs,
                plansDir,
                packageName,
                Optional.ofNullable(name),
                Optional.ofNullable(cls),
                namespace,
                release,
                chartReference,
                stated,
                force,
                dryRun);
    }

    public ImportRequest withNamespace(String ns) {
        return new ImportRequest(
                inputs,
                plansDir,
                packageName,
                planName,
                className,
                Optional.ofNullable(ns),
                release,
                chartReference,
                stated,
                force,
                dryRun);
    }

    public ImportRequest withRelease(String name, String chart) {
        return new ImportRequest(
                inputs,
                plansDir,
                packageName,
                planName,
                className,
                namespace,
                Optional.ofNullable(name),
                Optional.ofNullable(chart),
                stated,
                force,
                dryRun);
    }

    public ImportRequest withFlags(boolean statedSettings, boolean replace, boolean dry) {
        return new ImportRequest(
                inputs,
                plansDir,
                packageName,
                planName,
                className,
                namespace,
                release,
                chartReference,
                statedSettings,
                replace,
                dry);
    }
}
