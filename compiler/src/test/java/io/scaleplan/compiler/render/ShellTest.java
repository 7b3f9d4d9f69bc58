package io.scaleplan.compiler.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "arka-system|arka-system",
                "generated/black-friday/01-pre-scale/k8s|generated/black-friday/01-pre-scale/k8s",
                "oci://registry.example/charts/storefront|oci://registry.example/charts/storefront",
                "a b|'a b'",
                "it's|'it'\\''s'",
                "-rf|'-rf'",
                "$(reboot)|'$(reboot)'",
                "x;y|'x;y'"
            })
    void safeWordsStayPlainAndEverythingElseIsSingleQuoted(String value, String word) {
        assertThat(Shell.word(value)).isEqualTo(word);
    }
}
