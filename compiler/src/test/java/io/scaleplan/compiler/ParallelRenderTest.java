package io.scaleplan.compiler;

import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.render.Headers;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plan with many documents renders them on every core: the files, their order and the
 * diagnostics are exactly those of a compile on one thread, run after run; a plan with fewer
 * documents than {@link PlanCompiler#PARALLEL_DOCUMENTS} renders on one thread as before.
 */
class ParallelRenderTest {
    private static final int ONE_THREAD = Integer.MAX_VALUE;
    private static final int EVERY_CORE = 1;

    /** {@code services} autoscaled services, each with its HPA, PDB and report rows, and a few warnings. */
    static ScalingPlan estate(int services) {
        ScalingPlan.Builder plan = ScalingPlan.builder("estate").helmRelease("estate", "./estate");
        for (int i = 0; i < services; i++) {
            int n = i;
            plan.service(
                    String.format("svc-%04d", i), s -> s.requests(millicores(100 + n % 7 * 50), mib(128 + n % 5 * 64))
                            .autoscale(a -> a.replicas(1 + n % 3, 4 + n % 11).cpuUtilization(percent(60 + n % 4 * 5))));
        }
        return plan.build();
    }

    private static Compilation compile(ScalingPlan plan, int parallelDocuments) {
        return new PlanCompiler(false, Headers.DEFAULT_COMMAND, parallelDocuments).compile(plan);
    }

    @Test
    void aLargePlanCompilesOnEveryCoreToTheBytesOfOneThread() {
        ScalingPlan plan = estate(300);
        Compilation alone = compile(plan, ONE_THREAD);
        assertThat(alone.hasErrors()).isFalse();
        assertThat(alone.files()).hasSizeGreaterThan(PlanCompiler.PARALLEL_DOCUMENTS);

        for (int run = 0; run < 5; run++) {
            Compilation shared = compile(plan, EVERY_CORE);
            assertThat(shared.files()).as("run %d", run).containsExactlyElementsOf(alone.files());
            assertThat(shared.diagnostics()).as("run %d", run).containsExactlyElementsOf(alone.diagnostics());
        }
        assertThat(new PlanCompiler().compile(plan).files())
                .as("the default threshold")
                .containsExactlyElementsOf(alone.files());
    }

    @Test
    void theRegenerateCommandReachesEveryFileRenderedOnAnotherCore() {
        ScalingPlan plan = estate(200);
        Compilation own = new PlanCompiler(false, "mvn -q package", EVERY_CORE).compile(plan);
        assertThat(own.files()).isNotEmpty().allSatisfy(f -> assertThat(f.content())
                .doesNotContain(Headers.DEFAULT_COMMAND));
        assertThat(own.files()).filteredOn(f -> f.path().endsWith(".yaml")).allSatisfy(f -> assertThat(f.content())
                .contains("run mvn -q package."));
    }

    @Test
    void aFailureOnAnotherCoreIsThrownAsItselfWithItsMessage() {
        List<Integer> items = java.util.stream.IntStream.range(0, 2_000).boxed().toList();
        PlanCompiler compiler = new PlanCompiler(false, Headers.DEFAULT_COMMAND, EVERY_CORE);
        for (int failing : new int[] {0, 999, 1_999}) {
            assertThatThrownBy(() -> compiler.inOrder(items, i -> {
                        if (i == failing) {
                            throw new IllegalArgumentException("not a safe output path: " + i);
                        }
                        return i;
                    }))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a safe output path: " + failing);
        }
        assertThat(compiler.inOrder(items, i -> i * 2))
                .containsExactlyElementsOf(items.stream().map(i -> i * 2).toList());
    }

    @Test
    void belowTheThresholdEveryDocumentIsRenderedOnTheCallingThread() {
        List<Integer> items = java.util.stream.IntStream.range(0, PlanCompiler.PARALLEL_DOCUMENTS - 1)
                .boxed()
                .toList();
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        new PlanCompiler().inOrder(items, i -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void theGoldenPlansCompileTheSameOnEveryCore() {
        for (ScalingPlan plan :
                List.of(Fixtures.showcase(), Fixtures.metrics(), Fixtures.dataTier(), Fixtures.twoNamespaces())) {
            assertThat(compile(plan, EVERY_CORE).files())
                    .as(plan.name())
                    .containsExactlyElementsOf(compile(plan, ONE_THREAD).files());
        }
    }
}
