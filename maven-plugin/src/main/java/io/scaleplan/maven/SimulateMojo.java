package io.scaleplan.maven;

import io.scaleplan.compiler.simulate.SimulationOptions;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.Simulate;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code scaleplan simulate}: replays a load profile (the plan's own, or a CSV file) through the
 * HPA control loop and writes SIMULATION.md, timeline.csv and load-test.js (k6), and the charts
 * with {@code -Dscaleplan.chart}, to {@code target/scaleplan-simulate/PLAN/sim/}
 * ({@code EVENT/NN-PHASE/sim/} for an event): {@code mvn scaleplan:simulate -Dscaleplan.plan=shop}.
 * The same parameters, output and failures as the CLI command (a usage or plan error fails the
 * build, an unreadable load file or unwritable folder is an execution error). Run on its own, it
 * forks the compile phase first.
 */
@Mojo(name = "simulate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class SimulateMojo extends AbstractPlanMojo {

    /** The plan (or event) to simulate ({@code scaleplan simulate PLAN}). */
    @Parameter(property = "scaleplan.plan", required = true)
    String plan;

    /** An event's phase: {@code pre-scale}, {@code during}, {@code post-event} ({@code --phase}). */
    @Parameter(property = "scaleplan.phase")
    String phase;

    /** A CSV load profile (header {@code seconds,service,rps}) instead of the plan's own ({@code --load}). */
    @Parameter(property = "scaleplan.load")
    File load;

    /** Also draw chart.png and chart.svg ({@code --chart}). */
    @Parameter(property = "scaleplan.chart", defaultValue = "false")
    boolean chart;

    /** Output folder; files go to {@code DIR/PLAN/sim/} ({@code --output}). */
    @Parameter(property = "scaleplan.simulateDirectory", defaultValue = "${project.build.directory}/scaleplan-simulate")
    File simulateDirectory;

    /** Seconds from a pod's creation to Ready ({@code --ready-after}). */
    @Parameter(property = "scaleplan.readyAfter", defaultValue = "" + SimulationOptions.DEFAULT_READY_SECONDS)
    int readySeconds;

    /** Of {@code readyAfter}, the last seconds a new pod is Running but not Ready ({@code --running-unready}). */
    @Parameter(
            property = "scaleplan.runningUnready",
            defaultValue = "" + SimulationOptions.DEFAULT_RUNNING_UNREADY_SECONDS)
    int runningUnreadySeconds;

    /** How old the samples the HPA reads are, in seconds ({@code --metrics-lag}). */
    @Parameter(property = "scaleplan.metricsLag", defaultValue = "0")
    int metricsLagSeconds;

    @Override
    void beforeCompile() throws MojoFailureException {
        Optional<String> timing = Simulate.invalidTiming(readySeconds, runningUnreadySeconds, metricsLagSeconds);
        if (timing.isPresent()) {
            throw new MojoFailureException("scaleplan: " + timing.get());
        }
    }

    @Override
    List<String> selectedPlans() {
        return List.of(plan);
    }

    @Override
    void run(CompiledPlans compiled) throws MojoExecutionException, MojoFailureException {
        Simulate.Result result = Simulate.run(
                compiled,
                new Simulate.Request(
                        plan,
                        phase,
                        load == null ? null : load.toPath(),
                        chart,
                        simulateDirectory.toPath(),
                        readySeconds,
                        runningUnreadySeconds,
                        metricsLagSeconds,
                        shortest(sourceDirectory.toPath())));
        result.progress().forEach(getLog()::info);
        result.problems().forEach(getLog()::error);
        switch (result.outcome()) {
            case OK -> {}
            case IO -> throw new MojoExecutionException("scaleplan: simulate could not read or write (see above)");
            default -> throw new MojoFailureException("scaleplan: simulate failed; nothing written (see above)");
        }
    }
}
