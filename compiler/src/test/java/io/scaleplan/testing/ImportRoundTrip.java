package io.scaleplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.emit.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the import round trips share: a compilation's files by their path in the plan's folder,
 * written to disk for import, and those files with the one thing that must differ, the source line
 * a SQL comment names ({@code stated at Production.java:107}), made the same.
 */
public final class ImportRoundTrip {
    private static final Pattern READ_BY_IMPORT = Pattern.compile("(helm|k8s|sql|redis)/.*");
    private static final Pattern SOURCE_LINE = Pattern.compile("(stated|declared) at \\S+\\.java:\\d+");

    private ImportRoundTrip() {}

    /** The files of {@code compilation} (which must have no errors) by their path below the plan's folder. */
    public static Map<String, String> files(Compilation compilation) {
        assertThat(compilation.hasErrors()).as("%s", compilation.diagnostics()).isFalse();
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : compilation.files()) {
            out.put(f.path().substring(f.path().indexOf('/') + 1), f.content());
        }
        return out;
    }

    /** Writes {@code files} below {@code folder}. */
    public static Path write(Map<String, String> files, Path folder) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return folder;
    }

    /** Every file, source lines in SQL comments made the same. */
    public static Map<String, String> comparable(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach(
                (path, content) -> out.put(path, SOURCE_LINE.matcher(content).replaceAll("$1 at (the plan's source)")));
        return out;
    }

    /** The files of the settings import reads ({@code helm/}, {@code k8s/}, {@code sql/}, {@code redis/}), as {@link #comparable}. */
    public static Map<String, String> readByImport(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((path, content) -> {
            if (READ_BY_IMPORT.matcher(path).matches()) {
                out.put(path, SOURCE_LINE.matcher(content).replaceAll("$1 at (the plan's source)"));
            }
        });
        return out;
    }
}
