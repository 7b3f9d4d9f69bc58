package io.scaleplan.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.scaleplan.cli.fixture.DrivesTheOutputFolder;
import io.scaleplan.compiler.usecase.fixture.PrintsItsResult;
import org.junit.jupiter.api.Test;

/** The adapter rules reject what they are there to reject (the architecture tests run them on the real classes). */
class AdapterRulesTest {

    private static final JavaClasses FIXTURES =
            new ClassFileImporter().importClasses(DrivesTheOutputFolder.class, PrintsItsResult.class);

    @Test
    void anAdapterThatWritesTheOutputFolderItselfBreaksTheRule() {
        assertThat(AdapterRules.adaptersDriveNoStage
                        .evaluate(FIXTURES)
                        .getFailureReport()
                        .getDetails())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("DrivesTheOutputFolder", "GeneratedDirectory"));
    }

    @Test
    void aUseCaseThatPrintsBreaksTheRule() {
        assertThat(AdapterRules.useCasesPrintNothing
                        .evaluate(FIXTURES)
                        .getFailureReport()
                        .getDetails())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("PrintsItsResult", "java.io.PrintWriter"));
    }
}
