package io.scaleplan.cli;

import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.dsl.ScalingPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the plans: name, namespace, release, services, source.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        java.util.List<LoadedPlan> plans = main.plans().load();
        if (plans.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no plans found in " + main.plans().describe()
                    + ": check that each plan class is annotated @Plan and implements PlanDefinition");
            err.flush();
            return ExitCodes.PLAN_ERRORS;
        }
        for (LoadedPlan p : plans) {
            if (p.plan().isPresent()) {
                ScalingPlan plan = p.plan().get();
                out.printf(
                        "%-20s namespace %-16s release %-12s %2d services  %s%n",
                        plan.name(),
                        String.join(
                                ",",
                                plan.namespaces().stream().map(n -> n.name()).toList()),
                        String.join(
                                ",",
                                plan.namespaces().stream()
                                        .map(n -> n.release().name())
                                        .toList()),
                        plan.services().size(),
                        p.definitionClass());
            } else {
                out.printf("%-20s (has errors: run compile)  %s%n", p.name(), p.definitionClass());
                failed = true;
            }
        }
        out.flush();
        return failed ? ExitCodes.PLAN_ERRORS : ExitCodes.OK;
    }
}
