package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@link QuickLine} against picocli: a command line it parses is one picocli parses without error
 * or help request into the same command with the same option values; everything else it leaves
 * to picocli.
 */
class QuickLineTest {
    private static final List<String> WORDS = List.of(
            "compile",
            "check",
            "diff",
            "commit",
            "list",
            "help",
            "-o",
            "--output",
            "--output=out",
            "-oout",
            "-o=out",
            "--output=",
            "--source-root",
            "--source-root=src",
            "--strict",
            "--strict=true",
            "-p",
            "--plan",
            "--plan=a",
            "-pa",
            "-q",
            "--quiet",
            "-f",
            "--force",
            "-qf",
            "--committed",
            "--worktree",
            "--base",
            "--base=main",
            "-u",
            "--unified",
            "--format",
            "--format=markdown",
            "--format=text",
            "--format=json",
            "--color",
            "--color=never",
            "--color=always",
            "--color=auto",
            "--color=NEVER",
            "markdown",
            "text",
            "never",
            "always",
            "auto",
            "--exit-code",
            "--exit-code=true",
            "-h",
            "--help",
            "-V",
            "--version",
            "--",
            "-",
            "",
            "@args",
            "a",
            "b",
            "out",
            "src",
            "main",
            "-x",
            "--frobnicate",
            "--OUTPUT",
            "-uq",
            "a b",
            "out/../x",
            "--plan=",
            "=",
            "-",
            "--=x");

    /** Words each of which some position of some common command line takes, so that most lines parse. */
    private static final List<String> PLAUSIBLE = List.of(
            "-o",
            "out",
            "--output",
            "--output=out",
            "--strict",
            "-p",
            "a",
            "--plan=a",
            "-q",
            "--quiet",
            "-f",
            "--force",
            "--committed",
            "--worktree",
            "--base",
            "main",
            "-u",
            "--unified",
            "--format",
            "markdown",
            "--format=text",
            "--color",
            "never",
            "--color=always",
            "--exit-code",
            "--source-root",
            "src");

    @Provide
    Arbitrary<List<String>> commandLines() {
        return lines(WORDS);
    }

    @Provide
    Arbitrary<List<String>> plausibleLines() {
        return lines(PLAUSIBLE);
    }

