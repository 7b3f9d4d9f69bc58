package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.apply.ApplyInstructions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command block of every APPLY.md in generated/ runs as written, by bash with {@code set -eu},
 * from the repository root, against recording stand-ins for kubectl, aws, gcloud, psql, redis-cli,
 * helm, git and watch, which fail on a path that does not exist. Then each recorded {@code helm
 * upgrade} is rendered by Helm's own engine (helm-java) with the same chart, version, namespace and
 * values files: the platform chart from its path, the Bitnami charts from
 * ../shared/reference/charts/bitnami at the pinned version (skipped where that folder is absent).
 */
class ApplyMdRunsTest {
    private static final Path ROOT =
            Path.of(System.getProperty("scaleplan.root", "..")).toAbsolutePath();
    private static final Pattern BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** A stand-in: records its arguments, checks the paths it is given, answers what the steps read. */
    private static final String STAND_IN =
            """
            #!/usr/bin/env bash
            set -eu
            tool=$(basename "$0")
            printf '%s' "$tool" >> "$RECORD"
            for a in "$@"; do printf ' %q' "$a" >> "$RECORD"; done
            printf '\\n' >> "$RECORD"
            prev=""
            for a in "$@"; do
              case "$tool:$prev" in
                psql:-f|helm:-f|kubectl:-k|kubectl:-f|promtool:rules)
                  if [ ! -e "$a" ]; then echo "$tool: no such path: $a" >&2; exit 1; fi ;;
              esac
              prev="$a"
            done
            if [ "$tool" = kubectl ] && [ "${1:-}" = apply ] && [ "${2:-}" = -k ] && [ ! -e "$3/kustomization.yaml" ]; then
              echo "kubectl: no kustomization.yaml in $3" >&2; exit 1
            fi
            if [ "$tool" = aws ] && [ "${2:-}" = describe-nodegroup ]; then echo 20; fi
            if [ "$tool" = git ] && [ "${1:-}" = log ]; then echo abc1234; fi
            if [ "$tool" = redis-cli ]; then cat > /dev/null; fi
            exit 0
            """;

    @Test
    void everyBlockOfEveryApplyMdRunsAndEveryHelmUpgradeRenders() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool :
                List.of("kubectl", "aws", "gcloud", "psql", "redis-cli", "helm", "git", "watch", "promtool")) {
            Path p = bin.resolve(tool);
            Files.writeString(p, STAND_IN);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<Path> applies;
        try (Stream<Path> files = Files.walk(ROOT.resolve(ApplyInstructions.OUTPUT))) {
            applies = files.filter(p -> p.getFileName().toString().equals("APPLY.md"))
                    .sorted()
                    .toList();
        }
        assertThat(applies).hasSize(5);
        Path record = dir.resolve("record.txt");
        int blocks = 0;
        for (Path apply : applies) {
            Matcher m = BLOCK.matcher(Files.readString(apply));
            while (m.find()) {
                blocks++;
                run(bin, record, ROOT.relativize(apply) + " block " + blocks, m.group(1));
            }
        }
        List<String> commands = Files.readAllLines(record);
        assertThat(commands).anyMatch(c -> c.startsWith("aws eks update-nodegroup-config"));
        assertThat(commands).anyMatch(c -> c.startsWith("kubectl apply -k"));
        // the desired size read from the group (20) is kept: never lowered below it
        assertThat(commands)
                .filteredOn(c -> c.startsWith("aws eks update-nodegroup-config"))
                .allMatch(c -> c.contains("desiredSize=20"));
        List<String> helm = commands.stream().filter(c -> c.startsWith("helm ")).toList();
        assertThat(helm).hasSizeGreaterThan(10);
        for (String command : helm) {
            render(command);
        }
    }

    private void run(Path bin, Path record, String what, String script) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", "-c", "set -eu\n" + script)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        b.environment().put("RECORD", record.toString());
        b.environment().put("REDIS_HOST", "127.0.0.1");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(what).isTrue();
        assertThat(p.exitValue()).as(what + "\n" + script + "\n" + out).isZero();
    }

    /** {@code helm upgrade REL CHART [--version V] -n NS --reset-then-reuse-values -f F...}, rendered. */
    private static void render(String command) throws IOException {
        List<String> words = List.of(command.split(" "));
        assertThat(words.subList(0, 2)).as(command).containsExactly("helm", "upgrade");
        String release = words.get(2);
        String chart = words.get(3);
        String version = null;
        String namespace = null;
        List<Path> values = new ArrayList<>();
        for (int i = 4; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--version" -> version = words.get(++i);
                case "-n" -> namespace = words.get(++i);
                case "-f" -> values.add(ROOT.resolve(words.get(++i)));
                case HelmCommands.REUSE -> {
                    // keeps the release's other values: nothing to render
                }
                default -> throw new AssertionError("unexpected helm flag in " + command + ": " + words.get(i));
            }
        }
        assertThat(namespace).as(command).isNotNull();
        Path chartDir;
        if (chart.startsWith("bitnami/")) {
            String name = chart.substring("bitnami/".length());
            assertThat(version).as(command).isEqualTo(HelmCommands.BITNAMI_VERSIONS.get(name));
            chartDir = Path.of(System.getProperty("scaleplan.reference", "../../shared/reference"))
                    .resolve("charts/bitnami/" + name);
            if (!Files.isDirectory(chartDir)) {
                return; // the Bitnami charts are in ../shared/reference only; the pin is checked above
            }
            LookupStandIn.shared();
        } else {
            chartDir = ROOT.resolve(chart);
            assertThat(chartDir.resolve("Chart.yaml")).as(command).exists();
        }
        var template = new Helm(chartDir).template().withName(release).withNamespace(namespace);
        for (Path v : values) {
            template = template.withValuesFile(v);
        }
        assertThat(template.call()).as(command).contains("kind: ");
    }

    @Test
    void aMissingPathFails() throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve("generated")));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve("psql");
        Files.writeString(p, STAND_IN);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder b = new ProcessBuilder(
                        "bash", "-c", "psql -v ON_ERROR_STOP=1 -f generated/nowhere/10-settings.sql")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        b.environment().put("RECORD", dir.resolve("record.txt").toString());
        Process process = b.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(out).contains("psql: no such path: generated/nowhere/10-settings.sql");
    }
}
