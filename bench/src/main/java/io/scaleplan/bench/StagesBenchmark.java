package io.scaleplan.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.check.Checker;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.helm.HelmValuesEmitter;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.emit.report.CapacityReportEmitter;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The compiler's stages on one estate, so that a regression in bench/run.sh's whole-process
 * figures can be traced to a stage: build the model (the plan's builders, with their source
 * locations), check (every rule, including bin packing), emit the Kubernetes documents as trees,
 * render those trees to YAML, emit every target (trees and rendering), the whole in-memory compile,
 * and a sync that finds every file unchanged.
 *
 * <pre>java -jar bench/target/benchmarks.jar StagesBenchmark -p services=1000</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class StagesBenchmark {

    @Param({"100", "1000", "5000"})
    public int services;

    private List<Estate.Shape> shapes;
    private ScalingPlan plan;
    private List<ObjectNode> hpas;
    private String header;
    private List<GeneratedFile> files;
    private Path output;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        shapes = Estate.shape(services, Estate.DEFAULT_SEED);
        plan = Estate.plan(shapes, false);
        hpas = hpas(plan);
        header = Headers.comment("#", plan);
        files = new PlanCompiler().compile(plan).files();
        output = Files.createTempDirectory("scaleplan-bench");
        GeneratedDirectory.open(output).sync(List.of(plan.name()), files, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<ObjectNode> hpas(ScalingPlan plan) {
        List<ObjectNode> out = new ArrayList<>();
        for (Service s : plan.services()) {
            if (s.isAutoscaled()) {
                out.add(KubernetesEmitter.hpa(plan, s));
            }
        }
        return out;
    }

    @Benchmark
    public ScalingPlan buildModel() {
        return Estate.plan(shapes, false);
    }

    @Benchmark
    public Object check() {
        return new Checker().check(plan);
    }

    @Benchmark
    public List<ObjectNode> emitHpaTrees() {
        return hpas(plan);
    }

    @Benchmark
    public void renderHpas(Blackhole bh) {
        for (ObjectNode hpa : hpas) {
            bh.consume(Yaml.render(header, hpa));
        }
    }

    @Benchmark
    public void emitAllTargets(Blackhole bh) {
        ResolvedPlan resolved = ResolvedPlan.of(plan);
        PlanFolder folder = new PlanFolder(plan.name());
        bh.consume(new HelmValuesEmitter().documents(resolved, folder));
        bh.consume(new KubernetesEmitter().documents(resolved, folder));
        bh.consume(new CapacityReportEmitter().documents(resolved, folder));
    }

    @Benchmark
    public Object compileInMemory() {
        return new PlanCompiler().compile(plan);
    }

    @Benchmark
    public Object syncUnchanged() {
        return GeneratedDirectory.open(output).sync(List.of(plan.name()), files, true);
    }
}
