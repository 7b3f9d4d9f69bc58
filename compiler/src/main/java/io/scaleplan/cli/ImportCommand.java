package io.scaleplan.cli;

import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.usecase.Import;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        description = {
            "Write a plan source from an existing estate: Kubernetes YAML (files, folders, kustomize folders,"
                    + " kubectl get -o yaml), Helm values files, postgresql.conf / postgresql.auto.conf / ALTER SYSTEM"
                    + " SQL / pg_settings output, redis.conf / CONFIG SET / CONFIG GET output.",
            "What a plan cannot say is kept as a comment and reported as a warning with its file:line. Exit 0 when"
                    + " written, 2 when the input has errors (nothing is written)."
        })
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files and folders to import, in order.")
    List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--plans-dir",
            paramLabel = "DIR",
            defaultValue = "plans/src/main/java",
            description = "The plans' source folder (default: ${DEFAULT-VALUE}).")
    Path plansDir;

    @Option(
            names = "--package",
            paramLabel = "PKG",
            description = "The plan's package. Default: the package whose package-info.java declares @HelmChart.")
    String packageName;

    @Option(
            names = "--plan",
            paramLabel = "NAME",
            description = "The plan's name. Default: the name in scaleplan's headers, else \"imported\".")
    String planName;

    @Option(names = "--class", paramLabel = "NAME", description = "The class name. Default: from the plan's name.")
    String className;

    @Option(names = "--namespace", paramLabel = "NS", description = "The namespace. Default: the objects'.")
    String namespace;

    @Option(names = "--release", paramLabel = "NAME", description = "The platform chart's Helm release.")
    String release;

    @Option(names = "--chart", paramLabel = "REF", description = "The chart reference, e.g. ./arka-engine.")
    String chart;

    @Option(
            names = "--stated",
            description = "Also state PostgreSQL settings equal to what scaleplan derives (default: left to it).")
    boolean stated;

    @Option(names = "--force", description = "Replace an existing plan source of that name.")
    boolean force;

    @Option(names = "--dry-run", description = "Print the plan source; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Import.Outcome outcome = Import.run(new Import.Options(
                inputs, plansDir, packageName, planName, className, namespace, release, chart, stated, force, dryRun));
        for (ImportProblem p : outcome.problems()) {
            err.println(p.format());
        }
        if (outcome.failed()) {
            outcome.failureSummary().forEach(err::println);
            err.flush();
            return ExitCodes.PLAN_ERRORS;
        }
        err.flush();
        if (dryRun) {
            out.print(outcome.sources());
        } else {
            outcome.written().forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
