package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.check.ConnectionBudget;
import io.scaleplan.compiler.emit.Emitter;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.simulate.Simulation;
import io.scaleplan.compiler.simulate.SimulationOptions;
import io.scaleplan.compiler.simulate.Simulator;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;

/**
 * The {@code sim} target: for a plan with a load profile, the simulation with the controller's
 * defaults, as {@code <plan>/sim/SIMULATION.md}, {@code timeline.csv} and the k6 script {@code
 * load-test.js}. Charts are drawn only by {@code scaleplan simulate --chart}.
 */
public final class SimulationEmitter implements Emitter {

    @Override
    public List<GeneratedFile> emit(ScalingPlan plan) {
        if (plan.loadProfile().isEmpty()) {
            return List.of();
        }
        Simulation sim = new Simulator(SimulationOptions.DEFAULTS)
                .run(plan, plan.loadProfile().get());
        return files(sim, plan.name() + "/sim");
    }

    /** The text files of {@code sim} under {@code folder}. */
    public static List<GeneratedFile> files(Simulation sim, String folder) {
        return List.of(
                new GeneratedFile(
                        folder + "/SIMULATION.md", SimulationReport.render(sim, ConnectionBudget.of(sim.plan()))),
                new GeneratedFile(folder + "/load-test.js", K6Script.render(sim.plan(), sim.profile())),
                new GeneratedFile(folder + "/timeline.csv", TimelineCsv.render(sim)));
    }
}
