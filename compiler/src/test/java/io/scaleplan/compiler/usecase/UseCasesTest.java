package io.scaleplan.compiler.usecase;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.load.PlanLoader;
import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use cases' results, without an adapter: what the CLI and the plugin both map onto their exits. */
class UseCasesTest {

    /** A plan named {@code name} whose one service scales to {@code maxReplicas} (below 2: an error). */
    record Plan(String name, int maxReplicas) implements PlanDefinition {
        @Override
        public ScalingPlan define() {
            return ScalingPlan.builder(name)
                    .namespace("shop")
                    .helmRelease("shop", "./shop-chart")
                    .service("web", s -> s.requests(cores(1), gib(1))
                            .limits(cores(1), gib(1))
                            .autoscale(a -> a.replicas(2, maxReplicas).cpuUtilization(percent(70))))
                    .build();
        }
    }

    private static CompiledPlans compile(List<String> only, Plan... plans) {
        return CompiledPlans.compile(PlanLoader.of(List.of(plans)), only, new PlanCompiler());
    }

    @Test
    void noPlansAtAll() {
        CompiledPlans compiled = compile(List.of());
        assertThat(compiled.status()).isEqualTo(CompiledPlans.Status.NO_PLANS);
        assertThat(compiled.ok()).isFalse();
    }

    @Test
    void anUnknownNameCompilesNothingAndNamesTheKnownOnes() {
        CompiledPlans compiled = compile(List.of("stagin", "prod"), new Plan("staging", 4), new Plan("production", 6));
        assertThat(compiled.status()).isEqualTo(CompiledPlans.Status.UNKNOWN_PLANS);
        assertThat(compiled.compilations()).isEmpty();
        assertThat(compiled.unknownPlansMessage()).isEqualTo("no such plan: prod, stagin (known: production, staging)");
    }

    @Test
    void aSelectionCompilesOnlyTheNamedPlansAndKeepsTheOthersOutputs() {
        CompiledPlans one = compile(List.of("staging"), new Plan("staging", 4), new Plan("production", 6));
        assertThat(one.ok()).isTrue();
        assertThat(one.plans()).containsExactly("staging");
        assertThat(one.allPlans()).isFalse();
        assertThat(one.files()).isNotEmpty().allSatisfy(f -> assertThat(f.path())
                .startsWith("staging/"));
        assertThat(one.plan("staging")).isPresent();
        assertThat(one.plan("production")).isEmpty();

        CompiledPlans all = compile(List.of(), new Plan("staging", 4), new Plan("production", 6));
        assertThat(all.plans()).containsExactly("production", "staging");
        assertThat(all.allPlans()).isTrue();
    }

    @Test
    void aPlanWithAnErrorHasDiagnosticsButNoOutputsAndNoUseCaseRunsOnIt(@TempDir Path dir) {
        CompiledPlans compiled = compile(List.of(), new Plan("staging", 1), new Plan("production", 6));
        assertThat(compiled.status()).isEqualTo(CompiledPlans.Status.PLAN_ERRORS);
        assertThat(compiled.diagnostics())
                .anySatisfy(d -> assertThat(d.isError()).isTrue());
        assertThat(compiled.files()).isEmpty();
        assertThat(compiled.plans()).isEmpty();
        assertThatThrownBy(() -> Generate.run(compiled, dir, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plans did not compile: PLAN_ERRORS");
    }

    @Test
    void generateThenCheckAndDiffFindTheFolderUpToDate(@TempDir Path dir) {
        Path output = dir.resolve("generated");
        CompiledPlans compiled = compile(List.of(), new Plan("staging", 4));
        Generate.Result written = Generate.run(compiled, output, false);
        assertThat(written.written()).isEqualTo(compiled.files().size());
        assertThat(written.removed()).isZero();
        assertThat(Generate.run(compiled, output, false).written()).isZero();

        Check.Result check = Check.run(compiled, output, Baseline.DISK, false);
        assertThat(check.upToDate()).isTrue();
        assertThat(check.problems("generated")).isEmpty();
        assertThat(Diff.run(compiled, output, Baseline.DISK).diff().isEmpty()).isTrue();
    }

    @Test
    void aChangedPlanIsStaleAndItsDiffNamesTheFile(@TempDir Path dir) {
        Path output = dir.resolve("generated");
        Generate.run(compile(List.of(), new Plan("staging", 4)), output, false);
        CompiledPlans changed = compile(List.of(), new Plan("staging", 5));

        Check.Result check = Check.run(changed, output, Baseline.DISK, false);
        assertThat(check.upToDate()).isFalse();
        assertThat(check.diff().isEmpty()).isFalse();
        assertThat(Diff.run(changed, output, Baseline.DISK).diff().files())
                .anySatisfy(f -> assertThat(f.path()).isEqualTo("staging/k8s/web-hpa.yaml"));
    }

    @Test
    void aFolderWithoutItsManifestIsStaleEvenWhenEveryFileMatches(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("generated");
        CompiledPlans compiled = compile(List.of(), new Plan("staging", 4));
        Generate.run(compiled, output, false);
        Files.delete(output.resolve(Manifest.FILE_NAME));

        Check.Result check = Check.run(compiled, output, Baseline.DISK, false);
        assertThat(check.diff().isEmpty()).isTrue();
        assertThat(check.upToDate()).isFalse();
        assertThat(check.problems("out"))
                .containsExactly(
                        "out has no .scaleplan-manifest (the list of the files scaleplan wrote): compile writes it");
    }

    @Test
    void outsideARepositoryCheckAtHeadRefusesOrFallsBackToTheDisk(@TempDir Path dir) {
        Path output = dir.resolve("generated");
        CompiledPlans compiled = compile(List.of(), new Plan("staging", 4));
        Generate.run(compiled, output, false);

        assertThatThrownBy(() -> Check.run(compiled, output, Baseline.HEAD, false))
                .isInstanceOf(GitRefusalException.class);
        Check.Result fellBack = Check.run(compiled, output, Baseline.HEAD, true);
        assertThat(fellBack.against()).isEqualTo(Baseline.DISK);
        assertThat(fellBack.fellBackToDisk()).isPresent();
        assertThat(fellBack.upToDate()).isTrue();
        assertThat(Check.run(compiled, output, Baseline.DISK, true).fellBackToDisk())
                .isEmpty();
    }

    @Test
    void explainFindsARuleInAnyCaseAndNothingForAnUnknownId() {
        assertThat(Explain.rule(" sp006 ")).get().asString().contains("SP006");
        assertThat(Explain.rule("SP999")).isEmpty();
        assertThat(Explain.index()).contains("SP006");
    }

    @Test
    void commitDefaultsToTheModuleFolderOfAMavenSourceRoot(@TempDir Path dir) {
        Path java = dir.resolve("plans/src/main/java");
        assertThat(Commit.defaultSources(java)).containsExactly(dir.resolve("plans/src/main"));
        assertThat(Commit.defaultSources(dir.resolve("plans"))).containsExactly(dir.resolve("plans"));
        assertThat(Commit.defaultSources(null)).isEmpty();
    }
}