    private static Arbitrary<List<String>> lines(List<String> words) {
        Arbitrary<String> command = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("compile", "check", "diff")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(WORDS)));
        Arbitrary<List<String>> rest = Arbitraries.of(words).list().ofMaxSize(6);
        return net.jqwik.api.Combinators.combine(command, rest).as((c, r) -> {
            List<String> line = new ArrayList<>();
            line.add(c);
            line.addAll(r);
            return line;
        });
    }

    @Property(tries = 1500)
    void aLineParsedWithoutPicocliIsParsedByPicocliIntoTheSameCommand(@ForAll("commandLines") List<String> line)
            throws Exception {
        agreesWithPicocli(line, 5);
    }

    @Property(tries = 1500)
    void aPlausibleLineParsedWithoutPicocliIsParsedByPicocliIntoTheSameCommand(
            @ForAll("plausibleLines") List<String> line) throws Exception {
        agreesWithPicocli(line, 10);
    }

    private static void agreesWithPicocli(List<String> line, int parsedPercent) throws Exception {
        String[] args = line.toArray(String[]::new);
        CompilingCommand quick = QuickLine.parse(args, System::getenv);
        Statistics.collect(quick != null ? "parsed" : "left to picocli");
        // the property would hold vacuously if (almost) nothing were parsed
        Statistics.coverage(c -> c.check("parsed").percentage(p -> p > parsedPercent));
        if (quick == null) {
            return;
        }
        CommandLine.ParseResult parsed = picocli().parseArgs(args);
        assertThat(parsed.errors()).as(line.toString()).isEmpty();
        assertThat(parsed.hasSubcommand()).as(line.toString()).isTrue();
        CommandLine.ParseResult sub = parsed.subcommand();
        assertThat(sub.isUsageHelpRequested() || sub.isVersionHelpRequested()).isFalse();
        assertThat(options(quick))
                .as(line.toString())
                .isEqualTo(options(sub.commandSpec().userObject()));
    }

    @Test
    void theCommonLinesAreParsedWithoutPicocli() throws Exception {
        List<List<String>> lines = List.of(
                List.of("compile"),
                List.of("compile", "-o", "out"),
                List.of("compile", "--output", "out", "--quiet", "--strict"),
                List.of("compile", "-p", "a", "--plan", "b", "--plan=c", "-f"),
                List.of("check"),
                List.of("check", "--committed"),
                List.of("check", "-o", "out", "a", "b"),
                List.of("diff", "--exit-code", "--color=never", "-o", "out"),
                List.of("diff", "--base", "origin/main", "--format", "markdown"),
                List.of("diff", "--worktree", "-u", "--source-root", "src", "a"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            CompilingCommand quick = QuickLine.parse(args, System::getenv);
            assertThat(quick).as(line.toString()).isNotNull();
            assertThat(options(quick))
                    .as(line.toString())
                    .isEqualTo(options(
                            picocli().parseArgs(args).subcommand().commandSpec().userObject()));
        }
    }

    @Test
    void helpVersionTyposAndOtherCommandsAreLeftToPicocli() {
        List<List<String>> lines = List.of(
                List.of(),
                List.of("--help"),
                List.of("--version"),
                List.of("help", "check"),
                List.of("check", "--help"),
                List.of("compile", "-h"),
                List.of("diff", "-V"),
                List.of("compile", "--frobnicate"),
                List.of("compile", "extra"),
                List.of("compile", "-o"),
                List.of("compile", "-o", "a", "-o", "b"),
                List.of("compile", "--quiet", "--quiet"),
                List.of("compile", "-qf"),
                List.of("compile", "-oout"),
                List.of("check", "--", "a"),
                List.of("check", "@args"),
                List.of("diff", "--color=NEVER"),
                List.of("diff", "--format", "json"),
                List.of("diff", "--base", "--worktree"),
                List.of("commit"),
                List.of("list"),
                List.of("simulate"),
                List.of("Check"));
        for (List<String> line : lines) {
            assertThat(QuickLine.parse(line.toArray(String[]::new), System::getenv))
                    .as(line.toString())
                    .isNull();
        }
    }

    @Test
    void theVersionIsWhatPicocliPrints() {
        java.io.StringWriter picocli = new java.io.StringWriter();
        picocli().printVersionHelp(new java.io.PrintWriter(picocli, true));
        for (String flag : new String[] {"--version", "-V"}) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = Main.run(
                    PlanSource.of(List.of()),
                    Path.of(""),
                    new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err),
                    flag);
            assertThat(code).isZero();
            assertThat(out.toString()).isEqualTo(picocli.toString()).startsWith("scaleplan ");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void theSourceRootDefaultsToTheEnvironmentsAsPicocliReadsIt() {
        CompilingCommand command = QuickLine.parse(
                new String[] {"check"}, name -> name.equals("SCALEPLAN_SOURCE_ROOT") ? "plans/src/main/java" : null);
        assertThat(command.options.sourceRoot()).isEqualTo(Path.of("plans/src/main/java"));
        CompilingCommand given = QuickLine.parse(
                new String[] {"check", "--source-root", "x"},
                name -> name.equals("SCALEPLAN_SOURCE_ROOT") ? "plans/src/main/java" : null);
        assertThat(given.options.sourceRoot()).isEqualTo(Path.of("x"));
        assertThat(QuickLine.parse(new String[] {"check"}, name -> "")).isNull();
        assertThat(QuickLine.parse(new String[] {"check"}, name -> null).options.sourceRoot())
                .isNull();
    }

    private static CommandLine picocli() {
        return new CommandLine(new Main(PlanSource.of(List.of()), Path.of("")));
    }

    /** Every option and parameter of a command, its compile options and their source root, by name. */
    private static Map<String, Object> options(Object command) throws IllegalAccessException {
        Map<String, Object> values = new TreeMap<>();
        values.put("class", command.getClass().getName());
        collect(command, command.getClass(), "", values);
        return values;
    }

    private static void collect(Object object, Class<?> type, String prefix, Map<String, Object> values)
            throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                field.setAccessible(true);
                if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
                    values.put(prefix + field.getName(), field.get(object));
                } else if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                    Object mixin = field.get(object);
                    values.put(prefix + field.getName(), mixin == null ? null : "mixin");
                    if (mixin != null) {
                        collect(mixin, mixin.getClass(), prefix + field.getName() + ".", values);
                    }
                }
            }
        }
    }
}
