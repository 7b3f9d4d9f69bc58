package io.scaleplan.compiler.report;

import java.nio.file.Path;

/** Paths as messages show them, the same in the CLI and the Maven plugin. */
public final class Shown {
    private Shown() {}

    /** {@code path} relative to the working folder when it lies below it, else as given. */
    public static String path(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : path.toString();
    }
}
