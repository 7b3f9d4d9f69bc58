package io.scaleplan.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.check.Rule;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.dsl.RuleId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule id is defined once, in {@link RuleId}, and described once, in {@link Rules}: no main
 * source of any module spells a rule id ({@code "SP105"}) in a string literal. Comments may cite
 * rules; code names them by constant.
 */
class RuleIdCatalogueTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> MAIN_SOURCES = List.of(
            "dsl/src/main/java",
            "processor/src/main/java",
            "compiler/src/main/java",
            "maven-plugin/src/main/java",
            "test-kit/src/main/java");
    /** Where ids are defined (RuleId) and where the rules are explained, citing one another (Rules). */
    private static final List<String> CATALOGUE = List.of(
            "dsl/src/main/java/io/scaleplan/dsl/RuleId.java",
            "compiler/src/main/java/io/scaleplan/compiler/check/Rules.java");

    private static final Pattern RULE_ID = Pattern.compile("SP[0-9]{3}");

    @Test
    void noRuleIdLiteralOutsideTheCatalogue() throws IOException {
        List<String> found = new ArrayList<>();
        for (String folder : MAIN_SOURCES) {
            Path dir = ROOT.resolve(folder);
            assertThat(dir).as(folder).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> CATALOGUE.stream().noneMatch(c -> f.endsWith(Path.of(c))))
                        .sorted()
                        .forEach(f ->
                                literalsNamingRules(read(f)).forEach(l -> found.add(ROOT.relativize(f) + ": " + l)));
            }
        }
        assertThat(found)
                .as("rule ids spelt as literals; name the rule by its constant (RuleId.X, Rules.X)")
                .isEmpty();
    }

    @Test
    void theScanFindsLiteralsButNotComments() {
        String source =
                """
                /** Reports SP003 when min exceeds max. */
                class A {
                    // SP002 as well
                    String a = "SP105";
                    String b = "[SP500] " + x; /* SP104 */
                    char c = '"';
                    String d = "quoted \\" SP120 inside";
                    String e = "SP10"; String f = "none";
                }
                """;
        assertThat(literalsNamingRules(source))
                .containsExactly("\"SP105\"", "\"[SP500] \"", "\"quoted \\\" SP120 inside\"");
    }

    @Test
    void everyIdHasOneCatalogueEntry() {
        assertThat(Rules.all()).extracting(Rule::ruleId).containsExactly(RuleId.values());
        for (RuleId id : RuleId.values()) {
            assertThat(Rules.byId(id.id())).contains(Rules.of(id));
            assertThat(RuleId.of(id.id())).contains(id);
        }
        assertThat(Arrays.stream(RuleId.values()).map(RuleId::id))
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(RuleId.of("SP999")).isEmpty();
        assertThat(RuleId.isWellFormed("SP999")).isTrue();
        assertThat(RuleId.isWellFormed("SP1050")).isFalse();
    }

    /** The string and text-block literals of {@code source} (outside comments) that contain a rule id. */
    static List<String> literalsNamingRules(String source) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = endOfQuoted(source, i, "'");
            } else if (c == '"') {
                String quote = source.startsWith("\"\"\"", i) ? "\"\"\"" : "\"";
                int end = endOfQuoted(source, i, quote);
                String literal = source.substring(i, end);
                if (RULE_ID.matcher(literal).find()) {
                    out.add(literal);
                }
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The index after the literal opened by {@code quote} at {@code start}, skipping escapes. */
    private static int endOfQuoted(String source, int start, String quote) {
        int i = start + quote.length();
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
