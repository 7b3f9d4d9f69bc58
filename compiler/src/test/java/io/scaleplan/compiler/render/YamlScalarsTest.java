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

    @Property
    void plainSafeIsThePattern(@ForAll @StringLength(max = 8) String s) {
        assertThat(YamlScalars.isPlainSafe(s))
                .isEqualTo(YamlScalars.PLAIN_SAFE.matcher(s).matches());
    }
}
