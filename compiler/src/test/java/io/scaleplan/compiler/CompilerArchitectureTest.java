package io.scaleplan.compiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The compiler module's dependency rules (docs/architecture.md, "Dependency rules"): the stages
 * as layers, pure emitters, the CLI outermost; {@link AdapterRules} for the use cases and their
 * adapters (run again in the Maven plugin's module).
 */
@AnalyzeClasses(packages = "io.scaleplan", importOptions = ImportOption.DoNotIncludeTests.class)
class CompilerArchitectureTest {

    /**
     * The stages, inside out: what a layer may be used by. The model stages (check, resolve, emit,
     * render, simulate) are one layer here; their order among themselves is the targets' rule.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Stages")
            .definedBy(
                    "io.scaleplan.compiler.check..",
                    "io.scaleplan.compiler.resolve..",
                    "io.scaleplan.compiler.emit..",
                    "io.scaleplan.compiler.render..",
                    "io.scaleplan.compiler.simulate..")
            .layer("Load")
            .definedBy("io.scaleplan.compiler.load..")
            .layer("Pipeline")
            .definedBy("io.scaleplan.compiler")
            .layer("Workspace")
            .definedBy("io.scaleplan.compiler.output..", "io.scaleplan.compiler.diff..", "io.scaleplan.compiler.git..")
            .layer("Estate")
            .definedBy("io.scaleplan.compiler.importer..", "io.scaleplan.compiler.drift..")
            .layer("Report")
            .definedBy("io.scaleplan.compiler.report..")
            .layer("UseCases")
            .definedBy("io.scaleplan.compiler.usecase..")
            .layer("Cli")
            .definedBy("io.scaleplan.cli..")
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("UseCases")
            .mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Report")
            .mayOnlyBeAccessedByLayers("UseCases", "Cli")
            .whereLayer("Estate")
            .mayOnlyBeAccessedByLayers("UseCases", "Cli")
            .whereLayer("Workspace")
            .mayOnlyBeAccessedByLayers("Estate", "UseCases", "Cli")
            .whereLayer("Pipeline")
            .mayOnlyBeAccessedByLayers("Report", "UseCases", "Cli")
            .whereLayer("Load")
            .mayOnlyBeAccessedByLayers("Pipeline", "UseCases", "Cli")
            .whereLayer("Stages")
            .mayOnlyBeAccessedByLayers("Load", "Pipeline", "Workspace", "Estate", "Report", "UseCases", "Cli")
            .because("each stage uses only the stages before it (dsl → load → check/resolve → emit → render → output"
                    + " → diff → git → use cases → CLI); the Maven plugin and the test kit sit beside the CLI");

    @ArchTest
    static final ArchTests adapters = ArchTests.in(AdapterRules.class);

    @ArchTest
    static final ArchRule emittersDoNoIo = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.scaleplan.compiler.emit..",
                    "io.scaleplan.compiler.render..",
                    "io.scaleplan.compiler.check..",
                    "io.scaleplan.compiler.simulate..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching(
                    "java\\.io\\.File(In|Out)putStream|java\\.io\\.File(Reader|Writer)|java\\.io\\.RandomAccessFile")
            .because("emitters are pure functions of the model; only output and git touch the disk");

    @ArchTest
    static final ArchRule nothingDependsOnTheCli = noClasses()
            .that()
            .resideOutsideOfPackage("io.scaleplan.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.scaleplan.cli..")
            .because("the CLI is the outermost layer; the Maven plugin and tests use the compiler directly");

    @ArchTest
    static final ArchRule picocliStaysInTheCli = noClasses()
            .that()
            .resideOutsideOfPackage("io.scaleplan.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule emittersImplementEmitter = classes()
            .that()
            .resideInAPackage("io.scaleplan.compiler.emit..")
            .and()
            .haveSimpleNameEndingWith("Emitter")
            .and()
            .areNotInterfaces()
            .should()
            .implement(io.scaleplan.compiler.emit.Target.class);
}
