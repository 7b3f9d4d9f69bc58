package io.scaleplan.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.scaleplan.compiler.AdapterRules;

/**
 * The plugin's dependency rules (docs/architecture.md): it is an adapter of the use cases beside
 * the CLI, never of the CLI, and keeps the adapter rules the compiler's own test runs on the CLI.
 */
@AnalyzeClasses(
        packages = "io.scaleplan",
        importOptions = {ImportOption.DoNotIncludeTests.class, AdapterRules.DoNotIncludeTestJars.class})
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

    @ArchTest
    static final ArchTests adapters = ArchTests.in(AdapterRules.class);
}
