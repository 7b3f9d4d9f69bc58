package io.scaleplan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scaleplan} command line. */
@Command(
        name = "scaleplan",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {
            CompileCommand.class,
            DiffCommand.class,
            CheckCommand.class,
            CommitCommand.class,
            ListCommand.class,
            ExplainCommand.class,
            SimulateCommand.class,
            ImportCommand.class,
            DriftCommand.class,
            CommandLine.HelpCommand.class
        },
        description =
                "Compiles scaling plans (type-checked Java) into Helm values, HPA and PDB manifests, PostgreSQL tuning SQL and Redis configuration.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:differences found (check, diff --exit-code)",
            "2:a plan has errors; nothing was written",
            "3:refused (not a Git repository, merge in progress, hand edits, ...); nothing was changed",
            "64:wrong command line",
            "70:internal error (a bug in scaleplan)",
            "74:reading or writing files failed"
        })
public final class Main implements Runnable {
    private final PlanSource plans;

    private Main(PlanSource plans) {
        this.plans = plans;
    }

    /** Where the commands find their plans. */
    PlanSource plans() {
        return plans;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'scaleplan --help'");
    }

    /** Runs the command line and returns its exit code; never calls {@link System#exit(int)}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(PlanSource.classPath(), out, err, args);
    }

    /** Runs the command line on the plans of {@code plans}; never calls {@link System#exit(int)}. */
    public static int run(PlanSource plans, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(plans));
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("internal error: " + e + " (this is a bug in scaleplan; please report it)");
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.SOFTWARE;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"scaleplan " + p.getProperty("version", "unknown")};
        }
    }
}
