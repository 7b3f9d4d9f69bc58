package io.scaleplan.compiler.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.emit.GeneratedFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed while writing {@code generated/} leaves every file either old or new, never
 * torn: a forked JVM syncs two versions of large files in a loop and is killed with {@code
 * destroyForcibly} while it runs.
 */
class InterruptedWriteTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesNoTornFile() throws Exception {
        Set<String> whole = new HashSet<>();
        for (char v : new char[] {'A', 'B'}) {
            SyncLoop.version(v).forEach(f -> whole.add(f.content()));
        }
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            SyncLoop.class.getName(),
                            dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int synced = 0; synced < 2; synced++) {
                    assertThat(out.readLine()).isEqualTo("synced");
                }
                child.destroyForcibly();
                child.waitFor();
            }

            Map<String, byte[]> files = GeneratedDirectory.open(dir).readAll();
            assertThat(files.keySet()).hasSize(SyncLoop.FILES);
            files.forEach((path, bytes) ->
                    assertThat(whole).as("%s is torn", path).contains(new String(bytes, StandardCharsets.UTF_8)));
        }
        // a later run brings the folder back in line, whatever the killed one left
        List<GeneratedFile> a = SyncLoop.version('A');
        GeneratedDirectory.open(dir).sync(List.of("p"), a, true);
        Map<String, byte[]> files = GeneratedDirectory.open(dir).readAll();
        assertThat(files.keySet())
                .containsExactlyElementsOf(a.stream().map(GeneratedFile::path).toList());
        a.forEach(f -> assertThat(files.get(f.path())).isEqualTo(f.bytes()));
    }
}
