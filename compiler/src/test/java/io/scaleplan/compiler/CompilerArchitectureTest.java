package io.scaleplan.compiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.scaleplan", importOptions = ImportOption.DoNotIncludeTests.class)
class CompilerArchitectureTest {

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
