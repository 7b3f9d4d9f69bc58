package io.scaleplan.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The processor's dependency rule (docs/architecture.md): it runs inside javac, beside the DSL, before any compiler stage. */
@AnalyzeClasses(packages = "io.scaleplan", importOptions = ImportOption.DoNotIncludeTests.class)
class ProcessorArchitectureTest {

    @ArchTest
    static final ArchRule processorUsesTheDslJavacAndItsLibrariesOnly = classes()
            .that()
            .resideInAPackage("io.scaleplan.processor..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.scaleplan.processor..",
                    "io.scaleplan.dsl..",
                    "java..",
                    "javax.annotation.processing..",
                    "javax.lang.model..",
                    "javax.tools..",
                    "com.sun.source..",
                    "com.palantir.javapoet..",
                    "com.fasterxml.jackson..")
            .because("the processor runs in javac on a plan author's build: it knows the DSL and the chart's"
                    + " schema, never the compiler (whose rules run after the plans are built)");
}
