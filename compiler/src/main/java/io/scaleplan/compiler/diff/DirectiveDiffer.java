package io.scaleplan.compiler.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Configuration files of one directive per line ({@code redis.conf}: {@code maxmemory 2gb}) and
 * Redis command scripts ({@code apply.redis}: {@code CONFIG SET maxmemory 2gb}), directive by
 * directive. A directive is keyed by its name ({@code CONFIG SET <name>} in a script), so a new
 * value reads {@code maxmemory: 2gb → 4gb}; a directive that repeats ({@code save}) is compared
 * line by line. Blank lines and {@code #} comments are ignored.
 */
final class DirectiveDiffer implements FileDiffer {
    private final boolean commands;

    /** With {@code commands}, lines are Redis commands ({@code .redis}); otherwise directives. */
    DirectiveDiffer(boolean commands) {
        this.commands = commands;
    }

    @Override
    public List<SemanticChange> describe(String path, String before, String after) {
        return KeyedEntries.compare(path, entries(before), entries(after));
    }

    private List<KeyedEntries.Entry> entries(String text) {
        List<KeyedEntries.Entry> entries = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            int keyTokens = 1;
            if (commands) {
                boolean configSet = tokens.length > 3
                        && tokens[0].toUpperCase(Locale.ROOT).equals("CONFIG")
                        && tokens[1].toUpperCase(Locale.ROOT).equals("SET");
                keyTokens = configSet ? 3 : tokens.length;
            }
            String key = String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, keyTokens));
            String value = String.join(" ", java.util.Arrays.copyOfRange(tokens, keyTokens, tokens.length));
            entries.add(new KeyedEntries.Entry(key, value, String.join(" ", tokens)));
        }
        return entries;
    }
}
