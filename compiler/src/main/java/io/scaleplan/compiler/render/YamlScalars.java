package io.scaleplan.compiler.render;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which strings may be written as plain YAML scalars. A plain scalar is written only when
 * both YAML 1.1 (Helm's go-yaml, SnakeYAML) and YAML 1.2 (core schema) readers resolve it to the
 * same string; everything else is quoted. So {@code on}, {@code no}, {@code y}, {@code 1.10},
 * {@code 0777}, {@code 1_000}, {@code 12:30}, {@code 2001-12-14} and {@code ~} come out quoted.
 */
public final class YamlScalars {
    /** Deliberately narrow: no indicators, blanks, colons or '#', so no context can change the meaning. */
    static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");

    static final Set<String> RESERVED_WORDS = Set.of(
            // YAML 1.1 booleans
            "y",
            "yes",
            "n",
            "no",
            "true",
            "false",
            "on",
            "off",
            // nulls (1.1 and 1.2)
            "null",
            "~");

    private static final String[] RESERVED_LIST = RESERVED_WORDS.toArray(String[]::new);

    // YAML 1.1 int and float (with '_' separators, sexagesimal, octal, hex, binary) and 1.2 core
    // schema numbers. Anything that looks remotely numeric is quoted.
    static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?"
                    + "|\\.[0-9_]+([eE][-+]?[0-9]+)?|\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))");
    // YAML 1.1 timestamps (and their date-only form).
    static final Pattern TIMESTAMP_LIKE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");

    private YamlScalars() {}

    /** Whether {@code s} must be quoted to be read back as this string by YAML 1.1 and 1.2 readers. */
    public static boolean needsQuotes(String s) {
        if (s.isEmpty() || !isPlainSafe(s)) {
            return true;
        }
        if (isReservedWord(s)) {
            return true;
        }
        // Both patterns below need a digit first (PLAIN_SAFE excludes '+', '-' and '.' there): names
        // skip the regular expressions, which were most of the time spent rendering a large plan.
        char first = s.charAt(0);
        if (first < '0' || first > '9') {
            return false;
        }
        // Without the regular expressions where the answer is plain: digits with at most one dot
        // (1, 20, 1.3) match NUMBER_LIKE; a character that NUMBER_LIKE never matches (500m, 2Gi)
        // rules it out; TIMESTAMP_LIKE needs its '-' fifth.
        int kind = numberShape(s);
        if (kind == DECIMAL) {
            return true;
        }
        return (kind == MAYBE_NUMBER && NUMBER_LIKE.matcher(s).matches())
                || (s.length() >= 8
                        && s.charAt(4) == '-'
                        && TIMESTAMP_LIKE.matcher(s).matches());
    }

    private static final int DECIMAL = 0;
    private static final int MAYBE_NUMBER = 1;
    private static final int NOT_A_NUMBER = 2;

    /**
     * {@link #DECIMAL} for digits with at most one dot, {@link #NOT_A_NUMBER} when {@code s} has a
     * character {@link #NUMBER_LIKE} cannot match, else {@link #MAYBE_NUMBER}.
     */
    private static int numberShape(String s) {
        int dots = 0;
        boolean digitsAndDots = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                digitsAndDots = false;
                if (c >= 128 || !NUMBER_CHARACTER[c]) {
                    return NOT_A_NUMBER;
                }
            }
        }
        return digitsAndDots && dots <= 1 ? DECIMAL : MAYBE_NUMBER;
    }

    /**
     * Whether {@code s}, lower-cased, is one of {@link #RESERVED_WORDS}, without lower-casing it: {@code
     * s} is plain-safe here, so ASCII, where ignoring case is lower-casing.
     */
    private static boolean isReservedWord(String s) {
        if (s.length() > 5) {
            return false;
        }
        char first = (char) (s.charAt(0) | 0x20); // lower case, for ASCII letters
        if (first != 'y' && first != 'n' && first != 't' && first != 'f' && first != 'o') {
            return false;
        }
        for (String word : RESERVED_LIST) {
            if (word.equalsIgnoreCase(s)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #PLAIN_SAFE}, without a regular expression. */
    static boolean isPlainSafe(String s) {
        int length = s.length();
        if (length == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (first >= 128 || !ALPHANUMERIC[first]) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !NAME_CHARACTER[c]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters and digits, by character. */
    private static final boolean[] ALPHANUMERIC = new boolean[128];

    /** What {@link #PLAIN_SAFE} allows after the first character, by character. */
    private static final boolean[] NAME_CHARACTER = new boolean[128];

    /** Every character {@link #NUMBER_LIKE} can match, by character. */
    private static final boolean[] NUMBER_CHARACTER = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ALPHANUMERIC[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            NAME_CHARACTER[c] = ALPHANUMERIC[c] || c == '_' || c == '.' || c == '/' || c == '-';
        }
        for (char c : "0123456789abcdefABCDEFxob_.:+-eEinfINFaA".toCharArray()) {
            NUMBER_CHARACTER[c] = true;
        }
    }
}
