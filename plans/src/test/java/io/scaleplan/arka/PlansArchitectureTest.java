package io.scaleplan.arka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The plans' dependency rule (docs/architecture.md): plans are written against the DSL alone. */
@AnalyzeClasses(packages = "io.scaleplan.arka", importOptions = ImportOption.DoNotIncludeTests.class)
class PlansArchitectureTest {

    @ArchTest
    static final ArchRule plansUseTheDslOnly = classes()
            .that()
            .resideInAPackage("io.scaleplan.arka..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.scaleplan.arka..", "io.scaleplan.dsl..", "java..")
            .because("a plan is data written with the DSL (and the chart's generated handles): the compiler, the"
                    + " plugin and the test kit read plans, plans never call them");
}
