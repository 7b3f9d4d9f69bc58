package io.scaleplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.emit.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Golden-file assertions: the files must equal, byte for byte, those under {@code
 * src/test/resources/golden/}. Run with {@code -Dscaleplan.golden.update=true} to rewrite them
 * (then review the diff before committing).
 */
public final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    public static void assertMatches(List<GeneratedFile> files) {
        Map<String, String> actual = new TreeMap<>();
        files.forEach(f -> actual.put(f.path(), f.content()));
        if (Boolean.getBoolean("scaleplan.golden.update")) {
            write(actual);
        }
        Map<String, String> expected = new TreeMap<>();
        actual.keySet().stream()
                .map(p -> p.substring(0, p.indexOf('/')))
                .distinct()
                .forEach(plan -> expected.putAll(read(plan)));
        assertThat(actual.keySet()).as("files").containsExactlyElementsOf(expected.keySet());
        actual.forEach((path, content) -> assertThat(content).as(path).isEqualTo(expected.get(path)));
    }

    private static Map<String, String> read(String plan) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ROOT.resolve(plan))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(ROOT.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no golden files for " + plan + ": run with -Dscaleplan.golden.update=true", e);
        }
        return out;
    }

    private static void write(Map<String, String> files) {
        try {
            for (String plan : files.keySet().stream()
                    .map(p -> p.substring(0, p.indexOf('/')))
                    .distinct()
                    .toList()) {
                Path dir = ROOT.resolve(plan);
                if (Files.exists(dir)) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path p :
                                walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = ROOT.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
