package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output is the same bytes whatever the locale, time zone and JDK: each compile here runs in
 * a separate JVM through the real command line, and is compared with an in-process compile.
 */
class DeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void turkishLocaleAndAFarTimeZoneChangeNothing() throws Exception {
        Map<String, String> expected = ArkaPlans.files();
        Path out = tmp.resolve("tr");
        compileInForkedJvm(
                javaOf(System.getProperty("java.home")),
                out,
                "-Duser.language=tr",
                "-Duser.country=TR",
                "-Duser.timezone=Pacific/Kiritimati",
                "-Dfile.encoding=ISO-8859-9");
        assertThat(read(out)).isEqualTo(expected);
    }

    @Test
    void anotherJdkChangesNothing() throws Exception {
        Path other = otherJdk();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no second JDK under /usr/lib/jvm");
        Path out = tmp.resolve("other-jdk");
        compileInForkedJvm(other, out, "-Duser.language=de", "-Duser.timezone=America/St_Johns");
        assertThat(read(out)).isEqualTo(ArkaPlans.files());
    }

    @Test
    void twoCompilesInOneJvmAreIdentical() {
        assertThat(ArkaPlans.files()).isEqualTo(ArkaPlans.files());
    }

    private static Path javaOf(String home) {
        return Path.of(home, "bin", "java");
    }

    /** A JDK other than the running one, 17 or newer, if the machine has one. */
    private static Path otherJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Path running = Path.of(System.getProperty("java.home")).toRealPath();
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                Path java = d.resolve("bin/java");
                if (Files.isExecutable(java)
                        && !d.toRealPath().equals(running)
                        && !running.startsWith(d.toRealPath())
                        && d.getFileName().toString().contains("temurin")) {
                    return java;
                }
            }
        }
        return null;
    }

    private static void compileInForkedJvm(Path java, Path out, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.scaleplan.cli.Main",
                "compile",
                "--quiet",
                "--output",
                out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }

    private static Map<String, String> read(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            // the outputs, not the output folder's manifest (their hashes, written beside them)
            for (Path f : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(".scaleplan-manifest"))
                    .toList()) {
                out.put(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
