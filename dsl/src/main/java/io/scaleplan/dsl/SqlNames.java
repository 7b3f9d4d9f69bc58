package io.scaleplan.dsl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** PostgreSQL's rules for the identifiers a plan writes into SQL. */
final class SqlNames {
    static final String RULE = "1 to 63 bytes; no quotes, backslashes, dots or control characters";

    private SqlNames() {}

    /**
     * Why {@code name} cannot be written as a (quoted if need be) PostgreSQL identifier, if it
     * cannot. Longer names would be silently truncated by the server (NAMEDATALEN 64); quotes and
     * control characters are refused rather than escaped.
     */
    static Optional<String> problem(String what, String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 63) {
            return Optional.of(what + " " + Names.show(name) + " is not a valid PostgreSQL identifier (" + RULE + ")");
        }
        for (char c : name.toCharArray()) {
            if (c == '"' || c == '\'' || c == '\\' || c == '.' || c < 0x20 || c == 0x7f) {
                return Optional.of(
                        what + " " + Names.show(name) + " is not a valid PostgreSQL identifier (" + RULE + ")");
            }
        }
        return Optional.empty();
    }
}
