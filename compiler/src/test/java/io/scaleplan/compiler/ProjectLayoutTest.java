package io.scaleplan.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's layout table and docs/architecture.md's module map name exactly the build's modules. */
class ProjectLayoutTest {

    private static final Path TOP = Path.of("..");

    @Test
    void theReadmeLayoutTableHasARowForEveryModule() throws IOException {
        assertThat(folderRows(section(read("README.md"), "## Project layout")))
                .containsAll(modules())
                .allSatisfy(folder -> assertThat(TOP.resolve(folder)).isDirectory());
    }

    @Test
    void theArchitectureModuleMapNamesExactlyTheModules() throws IOException {
        assertThat(folderRows(section(read("docs/architecture.md"), "## Modules and packages")))
                .containsExactlyInAnyOrderElementsOf(modules());
    }

    @Test
    void everyArchitectureTestTheDocumentNamesExists() throws IOException {
        String doc = section(read("docs/architecture.md"), "## Dependency rules");
        Matcher m = Pattern.compile("`([\\w-]+)/…/(\\w+)`").matcher(doc);
        int found = 0;
        while (m.find()) {
            try (Stream<Path> files = Files.walk(TOP.resolve(m.group(1)).resolve("src/test/java"))) {
                String name = m.group(2) + ".java";
                assertThat(files.anyMatch(f -> f.getFileName().toString().equals(name)))
                        .as("%s in %s", name, m.group(1))
                        .isTrue();
            }
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(modules().size() - 1);
    }

    /** The modules of the default build (the first {@code <modules>}; profiles add bench/). */
    private static List<String> modules() throws IOException {
        String pom = read("pom.xml");
        String modules = pom.substring(pom.indexOf("<modules>"), pom.indexOf("</modules>"));
        return Pattern.compile("<module>([^<]+)</module>")
                .matcher(modules)
                .results()
                .map(r -> r.group(1))
                .toList();
    }

    /** The folders named in the first column of a table: {@code | `dsl/` | ...}. */
    private static List<String> folderRows(String text) {
        return Pattern.compile("(?m)^\\| `([\\w-]+)/` \\|")
                .matcher(text)
                .results()
                .map(r -> r.group(1))
                .filter(folder -> !folder.equals("generated") && !folder.equals("bench") && !folder.equals("docs"))
                .toList();
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading);
        assertThat(start).as("heading %s", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    }

    private static String read(String file) throws IOException {
        return Files.readString(TOP.resolve(file), StandardCharsets.UTF_8);
    }
}
