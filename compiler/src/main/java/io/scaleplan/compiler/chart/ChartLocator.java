package io.scaleplan.compiler.chart;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the chart folder a release's chart reference names. The reference is a path relative to
 * the folder APPLY.md runs from, the repository root ({@code plans/src/main/helm/arka-engine}); a
 * build may run in a module below it, so the reference is tried from the working folder and each
 * folder above it. A repository or OCI chart ({@code oci://...}, a versioned {@code name@1.2.3})
 * that is not on disk is not found: the chart oracle checks the charts it can read.
 */
public final class ChartLocator {
    private final Path start;

    /** A locator that starts from {@code start} (the working folder, for the compiler). */
    public ChartLocator(Path start) {
        this.start = start.toAbsolutePath().normalize();
    }

    /** A locator that starts from the JVM's working folder. */
    public static ChartLocator fromWorkingDirectory() {
        return new ChartLocator(Path.of(""));
    }

    /** The chart folder (one with a {@code Chart.yaml}) that {@code reference} names, if on disk. */
    public Optional<Path> find(String reference) {
        if (reference.contains("://") || reference.contains("@")) {
            return Optional.empty();
        }
        for (Path base = start; base != null; base = base.getParent()) {
            try {
                Path chart = base.resolve(reference).normalize();
                if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                    return Optional.of(chart);
                }
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
