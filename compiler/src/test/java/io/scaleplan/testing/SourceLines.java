package io.scaleplan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The line of a {@code // @marker} comment in a test source, so line assertions survive reformatting. */
public final class SourceLines {
    private SourceLines() {}

    /** The 1-based line of {@code src/test/java/<path>} that carries {@code // marker}; it must occur once. */
    public static int of(String path, String marker) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java", path));
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// " + marker)) {
                    if (found >= 0) {
                        throw new IllegalStateException("marker occurs twice: " + marker);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no marker " + marker + " in " + path);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
