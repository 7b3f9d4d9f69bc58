package io.scaleplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstateTest {

    @Test
    void compilesWithoutDiagnosticsAndEmitsAnHpaAndPdbPerService() {
        ScalingPlan plan = Estate.plan(200, Estate.DEFAULT_SEED);
        Compilation compilation = new PlanCompiler(true).compile(plan);

        assertThat(compilation.diagnostics()).isEmpty();
        long hpas = compilation.files().stream()
                .filter(f -> f.path().endsWith("-hpa.yaml"))
                .count();
        long pdbs = compilation.files().stream()
                .filter(f -> f.path().endsWith("-pdb.yaml"))
                .count();
        long autoscaled = Estate.shape(200, Estate.DEFAULT_SEED).stream()
                .filter(Estate.Shape::autoscaled)
                .count();
        assertThat(pdbs).isEqualTo(200);
        assertThat(hpas).isEqualTo(autoscaled).isBetween(120L, 190L);
    }

    @Test
    void isTheSameForTheSameSeedAndDiffersForAnother() {
        List<GeneratedFile> once =
                new PlanCompiler().compile(Estate.plan(50, 7)).files();
        List<GeneratedFile> again =
                new PlanCompiler().compile(Estate.plan(50, 7)).files();
        List<GeneratedFile> other =
                new PlanCompiler().compile(Estate.plan(50, 8)).files();

        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    @Test
    void theChangedEstateDiffersInTheFirstServiceOnly() {
        List<Estate.Shape> shapes = Estate.shape(30, Estate.DEFAULT_SEED);
        List<GeneratedFile> before =
                new PlanCompiler().compile(Estate.plan(shapes, false)).files();
        List<GeneratedFile> after =
                new PlanCompiler().compile(Estate.plan(shapes, true)).files();

        List<String> changed = after.stream()
                .filter(f -> !before.contains(f))
                .map(GeneratedFile::path)
                .toList();
        String first = shapes.get(0).name();
        assertThat(changed).isNotEmpty().allMatch(p -> p.contains(first) || !p.contains("/k8s/"));
    }
}
