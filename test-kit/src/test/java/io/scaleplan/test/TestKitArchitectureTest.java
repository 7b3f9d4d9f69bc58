package io.scaleplan.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The test kit's dependency rule (docs/architecture.md): an adapter that compiles in memory only. */
@AnalyzeClasses(packages = "io.scaleplan", importOptions = ImportOption.DoNotIncludeTests.class)
class TestKitArchitectureTest {

    @ArchTest
    static final ArchRule testKitStaysInMemory = noClasses()
            .that()
            .resideInAPackage("io.scaleplan.test..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.scaleplan.compiler.output..",
                    "io.scaleplan.compiler.git..",
                    "io.scaleplan.compiler.usecase..",
                    "io.scaleplan.cli..",
                    "io.scaleplan.maven..",
                    "picocli..",
                    "org.eclipse.jgit..")
            .because("plan authors' tests assert on the compiled plan in memory: no output folder, no repository,"
                    + " no command line");
}
