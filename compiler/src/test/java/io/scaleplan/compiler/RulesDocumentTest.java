package io.scaleplan.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.check.Rule;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.check.RulesDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md is the catalogue, rendered; rewrite it with -Dscaleplan.docs.update=true. */
class RulesDocumentTest {
    private static final Path DOC = Path.of("../docs/rules.md");

    @Test
    void docsListEveryRule() throws Exception {
        String expected = RulesDocument.markdown();
        if (Boolean.getBoolean("scaleplan.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/rules.md is stale: run ./mvnw -pl dsl,compiler test -Dscaleplan.docs.update=true")
                .isEqualTo(expected);
    }

    @Test
    void everyRuleIsComplete() {
        for (Rule r : Rules.all()) {
            assertThat(r.title()).as(r.id()).isNotBlank().doesNotEndWith(".");
            assertThat(r.explanation()).as(r.id()).endsWith(".");
            assertThat(r.fix()).as(r.id()).endsWith(".");
        }
    }
}
