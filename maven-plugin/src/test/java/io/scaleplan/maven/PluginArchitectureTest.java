package io.scaleplan.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.scaleplan", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTest {

    @ArchTest
    static final ArchRule pluginDoesNotUseTheCli = noClasses()
            .that()
            .resideInAPackage("io.scaleplan.maven..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.scaleplan.cli..", "picocli..")
            .because("the CLI and the plugin are two adapters of the same use cases: what both need lives in the"
                    + " compiler's packages");
}
