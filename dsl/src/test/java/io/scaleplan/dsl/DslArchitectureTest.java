package io.scaleplan.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.scaleplan.dsl", importOptions = ImportOption.DoNotIncludeTests.class)
class DslArchitectureTest {

    @ArchTest
    static final ArchRule dslDependsOnTheJdkOnly = classes()
            .that()
            .resideInAPackage("io.scaleplan.dsl..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.scaleplan.dsl..", "java..")
            .because("plan authors get the DSL without pulling in the compiler's libraries");

    @ArchTest
    static final ArchRule modelRecordsAreRecords = classes()
            .that()
            .resideInAPackage("io.scaleplan.dsl")
            .and()
            .haveSimpleNameEndingWith("Builder")
            .should()
            .beNestedClasses()
            .because("every builder belongs to the record it builds (Spec + nested Builder)");
}
