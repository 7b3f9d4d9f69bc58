package io.scaleplan.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The command lines of {@code compile}, {@code check} and {@code diff} that scripts, hooks and
 * users type most, parsed without picocli: picocli builds its model of every command from their
 * annotations by reflection on each run, and loads 176 classes that no class-data archive can hold
 * (its class files are Java 5's), about half the CPU of an up-to-date {@code check}
 * (bench/RESULTS.md). Only a command line this class understands completely is parsed here: its
 * options spelled exactly as declared, each given once (but {@code compile --plan}), values that
 * do not look like options; anything else (help, version, a typo, a usage error, an {@code @file},
 * {@code --}, the other commands) is left to picocli, which answers as it always has. A line
 * parsed here sets the same fields picocli would set (QuickLineTest checks both on generated
 * command lines).
 */
final class QuickLine {
    private enum Kind {
        FLAG,
        VALUE,
        LIST
    }

    private record Spec(String field, Kind kind) {}

    private static final Map<String, Spec> COMMON = Map.of(
            "-o", new Spec("output", Kind.VALUE),
            "--output", new Spec("output", Kind.VALUE),
            "--source-root", new Spec("source-root", Kind.VALUE),
            "--strict", new Spec("strict", Kind.FLAG));

    private static final Map<String, Map<String, Spec>> OPTIONS = Map.of(
            "compile",
            Map.of(
                    "-p", new Spec("plan", Kind.LIST),
                    "--plan", new Spec("plan", Kind.LIST),
                    "-q", new Spec("quiet", Kind.FLAG),
                    "--quiet", new Spec("quiet", Kind.FLAG),
                    "-f", new Spec("force", Kind.FLAG),
                    "--force", new Spec("force", Kind.FLAG)),
            "check",
            Map.of("--committed", new Spec("committed", Kind.FLAG)),
            "diff",
            Map.of(
                    "--worktree", new Spec("worktree", Kind.FLAG),
                    "--base", new Spec("base", Kind.VALUE),
                    "-u", new Spec("unified", Kind.FLAG),
                    "--unified", new Spec("unified", Kind.FLAG),
                    "--format", new Spec("format", Kind.VALUE),
                    "--color", new Spec("color", Kind.VALUE),
                    "--exit-code", new Spec("exit-code", Kind.FLAG)));

    private QuickLine() {}

    /**
     * The command of {@code args} with its options set as picocli would set them, or null when
     * picocli is to parse the line. {@code env} reads the environment (the default of {@code
     * --source-root}).
     */
    static CompilingCommand parse(String[] args, UnaryOperator<String> env) {
        if (args.length == 0 || !OPTIONS.containsKey(args[0])) {
            return null;
        }
        Map<String, Spec> own = OPTIONS.get(args[0]);
        CompilingCommand command;
        List<String> positional;
        switch (args[0]) {
            case "compile" -> {
                command = new CompileCommand();
                positional = null;
            }
            case "check" -> {
                CheckCommand check = new CheckCommand();
                command = check;
                positional = check.only;
            }
            default -> {
                DiffCommand diff = new DiffCommand();
                diff.format = DiffCommand.Format.text;
                diff.colour = Colour.AUTO;
                command = diff;
                positional = diff.only;
            }
        }
        CompileOptions options = new CompileOptions();
        options.sourceRoot = new SourceRootOption();
        command.options = options;
        String sourceRoot = env.apply("SCALEPLAN_SOURCE_ROOT");
        if (sourceRoot != null) {
            if (sourceRoot.isEmpty() || sourceRoot.contains("${")) {
                return null;
            }
            options.sourceRoot.path = path(sourceRoot);
            if (options.sourceRoot.path == null) {
                return null;
            }
        }
        Set<String> given = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.startsWith("@")) {
                return null;
            }
            if (!arg.startsWith("-")) {
                if (positional == null) {
                    return null;
                }
                positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Spec spec = own.containsKey(name) ? own.get(name) : COMMON.get(name);
            if (spec == null || (!given.add(spec.field()) && spec.kind() != Kind.LIST)) {
                return null;
            }
            if (spec.kind() == Kind.FLAG) {
                if (value != null) {
                    return null;
                }
            } else if (value == null) {
                if (i + 1 == args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (value != null && (value.isEmpty() || value.startsWith("-") || value.startsWith("@"))) {
                return null;
            }
            if (!set(command, spec.field(), value)) {
                return null;
            }
        }
        return command;
    }

    /** Sets the option {@code field} of {@code command} to {@code value} (null for a flag): false when picocli is to. */
    private static boolean set(CompilingCommand command, String field, String value) {
        CompileOptions options = command.options;
        switch (field) {
            case "output" -> options.output = path(value);
            case "source-root" -> options.sourceRoot.path = path(value);
            case "strict" -> options.strict = true;
            case "plan" -> ((CompileCommand) command).only.add(value);
            case "quiet" -> ((CompileCommand) command).quiet = true;
            case "force" -> ((CompileCommand) command).force = true;
            case "committed" -> ((CheckCommand) command).committed = true;
            case "worktree" -> ((DiffCommand) command).worktree = true;
            case "base" -> ((DiffCommand) command).base = value;
            case "unified" -> ((DiffCommand) command).unified = true;
            case "exit-code" -> ((DiffCommand) command).exitCode = true;
            case "format" -> {
                switch (value) {
                    case "text" -> ((DiffCommand) command).format = DiffCommand.Format.text;
                    case "markdown" -> ((DiffCommand) command).format = DiffCommand.Format.markdown;
                    default -> {
                        return false;
                    }
                }
            }
            case "color" -> {
                switch (value) {
                    case "auto" -> ((DiffCommand) command).colour = Colour.AUTO;
                    case "always" -> ((DiffCommand) command).colour = Colour.ALWAYS;
                    case "never" -> ((DiffCommand) command).colour = Colour.NEVER;
                    default -> {
                        return false;
                    }
                }
            }
            default -> throw new IllegalStateException(field);
        }
        return !(field.equals("output") && options.output == null
                || field.equals("source-root") && options.sourceRoot.path == null);
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
