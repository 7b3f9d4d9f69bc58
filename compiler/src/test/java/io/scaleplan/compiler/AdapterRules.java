package io.scaleplan.compiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every adapter of the use cases keeps (the CLI here, the Maven plugin in its module,
 * which runs them through {@code ArchTests.in(AdapterRules.class)}): the use cases know no adapter
 * and print nothing; an adapter drives no stage itself. docs/architecture.md names them.
 */
public final class AdapterRules {
    private AdapterRules() {}

    /**
     * Leaves out the compiler's test jar, which a module that runs these rules has on its class
     * path: its tests and rule fixtures are no adapter.
     */
    public static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String[] ADAPTERS = {"io.scaleplan.cli..", "io.scaleplan.maven.."};

    /** The classes that run a stage or touch the output folder or the repository: use cases call them. */
    private static final String ENGINES = "io\\.scaleplan\\.compiler\\.(output\\.GeneratedDirectory"
            + "|output\\.SimulationOutput|git\\.GeneratedTree|git\\.CommitCommand|simulate\\.Simulator)(\\$.*)?";

    @ArchTest
    public static final ArchRule useCasesKnowNoAdapter = noClasses()
            .that()
            .resideInAPackage("io.scaleplan.compiler.usecase..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.scaleplan.cli..", "io.scaleplan.maven..", "picocli..", "org.apache.maven..")
            .because("a use case serves the CLI and the Maven plugin alike: it returns a result, each adapter"
                    + " maps it onto its own exit (exit code, build failure, log)");

    @ArchTest
    public static final ArchRule useCasesPrintNothing = noClasses()
            .that()
            .resideInAPackage("io.scaleplan.compiler.usecase..")
            .should()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.Print(Writer|Stream)")
            .because("use cases return result values; printing them is the adapter's part");

    @ArchTest
    public static final ArchRule adaptersDriveNoStage = noClasses()
            .that()
            .resideInAnyPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .haveNameMatching(ENGINES)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.scaleplan.compiler.check..",
                    "io.scaleplan.compiler.resolve..",
                    "io.scaleplan.compiler.emit..",
                    "io.scaleplan.compiler.render..",
                    "io.scaleplan.compiler.simulate..")
            .orShould()
            .callMethod(
                    io.scaleplan.compiler.diff.OutputDiff.class,
                    "compareBytes",
                    java.util.Map.class,
                    java.util.Map.class)
            .because("the CLI and the plugin are thin adapters: what a command does (compile, check, diff, commit,"
                    + " simulate, explain) is a use case in io.scaleplan.compiler.usecase, written once");
}
