package io.scaleplan.cli;

import io.scaleplan.compiler.load.PlanBuildException;
import io.scaleplan.compiler.load.PlanGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "70:internal error (a bug in scaleplan), or plan code called System.exit",
            "74:reading or writing files failed"
        })
public final class Main implements Runnable {
    private final PlanSource plans;
    private final Path root;

    Main(PlanSource plans, Path root) {
        this.plans = plans;
        this.root = root;
    }

    /** Where the commands find their plans. */
    PlanSource plans() {
        return plans;
    }

    /** The project's root folder: default outputs are relative to it, wherever the command runs. */
    Path root() {
        return root;
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
        return run(plans, Path.of("").toAbsolutePath(), out, err, args);
    }

    /**
     * Runs the command line on the plans of {@code plans}, in the project at {@code root}; never
     * calls {@link System#exit(int)}.
     */
    public static int run(PlanSource plans, Path root, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli prints for it, without building the model of every command first
            try {
                for (String line : new Version().getVersion()) {
                    out.println(line);
                }
                out.flush();
                return ExitCodes.OK;
            } catch (IOException e) {
                // picocli reports it
            }
        }
        Main main = new Main(plans, root);
        CompilingCommand quick = QuickLine.parse(args, System::getenv);
        if (quick != null) {
            try {
                return quick.execute(main, out, err);
            } catch (Exception e) {
                return failed(e, err);
            }
        }
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine.getErr()));
        return cli.execute(args);
    }

    /** Ends a command that threw {@code e}: the exit code, the error printed to {@code err}. */
    private static int failed(Exception e, PrintWriter err) {
        if (e instanceof PlanBuildException build) {
            // javac's own diagnostics, as javac prints them
            err.print(build.getMessage());
            err.println("nothing written: the plans do not compile (javac's errors above)");
            err.flush();
            return ExitCodes.PLAN_ERRORS;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("error: " + io.getMessage());
            err.flush();
            return ExitCodes.IO;
        }
        err.println("internal error: " + e + " (this is a bug in scaleplan; please report it)");
        e.printStackTrace(err);
        return ExitCodes.SOFTWARE;
    }

    /**
     * The {@code scaleplan} launcher's entry point. {@code SCALEPLAN_PLANS_MODULE} names the plans
     * module whose sources are compiled (when changed) and run; without it, the plans on the class
     * path and on {@code SCALEPLAN_CLASS_PATH} (loaded by a class loader of their own, so that the
     * JVM's class path stays the CLI jar, which class-data sharing needs) are used as they are. {@code SCALEPLAN_ROOT} is the project root (else found by walking
     * up from the working folder). Plan code cannot end the process: see {@link PlanGuard}.
     */
    public static void main(String[] args) {
        PlanGuard.arm(System.err);
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        String module = System.getenv("SCALEPLAN_PLANS_MODULE");
        PlanSource plans = module == null || module.isEmpty()
                ? PlanSource.classPath(System.getenv("SCALEPLAN_CLASS_PATH"))
                : PlanSource.sources(Path.of(module));
        int code = run(plans, projectRoot(System.getenv("SCALEPLAN_ROOT"), Path.of("")), out, err, args);
        out.flush();
        err.flush();
        Training.runIfAsked();
        PlanGuard.disarm();
        System.exit(code);
    }

    /**
     * {@code explicit} when given; else the nearest folder at or above {@code from} that holds an
     * output folder with a manifest or a plans module; else {@code from}.
     */
    static Path projectRoot(String explicit, Path from) {
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path start = from.toAbsolutePath().normalize();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("generated/.scaleplan-manifest"))
                    || Files.isDirectory(d.resolve("plans/src/main/java"))) {
                return d;
            }
        }
        return start;
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
