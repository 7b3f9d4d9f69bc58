package io.scaleplan.cli;

import io.scaleplan.compiler.usecase.Explain;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "explain",
        description = "Explain a rule: what it checks, why it matters, how to fix it. Without an id, list every rule.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SP###", description = "The rule id, as a diagnostic prints it.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> text = id == null ? Optional.of(Explain.index()) : Explain.rule(id);
        if (text.isEmpty()) {
            return Failures.error(
                    "no rule " + id + ": run 'scaleplan explain' to list them",
                    spec.commandLine().getErr(),
                    ExitCodes.USAGE);
        }
        out.print(text.get());
        out.flush();
        return ExitCodes.OK;
    }
}
