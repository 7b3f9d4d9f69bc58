package io.scaleplan.compiler.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class YamlScalarsTest {

    /** The decision as the patterns alone state it, before the fast path for names. */
    private static boolean byPatterns(String s) {
        if (s.isEmpty() || !YamlScalars.PLAIN_SAFE.matcher(s).matches()) {
            return true;
        }
        return YamlScalars.RESERVED_WORDS.contains(s.toLowerCase(Locale.ROOT))
                || YamlScalars.NUMBER_LIKE.matcher(s).matches()
                || YamlScalars.TIMESTAMP_LIKE.matcher(s).matches();
    }

    @Property(tries = 5_000)
    void decidesAsThePatternsDo(
            @ForAll
                    @StringLength(max = 12)
                    @CharRange(from = '0', to = '9')
                    @CharRange(from = 'a', to = 'f')
                    @Chars({'n', 'o', 'x', 'y', 'E', 'N', 'I', '_', '.', '/', '-', '+', ':', '~', ' ', '#', 'é'})
                    String s) {
        assertThat(YamlScalars.needsQuotes(s)).as(s).isEqualTo(byPatterns(s));
    }

    /** Shapes the fast paths decide without the patterns, each against the patterns. */
    @org.junit.jupiter.api.Test
    void numberAndDateShapesDecideAsThePatternsDo() {
        for (String s : java.util.List.of(
                "1",
                "20",
                "1.3",
                "1.",
                "1..2",
                "1.2.3",
                "007",
                "08",
                "1_000",
                "0x1F",
                "0x1g",
                "0o17",
                "0b101",
                "1e3",
                "1E-3",
                "1e",
                "500m",
                "2Gi",
                "1k",
                "1.5Gi",
                "2001-12-14",
                "2001-1-1",
                "2001-1-1x",
                "2001-12-14t21",
                "200-12-14",
                "20011-2-14",
                "2001_12_14",
                "9999-99-99",
                "1-2",
                "1/2",
                "y",
                "Y",
                "yes",
                "YES",
                "no",
                "On",
                "oFF",
                "TRUE",
                "False",
                "NULL",
                "nu",
                "yess",
                "tru",
                "o")) {
            assertThat(YamlScalars.needsQuotes(s)).as(s).isEqualTo(byPatterns(s));
        }
    }

    @Property
    void plainSafeIsThePattern(@ForAll @StringLength(max = 8) String s) {
        assertThat(YamlScalars.isPlainSafe(s))
                .isEqualTo(YamlScalars.PLAIN_SAFE.matcher(s).matches());
    }
}
