package io.scaleplan.compiler.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output stage of {@code scaleplan simulate}: writes the simulation's files (report, timeline,
 * k6 script, charts) into one folder, each atomically, and only those whose bytes change. A text
 * file that exists without the scaleplan marker is never replaced; nothing is written then.
 */
public final class SimulationOutput {
    private SimulationOutput() {}

    /** What happened to one file. */
    public enum Outcome {
        WRITTEN,
        UNCHANGED
    }

    /**
     * Writes {@code files} (name → bytes) into {@code folder} and returns, in the order given, each
     * file's path and whether it was written or already held those bytes.
     *
     * @throws UncheckedIOException when writing fails, or a text file there was not written by scaleplan
     */
    public static Map<Path, Outcome> write(Path folder, Map<String, byte[]> files) {
        try {
            for (String name : files.keySet()) {
                Path target = folder.resolve(name);
                if (isText(name) && Files.exists(target) && !GeneratedDirectory.isOwn(target)) {
                    throw new IOException(target + " exists and was not written by scaleplan (no marker on line 1);"
                            + " nothing was written");
                }
            }
            Files.createDirectories(folder);
            Map<Path, Outcome> done = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = folder.resolve(e.getKey());
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), e.getValue())) {
                    done.put(target, Outcome.UNCHANGED);
                    continue;
                }
                GeneratedDirectory.writeAtomically(target, e.getValue());
                done.put(target, Outcome.WRITTEN);
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static boolean isText(String name) {
        return !(name.endsWith(".png") || name.endsWith(".svg"));
    }
}
