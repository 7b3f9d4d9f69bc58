package io.scaleplan.cli;

import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.git.GitRefusalException;
import io.scaleplan.compiler.report.Shown;
import io.scaleplan.compiler.usecase.Baseline;
import io.scaleplan.compiler.usecase.Check;
import io.scaleplan.compiler.usecase.CompiledPlans;
import io.scaleplan.compiler.usecase.UpToDate;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        name = "check",
        description = {
            "Check that the output folder on disk (with --committed: as committed at HEAD) matches the plans, for CI"
                    + " and pre-commit hooks.",
            "Exit 0 when up to date, 1 when stale (listing what differs), 2 when the plans have errors."
        })
final class CheckCommand extends CompilingCommand {
    @Parameters(paramLabel = "PLAN", arity = "0..*", description = "Check only these plans. Default: every plan.")
    List<String> only = new ArrayList<>();

    @picocli.CommandLine.Option(
            names = "--committed",
            description = "Compare with the output folder as committed at HEAD, not as on disk: what CI checks, since"
                    + " building (./mvnw package, ./scaleplan) rewrites the folder on disk.")
    boolean committed;

    @Override
    List<String> selectedPlans() {
        return only;
    }

    @Override
    OptionalInt upToDate(UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        if (committed) {
            return OptionalInt.empty();
        }
        Optional<Check.Fresh> fresh = Check.upToDate(options.output(), inputs);
        if (fresh.isEmpty()) {
            return OptionalInt.empty();
        }
        fresh.get().printed().forEach(err::println);
        return OptionalInt.of(
                report(fresh.get().result(), fresh.get().plans(), fresh.get().files(), out, err));
    }

    @Override
    int run(CompiledPlans compiled, PrintWriter out, PrintWriter err) {
        return run(compiled, UpToDate.Inputs.unknown(), out, err);
    }

    @Override
    int run(CompiledPlans compiled, UpToDate.Inputs inputs, PrintWriter out, PrintWriter err) {
        Check.Result result;
        try {
            result = Check.run(compiled, options.output(), committed ? Baseline.HEAD : Baseline.DISK, false);
        } catch (GitRefusalException e) {
            return Failures.error(e.refusal().explain(), err, ExitCodes.REFUSED);
        } catch (UncheckedIOException e) {
            return Failures.io(e, err);
        }
        if (!committed) {
            // a folder found to match every plan is what a compile would leave: the next check of
            // the same inputs answers without compiling (after ./mvnw package, say)
            Check.remember(result, compiled, options.output(), inputs);
        }
        return report(result, compiled.plans(), compiled.files().size(), out, err);
    }

    private int report(Check.Result result, List<String> plans, int files, PrintWriter out, PrintWriter err) {
        String shown = Shown.path(options.output()) + (committed ? " as committed at HEAD" : "");
        if (result.upToDate()) {
            out.println(shown + " is up to date: " + files + " files of " + String.join(", ", plans));
            return ExitCodes.OK;
        }
        if (!result.diff().isEmpty()) {
            out.print(new TextReport(false, false).render(result.diff()));
        }
        result.problems(Shown.path(options.output())).forEach(out::println);
        out.flush();
        err.println(shown + " is stale: run ./mvnw package (or scaleplan compile) and commit it (./scaleplan commit"
                + " commits the plan sources with it)");
        return ExitCodes.DIFFERENCES;
    }
}
