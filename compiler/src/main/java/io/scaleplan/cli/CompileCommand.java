package io.scaleplan.cli;

import io.scaleplan.compiler.output.OutputRefusedException;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.Generate;
import io.scaleplan.compiler.usecase.UpToDate;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "compile",
        description = {
            "Compile the plans into the output folder.",
            "Only files whose bytes change are rewritten; files scaleplan wrote (listed in the folder's"
                    + " .scaleplan-manifest) that the plans no longer produce are removed; other files are never touched.",
            "All or nothing: a plan with an error, a hand-edited output (unless --force), a folder scaleplan does not"
                    + " own or a failed write leaves the folder as it was."
        })
final class CompileCommand extends CompilingCommand {
    @Option(
            names = {"-p", "--plan"},
            paramLabel = "NAME",
            description = "Compile only this plan (repeatable). Default: every plan.")
    List<String> only = new ArrayList<>();

    @Option(
            names = {"-q", "--quiet"},
            description = "Print diagnostics only, no summary.")
    boolean quiet;

    @Option(
            names = {"-f", "--force"},
            description = "Overwrite (or remove) outputs that were edited by hand, naming them.")
    boolean force;

    @Override
    List<String> selectedPlans() {
        return only;
    }

    @Override
    OptionalInt upToDate(UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        Optional<Generate.Fresh> fresh = Generate.upToDate(options.output(), inputs);
        if (fresh.isEmpty()) {
            return OptionalInt.empty();
        }
        fresh.get().printed().forEach(err::println);
        return OptionalInt.of(report(fresh.get().result(), out));
    }

    @Override
    int run(CompiledPlans compiled, PrintWriter out, PrintWriter err) {
        return run(compiled, UpToDate.Inputs.unknown(), out, err);
    }

    @Override
    int run(CompiledPlans compiled, UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        Generate.Result result;
        try {
            result = Generate.run(compiled, options.output(), force, inputs);
        } catch (OutputRefusedException e) {
            return Failures.refused(e, err);
        } catch (UncheckedIOException e) {
            return Failures.io(e, err);
        }
        return report(result, out);
    }

    private int report(Generate.Result result, PrintWriter out) {
        if (!quiet) {
            result.leftovers().forEach(p -> out.println("removed leftover of an interrupted run: " + p));
            result.plans().forEach(r -> out.println(r.summary()));
        }
        return ExitCodes.OK;
    }
}
