package io.scaleplan.arka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring/ folders of the ARKA plans, of a StatefulSet plan (statefulset/) and of the
 * compiler's golden plans (golden/...), and the external tools their tests run.
 */
final class Monitoring {
    private Monitoring() {}

    /** Each folder that has a monitoring/ (production, black-friday/01-pre-scale, ...) → its files by name. */
    static Map<String, Map<String, String>> folders() {
        Map<String, String> files = new TreeMap<>(ArkaPlans.files());
        files.putAll(ArkaPlans.statefulSetFiles());
        return byFolder(files);
    }

    /** {@link #folders()} and the compiler's golden plans' monitoring/ folders ({@code golden/stateful}, ...). */
    static Map<String, Map<String, String>> foldersWithGoldens() {
        Map<String, String> files = new TreeMap<>(ArkaPlans.files());
        files.putAll(ArkaPlans.statefulSetFiles());
        files.putAll(compilerGoldens());
        return byFolder(files);
    }

    private static Map<String, Map<String, String>> byFolder(Map<String, String> files) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        files.forEach((path, content) -> {
            int at = path.indexOf("/monitoring/");
            if (at > 0) {
                out.computeIfAbsent(path.substring(0, at), k -> new TreeMap<>())
                        .put(path.substring(at + "/monitoring/".length()), content);
            }
        });
        return out;
    }

    /** Where the compiler module's golden outputs are, seen from this module. */
    static final Path GOLDEN = Path.of("../compiler/src/test/resources/golden");

    /**
     * The monitoring/ files of the compiler's golden plans (a StatefulSet beside a Deployment, the
     * metric types, two namespaces, several data-tier instances, ...), as {@code golden/<plan>/monitoring/<file>}.
     */
    static Map<String, String> compilerGoldens() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(GOLDEN)) {
            return out;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(GOLDEN)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = GOLDEN.relativize(f).toString().replace('\\', '/');
                if (rel.contains("/monitoring/")) {
                    out.put("golden/" + rel, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Writes {@code files} into {@code dir}. */
    static Path write(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** What a command printed (stdout and stderr) and its exit code. */
    record Run(int exit, String output) {}

    static Run run(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out after " + timeout + ": " + String.join(" ", command));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Whether {@code command} runs and exits 0. */
    static boolean available(String... command) {
        try {
            return run(Path.of("."), Duration.ofSeconds(30), List.of(command)).exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
