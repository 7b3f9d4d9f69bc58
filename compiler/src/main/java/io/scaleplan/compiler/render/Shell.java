package io.scaleplan.compiler.render;

import java.util.regex.Pattern;

/** Words for a POSIX shell command line: plain when safe, otherwise single-quoted. */
public final class Shell {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=,@+-]+");

    private Shell() {}

    /** {@code value} as one shell word: as is when it holds only safe characters, else single-quoted. */
    public static String word(String value) {
        if (!value.isEmpty() && PLAIN.matcher(value).matches() && !value.startsWith("-")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
