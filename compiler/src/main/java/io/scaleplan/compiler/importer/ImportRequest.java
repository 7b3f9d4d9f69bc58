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
        return builder(inputs, plansDir).build();
    }

    /** A builder of a request for {@code inputs} into {@code plansDir}; a null or blank choice is left to the importer. */
    public static Builder builder(List<Path> inputs, Path plansDir) {
        return new Builder(inputs, plansDir);
    }

    /** Builds an {@link ImportRequest}. */
    public static final class Builder {
        private final List<Path> inputs;
        private final Path plansDir;
        private String packageName;
        private String planName;
        private String className;
        private String namespace;
        private String release;
        private String chartReference;
        private boolean stated;
        private boolean force;
        private boolean dryRun;

        private Builder(List<Path> inputs, Path plansDir) {
            this.inputs = List.copyOf(inputs);
            this.plansDir = Objects.requireNonNull(plansDir, "plansDir");
        }

        public Builder packageName(String name) {
            this.packageName = name;
            return this;
        }

        public Builder planName(String name) {
            this.planName = name;
            return this;
        }

        public Builder className(String name) {
            this.className = name;
            return this;
        }

        public Builder namespace(String name) {
            this.namespace = name;
            return this;
        }

        public Builder release(String name) {
            this.release = name;
            return this;
        }

        public Builder chartReference(String reference) {
            this.chartReference = reference;
            return this;
        }

        public Builder stated(boolean statedSettings) {
            this.stated = statedSettings;
            return this;
        }

        public Builder force(boolean replace) {
            this.force = replace;
            return this;
        }

        public Builder dryRun(boolean dry) {
            this.dryRun = dry;
            return this;
        }

        public ImportRequest build() {
            return new ImportRequest(
                    inputs,
                    plansDir,
                    given(packageName),
                    given(planName),
                    given(className),
                    given(namespace),
                    given(release),
                    given(chartReference),
                    stated,
                    force,
                    dryRun);
        }

        private static Optional<String> given(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }
    }
}
