package io.scaleplan.arka;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.load.PlanLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ARKA plans as the build compiles them: found through the same ServiceLoader index. */
final class ArkaPlans {
    private ArkaPlans() {}

    static List<Compilation> compileAll() {
        List<LoadedPlan> loaded = PlanLoader.load(ArkaPlans.class.getClassLoader());
        return new PlanCompiler().compileAll(loaded);
    }

    /** Every output file of every plan, by path under generated/. */
    static Map<String, String> files() {
        Map<String, String> out = new TreeMap<>();
        for (Compilation c : compileAll()) {
            c.files().forEach(f -> out.put(f.path(), f.content()));
        }
        return out;
    }

    /**
     * The outputs of a plan whose usage-metering is a StatefulSet (ARKA has none; the package's
     * {@code @HelmChart} wants one of its services), under {@code statefulset/}: its HPA's
     * scaleTargetRef names kind StatefulSet, its alerts and dashboard the StatefulSet's series.
     */
    static Map<String, String> statefulSetFiles() {
        io.scaleplan.dsl.ScalingPlan plan = io.scaleplan.dsl.ScalingPlan.builder("statefulset")
                .namespace("bank")
                .helmRelease("ledger", "oci://registry.example/charts/ledger")
                .service("usage-metering", s -> s.statefulSet()
                        .requests(io.scaleplan.dsl.Units.cores(1), io.scaleplan.dsl.Units.gib(2))
                        .autoscale(a -> a.replicas(3, 7)
                                .cpuUtilization(io.scaleplan.dsl.Units.percent(70))
                                .podsMetric(
                                        "http_requests_per_second",
                                        300,
                                        io.scaleplan.dsl.MetricSource.rate("http_requests_total")))
                        .maxUnavailable(1)
                        .capacityPerPod(io.scaleplan.dsl.Units.rps(400))
                        .expectedLoad(io.scaleplan.dsl.Units.rps(1_500)))
                .build();
        Compilation c = new PlanCompiler().compile(plan);
        if (c.hasErrors()) {
            throw new AssertionError(c.diagnostics().toString());
        }
        Map<String, String> out = new TreeMap<>();
        c.files().forEach(f -> out.put(f.path(), f.content()));
        if (!out.get("statefulset/k8s/usage-metering-hpa.yaml").contains("kind: StatefulSet")
                || !out.containsKey("statefulset/k8s/usage-metering-pdb.yaml")) {
            throw new AssertionError("no StatefulSet HPA and PDB: " + out.keySet());
        }
        return out;
    }

    /** The repository root (the build passes it; tests run from plans/ otherwise). */
    static Path root() {
        String root = System.getProperty("scaleplan.root");
        return root != null && !root.isBlank()
                ? Path.of(root)
                : Path.of("..").toAbsolutePath().normalize();
    }
}
