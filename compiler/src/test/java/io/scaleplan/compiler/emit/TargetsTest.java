package io.scaleplan.compiler.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry: adding a target is one line there, and a target not listed there is a mistake. */
class TargetsTest {

    @Test
    void everyTargetInTheCodeIsRegisteredOnceUnderItsOwnName() {
        Set<String> implementations = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("io.scaleplan.compiler")
                        .stream()
                        .filter(c -> c.isAssignableTo(Target.class) && !c.isInterface())
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());
        assertThat(implementations).hasSizeGreaterThanOrEqualTo(8);
        assertThat(Targets.ALL)
                .extracting(t -> t.getClass().getName())
                .containsExactlyInAnyOrderElementsOf(implementations);
        assertThat(Targets.ALL).extracting(Target::name).doesNotHaveDuplicates();
    }
}
