package io.scaleplan.compiler.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The output stage of {@code scaleplan simulate}: writes the simulation's files (report, timeline,
 * k6 script, charts) into one folder, each atomically. A text file that exists without the
 * scaleplan marker is never replaced; nothing is written then.
 */
public final class SimulationOutput {
    private SimulationOutput() {}

    /**
     * Writes {@code files} (name → bytes) into {@code folder} and returns the paths written, in
     * the order given.
     *
     * @throws UncheckedIOException when writing fails, or a text file there was not written by scaleplan
     */
    public static List<Path> write(Path folder, Map<String, byte[]> files) {
        try {
            for (String name : files.keySet()) {
                Path target = folder.resolve(name);
                if (isText(name) && Files.exists(target) && !GeneratedDirectory.isOwn(target)) {
                    throw new IOException(target + " exists and was not written by scaleplan (no marker on line 1);"
                            + " nothing was written");
                }
            }
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = folder.resolve(e.getKey());
                GeneratedDirectory.writeAtomically(target, e.getValue());
                written.add(target);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static boolean isText(String name) {
        return !(name.endsWith(".png") || name.endsWith(".svg"));
    }
}
