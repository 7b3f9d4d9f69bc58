package io.scaleplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.importer.ImportRequest;
import io.scaleplan.compiler.importer.ImportResult;
import io.scaleplan.compiler.importer.Importer;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The whole round trip of {@code plan}, defined by {@code io.scaleplan.testing.Fixtures}: compile
     * it, write its outputs below {@code temp}, import them (only notes allowed), compile the imported
     * source with javac, and compile the plan it defines. Returns the imported source and the files of
     * both compilations, to compare with {@link #comparable}.
     */
    public static Trip trip(ScalingPlan plan, Path temp) throws IOException {
        Map<String, String> original = files(new PlanCompiler().compile(plan));
        Path outputs = write(original, temp.resolve("generated/" + plan.name()));
        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("io.scaleplan.testing")
                        .build());
        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        assertThat(imported.qualifiedName()).contains("io.scaleplan.testing.Fixtures");
        assertThat(imported.problems()).allMatch(p -> p.level() == ImportProblem.Level.NOTE);
        Path source = imported.written().orElseThrow();
        ClassLoader loader =
                PlanSources.compile(List.of(source), temp.resolve("classes"), List.of(), List.of("-proc:none"));
        Map<String, String> again = files(new PlanCompiler()
                .compile(PlanSources.instantiate(loader, "io.scaleplan.testing.Fixtures")
                        .define()));
        return new Trip(Files.readString(source), original, again);
    }

    /**
     * One round trip: the imported plan source, and the files before and after.
     *
     * @param source the plan source import wrote
     * @param original the files of the plan as written
     * @param again the files of the plan import wrote
     */
    public record Trip(String source, Map<String, String> original, Map<String, String> again) {}

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
