package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.Renderer;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.simulate.Simulation;
import io.scaleplan.compiler.simulate.SimulationOptions;
import io.scaleplan.compiler.simulate.Simulator;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sim} target: for a plan with a load profile, the simulation with the controller's
 * defaults, as {@code <plan>/sim/SIMULATION.md}, {@code timeline.csv} and the k6 script {@code
 * load-test.js}. Charts are drawn only by {@code scaleplan simulate --chart}.
 */
public final class SimulationEmitter implements Target {
    /** The target's name. */
    public static final String NAME = "sim";

    /** Its folder below the plan's. */
    public static final String DIR = "sim";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Document> documents(ResolvedPlan resolved, PlanFolder folder) {
        ScalingPlan plan = resolved.plan();
        if (plan.loadProfile().isEmpty()) {
            return List.of();
        }
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().get());
        return documents(sim, resolved.connections(), DIR);
    }

    /** The text documents of {@code sim} under {@code dir} (below the plan's folder). */
    public static List<Document> documents(Simulation sim, Optional<ConnectionBudget> budget, String dir) {
        return List.of(
                Document.text(NAME, "Markdown", dir + "/SIMULATION.md", SimulationReport.render(sim, budget)),
                Document.text(NAME, "K6Script", dir + "/load-test.js", K6Script.render(sim.plan(), sim.profile())),
                Document.text(NAME, "Csv", dir + "/timeline.csv", TimelineCsv.render(sim)));
    }

    /** The text files of {@code sim} under {@code folder}, for {@code scaleplan simulate}. */
    public static List<GeneratedFile> files(Simulation sim, String folder) {
        return documents(sim, ResolvedPlan.of(sim.plan()).connections(), folder).stream()
                .map(d -> new GeneratedFile(d.path(), Renderer.text(d)))
                .toList();
    }
}
