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
        this(start, Optional.empty());
    }

    private final Optional<Path> root;

    /** A locator that starts from {@code start}, then tries {@code root} (the repository root, if known). */
    public ChartLocator(Path start, Optional<Path> root) {
        this.start = start.toAbsolutePath().normalize();
        this.root = root.map(r -> r.toAbsolutePath().normalize());
    }

    /**
     * A locator that starts from the JVM's working folder, then tries the repository root the
     * {@code scaleplan} launcher names ({@code SCALEPLAN_ROOT}), so that the CLI run from any folder
     * finds the chart.
     */
    public static ChartLocator fromWorkingDirectory() {
        String root = System.getenv("SCALEPLAN_ROOT");
        return new ChartLocator(
                Path.of(""), root == null || root.isBlank() ? Optional.empty() : Optional.of(Path.of(root)));
    }

    /** The chart folder (one with a {@code Chart.yaml}) that {@code reference} names, if on disk. */
    public Optional<Path> find(String reference) {
        if (reference.contains("://") || reference.contains("@")) {
            return Optional.empty();
        }
        Optional<Path> found = findFrom(start, reference);
        return found.isPresent() ? found : root.flatMap(r -> findFrom(r, reference));
    }

    private static Optional<Path> findFrom(Path start, String reference) {
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
