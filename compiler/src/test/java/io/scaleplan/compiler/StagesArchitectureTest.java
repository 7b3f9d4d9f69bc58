package io.scaleplan.compiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.scaleplan.compiler.emit.Target;

/**
 * The stages of the compiler: resolve, then check, then emit (targets), then output and diff. Each
 * reads the stage before it, never a sibling: a rule never reads an output, a target never reads
 * another target's documents or the rules.
 */
@AnalyzeClasses(packages = "io.scaleplan.compiler", importOptions = ImportOption.DoNotIncludeTests.class)
class StagesArchitectureTest {
    private static final String RESOLVE = "io.scaleplan.compiler.resolve..";
    private static final String CHECK = "io.scaleplan.compiler.check..";
    private static final String EMIT = "io.scaleplan.compiler.emit..";

    @ArchTest
    static final ArchRule resolveReadsTheModelOnly = noClasses()
            .that()
            .resideInAPackage(RESOLVE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    CHECK,
                    EMIT,
                    "io.scaleplan.compiler.diff..",
                    "io.scaleplan.compiler.output..",
                    "io.scaleplan.compiler.git..",
                    "io.scaleplan.compiler.usecase..",
                    "io.scaleplan.cli..")
            .because("the resolved plan is computed from the model alone; rules and targets read it");

    @ArchTest
    static final ArchRule rulesDoNotReadOutputs = noClasses()
            .that()
            .resideInAPackage(CHECK)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(EMIT, "io.scaleplan.compiler.diff..", "io.scaleplan.compiler.output..")
            .because("a rule reads the resolved plan, never an output or its rendered text");

    @ArchTest
    static final ArchRule targetsDoNotReadTheRules = noClasses()
            .that()
            .resideInAPackage(EMIT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    CHECK,
                    "io.scaleplan.compiler.diff..",
                    "io.scaleplan.compiler.output..",
                    "io.scaleplan.compiler.git..",
                    "io.scaleplan.compiler.usecase..")
            .because("targets turn the resolved plan into documents; they neither check nor write");

    @ArchTest
    static final ArchRule targetsDoNotDependOnEachOther = slices().matching("io.scaleplan.compiler.emit.(*)..")
            .should()
            .notDependOnEachOther()
            .because("a target reads the resolved plan, never another target; shared values live in render");

    @ArchTest
    static final ArchRule targetsLiveInTheirOwnPackage = classes()
            .that()
            .implement(Target.class)
            .should()
            .resideInAPackage("io.scaleplan.compiler.emit.*")
            .andShould()
            .haveModifier(JavaModifier.FINAL);
}
