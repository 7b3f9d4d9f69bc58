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

    /** The repository root (the build passes it; tests run from plans/ otherwise). */
    static Path root() {
        String root = System.getProperty("scaleplan.root");
        return root != null && !root.isBlank()
                ? Path.of(root)
                : Path.of("..").toAbsolutePath().normalize();
    }
}
