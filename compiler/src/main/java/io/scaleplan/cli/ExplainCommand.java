package io.scaleplan.cli;

import io.scaleplan.compiler.check.Rule;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.check.RulesDocument;
import java.io.PrintWriter;
import java.util.Locale;
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
        if (id == null) {
            out.print(RulesDocument.index());
            out.flush();
            return ExitCodes.OK;
        }
        Optional<Rule> rule = Rules.byId(id.toUpperCase(Locale.ROOT));
        if (rule.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no rule " + id + ": run 'scaleplan explain' to list them");
            err.flush();
            return ExitCodes.USAGE;
        }
        out.print(RulesDocument.entry(rule.get()));
        out.flush();
        return ExitCodes.OK;
    }
}
