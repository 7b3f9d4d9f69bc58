package io.scaleplan.compiler.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.chart.ChartLocator;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.testing.MinimalPlan;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which inputs the up-to-date check of {@link Generate} and {@link Check} tracks: a change of any
 * of them takes the full path; what is not an input (the launcher's variables, other variables)
 * does not.
 */
class UpToDateInputsTest {
    @TempDir
    Path dir;

    private Path output;
    private Path chart;
    private Map<String, String> env;

    @BeforeEach
    void compileOnce() throws Exception {
        output = dir.resolve("generated");
        // the minimal plan's release renders ./app: a chart folder found from dir (never rendered here)
        chart = dir.resolve("app");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), "replicaCount: 1\n");
        env = new HashMap<>(Map.of("SCALEPLAN_BENCH_SERVICES", "10", "HOME", "/home/a", "SCALEPLAN_ROOT", "/a"));
        CompiledPlans compiled =
                CompiledPlans.compile(PlanLoader.of(List.of(new MinimalPlan())), List.of(), new PlanCompiler());
        Generate.run(
                compiled, output, false, inputs("plans-1", "strict=false").printing(List.of("0 errors, 0 warnings")));
        assertThat(Files.readString(UpToDate.stampFile(dir.resolve("state"), output)))
                .contains("\nchart ./app\n");
    }

    private UpToDate.Inputs inputs(String plans, String option) {
        return new UpToDate.Inputs(
                Optional.of(plans),
                List.of(option),
                env,
                new ChartLocator(dir),
                List.of(),
                Optional.empty(),
                Optional.of(dir.resolve("state")));
    }

    private boolean upToDate(UpToDate.Inputs inputs) {
        boolean generate = Generate.upToDate(output, inputs).isPresent();
        assertThat(Check.upToDate(output, inputs).isPresent()).isEqualTo(generate);
        return generate;
    }

    @Test
    void theSameInputsAreUpToDateAndPrintWhatTheCompilePrinted() {
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isTrue();
        assertThat(Generate.upToDate(output, inputs("plans-1", "strict=false"))
                        .orElseThrow()
                        .printed())
                .containsExactly("0 errors, 0 warnings");
        assertThat(Check.upToDate(output, inputs("plans-1", "strict=false"))
                        .orElseThrow()
                        .files())
                .isEqualTo(GeneratedDirectory.open(output)
                        .manifest()
                        .orElseThrow()
                        .files()
                        .size());
    }

    @Test
    void otherPlansOrOptionsAreNot() {
        assertThat(upToDate(inputs("plans-2", "strict=false"))).isFalse();
        assertThat(upToDate(inputs("plans-1", "strict=true"))).isFalse();
        assertThat(upToDate(new UpToDate.Inputs(
                        Optional.empty(),
                        List.of("strict=false"),
                        env,
                        new ChartLocator(dir),
                        List.of(),
                        Optional.empty(),
                        Optional.of(dir.resolve("state")))))
                .isFalse();
        // no state folder: nothing is ever up to date
        UpToDate.Inputs same = inputs("plans-1", "strict=false");
        assertThat(upToDate(new UpToDate.Inputs(
                        same.plans(),
                        same.options(),
                        env,
                        same.charts(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty())))
                .isFalse();
    }

    @Test
    void scaleplanVariablesAreInputsTheLaunchersAndOthersAreNot() {
        env.put("HOME", "/home/b");
        env.put("SCALEPLAN_ROOT", "/b");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isTrue();
        env.put("SCALEPLAN_BENCH_SERVICES", "11");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
        env.remove("SCALEPLAN_BENCH_SERVICES");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
    }

    @Test
    void anEditedAddedOrRemovedChartFileIsNot() throws Exception {
        Files.writeString(chart.resolve("values.yaml"), "replicaCount: 2\n");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
        Files.writeString(chart.resolve("values.yaml"), "replicaCount: 1\n");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isTrue();
        Files.writeString(chart.resolve("templates/hpa.yaml"), "kind: HorizontalPodAutoscaler\n");
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
        Files.delete(chart.resolve("templates/hpa.yaml"));
        Files.delete(chart.resolve("Chart.yaml"));
        // no chart found any more: the compile would no longer render it
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
    }

    @Test
    void aSelectionIsNeverStampedAndUnstampsTheFolder() {
        CompiledPlans only = CompiledPlans.compile(
                PlanLoader.of(List.of(new MinimalPlan())), List.of("minimal"), new PlanCompiler());
        Generate.run(only, output, false, inputs("plans-1", "strict=false").printing(List.of("x")));
        assertThat(UpToDate.stampFile(dir.resolve("state"), output)).doesNotExist();
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
    }

    @Test
    void aManifestWhoseBytesChangedIsNot() throws Exception {
        Path manifest = output.resolve(Manifest.FILE_NAME);
        byte[] was = Files.readAllBytes(manifest);
        // the same files listed, other bytes (a comment line): not the manifest the stamp was recorded for
        Files.write(manifest, (new String(was, java.nio.charset.StandardCharsets.UTF_8) + "# note\n").getBytes());
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
        Files.write(manifest, was);
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isTrue();
        Files.delete(UpToDate.stampFile(dir.resolve("state"), output));
        assertThat(upToDate(inputs("plans-1", "strict=false"))).isFalse();
    }

    @Test
    void printedLinesThatCouldNotBeToldApartAreNotRecorded() {
        CompiledPlans compiled =
                CompiledPlans.compile(PlanLoader.of(List.of(new MinimalPlan())), List.of(), new PlanCompiler());
        Generate.run(compiled, output, false, inputs("plans-1", "strict=false").printing(List.of("${source-root}/x")));
        assertThat(UpToDate.stampFile(dir.resolve("state"), output)).doesNotExist();
    }

    @Test
    void aManifestStampSurvivesItsOwnRoundTrip() throws Exception {
        Manifest m = GeneratedDirectory.open(output).manifest().orElseThrow();
        Path copy = dir.resolve("copy");
        Files.write(copy, m.bytes());
        assertThat(Manifest.read(copy)).contains(m);
    }

    @Test
    void aDifferentScaleplanBuildHasAnotherCodeDigest() throws Exception {
        Path a = jar("a.jar", "io/scaleplan/X.class", new byte[] {1, 2, 3});
        Path b = jar("b.jar", "io/scaleplan/X.class", new byte[] {1, 2, 4});
        Path a2 = jar("a2.jar", "io/scaleplan/X.class", new byte[] {1, 2, 3});
        assertThat(UpToDate.digestOf(List.of(a))).isNotEqualTo(UpToDate.digestOf(List.of(b)));
        assertThat(UpToDate.digestOf(List.of(a))).isEqualTo(UpToDate.digestOf(List.of(a2)));
        assertThat(UpToDate.digestOf(List.of(a))).isPresent();
    }

    @Test
    void aLinkCannotBeDigestedSoNothingIsUpToDate() throws Exception {
        Path folder = dir.resolve("classes");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("A.class"), "a");
        assertThat(UpToDate.digestOf(List.of(folder))).isPresent();
        Files.createSymbolicLink(folder.resolve("B.class"), folder.resolve("A.class"));
        assertThat(UpToDate.digestOf(List.of(folder))).isEmpty();
    }

    @Test
    void aJarIsDigestedByItsEntriesNamesAndContentNotTheirTimesNorItsComment() throws Exception {
        Path a = jar("a.jar", 1_000_000L, "", "io/scaleplan/X.class", "io/scaleplan/Y.class");
        assertThat(UpToDate.digestOf(List.of(
                        jar("rebuilt.jar", 9_000_000L, "built again", "io/scaleplan/X.class", "io/scaleplan/Y.class"))))
                .isEqualTo(UpToDate.digestOf(List.of(a)));
        assertThat(UpToDate.digestOf(
                        List.of(jar("renamed.jar", 1_000_000L, "", "io/scaleplan/X.class", "io/scaleplan/Z.class"))))
                .isNotEqualTo(UpToDate.digestOf(List.of(a)));
        assertThat(UpToDate.digestOf(List.of(jar("fewer.jar", 1_000_000L, "", "io/scaleplan/X.class"))))
                .isNotEqualTo(UpToDate.digestOf(List.of(a)));
        // not a zip file at all: digested through ZipFile, which cannot read it either
        Path broken = Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThat(UpToDate.digestOf(List.of(broken))).isEmpty();
    }

    private Path jar(String name, String entry, byte[] bytes) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(bytes);
            out.closeEntry();
        }
        return jar;
    }

    /** A jar of {@code entries}, each holding its own name's bytes, written at {@code time}. */
    private Path jar(String name, long time, String comment, String... entries) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.setComment(comment);
            for (String entry : entries) {
                ZipEntry e = new ZipEntry(entry);
                e.setTime(time);
                out.putNextEntry(e);
                out.write(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
