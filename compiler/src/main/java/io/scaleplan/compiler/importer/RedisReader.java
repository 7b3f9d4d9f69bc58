package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.RedisFacts;
import io.scaleplan.dsl.EvictionPolicy;
import io.scaleplan.dsl.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis' configuration: {@code redis.conf} ({@code directive value}), a script of {@code CONFIG
 * SET} commands (the runbook's {@code redis-cli CONFIG SET maxmemory 2gb}), and the output of
 * {@code redis-cli CONFIG GET '*'} (name and value on alternate lines, plain or numbered).
 */
public final class RedisReader {
    private static final Pattern CONFIG_SET =
            Pattern.compile("(?i)(?:.*\\bredis-cli\\b.*?\\s)?CONFIG\\s+SET\\s+(\\S+)\\s+(.+)");
    private static final Pattern NUMBERED = Pattern.compile("\\s*\\d+\\)\\s+(.*)");
    private static final Pattern MEMORY = Pattern.compile("(?i)(\\d+)(b|k|kb|m|mb|g|gb)?");

    private final Estate estate;

    RedisReader(Estate estate) {
        this.estate = estate;
    }

    /** A redis.conf text; {@code firstLine} is the file line of its first line. */
    void conf(String text, String file, int firstLine) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new ImportException(
                        file, firstLine + i, lines[i].indexOf(parts[0]) + 1, "directive " + parts[0] + " has no value");
            }
            directive(parts[0].toLowerCase(Locale.ROOT), unquote(parts[1]), file, firstLine + i, true);
        }
    }

    /** A script of CONFIG SET commands (redis-cli's input, or shell lines that run it). */
    void commands(String text, String file) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher set = CONFIG_SET.matcher(line);
            if (set.matches()) {
                // Redis 7's CONFIG SET takes several directives at once: name value name value ...
                List<String> tokens = pairs(set.group(2).strip());
                if (tokens.isEmpty()) {
                    directive(
                            set.group(1).toLowerCase(Locale.ROOT),
                            unquote(set.group(2).strip()),
                            file,
                            i + 1,
                            true);
                } else {
                    directive(set.group(1).toLowerCase(Locale.ROOT), tokens.get(0), file, i + 1, true);
                    for (int t = 1; t < tokens.size(); t += 2) {
                        directive(tokens.get(t).toLowerCase(Locale.ROOT), tokens.get(t + 1), file, i + 1, true);
                    }
                }
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("ECHO ") || upper.equals("CONFIG REWRITE")) {
                continue;
            }
            estate.warn(file, i + 1, 1, "not a CONFIG SET command; not imported: " + line);
            estate.redis().comments.add("not imported from " + file + ":" + (i + 1) + ": " + line);
        }
    }

    /** The pairs {@code redis-cli CONFIG GET '*'} prints, in order, with the line of each name. */
    public record Pair(String name, String value, int line) {}

    /** Whether {@code text} looks like CONFIG GET output: names and values on alternate lines. */
    public static boolean looksLikeConfigGet(String text) {
        List<String> lines = values(text).stream().map(v -> v[0]).toList();
        if (lines.isEmpty() || lines.size() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < lines.size(); i += 2) {
            if (!lines.get(i).matches("[a-z][a-z0-9_-]*")) { // Redis 7: bio_cpulist, server_cpulist
                return false;
            }
        }
        return true;
    }

    /**
     * The pairs of CONFIG GET output.
     *
     * @throws ImportException when a name has no value
     */
    public static List<Pair> configGet(String text, String file) {
        List<String[]> lines = values(text);
        if (lines.size() % 2 != 0) {
            String[] last = lines.get(lines.size() - 1);
            throw new ImportException(
                    file,
                    Integer.parseInt(last[1]),
                    1,
                    "CONFIG GET output ends with a name and" + " no value: " + last[0]);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            pairs.add(new Pair(lines.get(i)[0], lines.get(i + 1)[0], Integer.parseInt(lines.get(i)[1])));
        }
        return pairs;
    }

    /**
     * The lines without redis-cli's numbering and quotes, each with its line number. Piped, redis-cli
     * prints an empty value ({@code masterauth}) as an empty line, so an empty line is a value; only
     * the blank lines after the last one are not.
     */
    private static List<String[]> values(String text) {
        List<String[]> out = new ArrayList<>();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] lines = body.split("\n", -1);
        boolean redisCliTty = lines.length > 0 && NUMBERED.matcher(lines[0]).matches();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() && (redisCliTty || body.isBlank())) {
                continue;
            }
            Matcher numbered = NUMBERED.matcher(line);
            String value = numbered.matches() ? numbered.group(1) : line.strip();
            out.add(new String[] {unquote(value.strip()), Integer.toString(i + 1)});
        }
        return out;
    }

    /** CONFIG GET output: maxmemory and its policy where set; the rest is the server's business. */
    void configGetOutput(String text, String file) {
        int others = 0;
        for (Pair p : configGet(text, file)) {
            if (p.name().equals("maxmemory") && !p.value().equals("0")
                    || p.name().equals("maxmemory-policy") && !p.value().equals("noeviction")) {
                directive(p.name(), p.value(), file, p.line(), false);
            } else {
                others++;
            }
        }
        estate.note(file, 0, others + " other settings not imported: a plan sets maxmemory and maxmemory-policy");
    }

    private void directive(String name, String value, String file, int line, boolean keepOthers) {
        RedisFacts redis = estate.redis();
        String where = file + ":" + line;
        switch (name) {
            case "maxmemory" -> {
                Memory m = memory(value)
                        .orElseThrow(() -> new ImportException(
                                file, line, 1, "maxmemory must be a size such as 2gb, was " + value));
                redis.maxmemory = estate.merge(redis.maxmemory, m, where, "Redis maxmemory");
            }
            case "maxmemory-policy" -> {
                if (policy(value).isEmpty()) {
                    throw new ImportException(file, line, 1, "unknown maxmemory-policy " + value);
                }
                redis.evictionPolicy = estate.merge(
                        redis.evictionPolicy, value.toLowerCase(Locale.ROOT), where, "Redis maxmemory-policy");
            }
            default -> {
                if (keepOthers) {
                    estate.warn(
                            file,
                            line,
                            1,
                            "Redis directive " + name + " cannot be expressed in a plan; kept as a" + " comment");
                    redis.comments.add(name + " " + value + " (" + where + ") is not expressible");
                }
            }
        }
    }

    /** A Redis memory size: bytes, k (1000), kb (1024), m, mb, g, gb. */
    public static Optional<Memory> memory(String value) {
        Matcher m = MEMORY.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "k" -> 1000L;
                    case "kb" -> 1024L;
                    case "m" -> 1000_000L;
                    case "mb" -> 1L << 20;
                    case "g" -> 1000_000_000L;
                    case "gb" -> 1L << 30;
                    default -> 1L;
                };
        return Optional.of(new Memory(Math.multiplyExact(n, factor)));
    }

    static Optional<EvictionPolicy> policy(String value) {
        for (EvictionPolicy p : EvictionPolicy.values()) {
            if (p.redisName().equalsIgnoreCase(value.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The words of a CONFIG SET's rest when it sets more than one directive (a value, then name and
     * value pairs whose names are directive names); empty when it is one directive's value, which
     * may itself hold spaces ({@code save 3600 1 300 100}).
     */
    private static List<String> pairs(String rest) {
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(rest);
        while (m.find()) {
            tokens.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (tokens.size() < 3 || tokens.size() % 2 == 0) {
            return List.of();
        }
        for (int t = 1; t < tokens.size(); t += 2) {
            if (!tokens.get(t).matches("[a-zA-Z][a-zA-Z0-9-]*")) {
                return List.of();
            }
        }
        return tokens;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
