package io.scaleplan.compiler.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a Jackson tree as block-style YAML straight into a {@link StringBuilder}: the text Jackson's
 * YAML generator and SnakeYAML's emitter wrote for {@link Yaml}'s settings (two-space indent, list
 * items indented under their key, no line splitting, no document marker, LF), byte for byte, without
 * their event objects, event queue and per-scalar analysis. {@code YamlWriterTest} compares the two
 * on arbitrary trees and strings.
 *
 * <p>What it decides, as they did: a string is a plain scalar when {@link YamlScalars} finds it safe
 * for YAML 1.1 and 1.2 readers and it does not read as a number; a string with a line feed is a
 * literal block ({@code |}) when a block can hold it; everything else is double-quoted. Keys of 128
 * characters or more, empty keys and keys with line breaks take the explicit {@code ? key} form.
 *
 * <p>Deliberate differences, so that YAML 1.1 and 1.2 readers read the same string: inside double
 * quotes, U+0085, U+00A0, U+2028, U+2029 and U+FEFF are hexadecimal escapes ({@code "\\u2028"});
 * the emitter wrote the first four as {@code \N}, {@code \_}, {@code \L} and {@code \P}, which
 * YAML 1.2 readers (snakeyaml-engine) refuse or may not know. A multi-line string holding one of the
 * line breaks U+0085, U+2028, U+2029 (or a byte-order mark) is double-quoted rather than a literal
 * block, where YAML 1.1 reads those as line breaks and YAML 1.2 as characters. A multi-line string
 * that starts with a space or a line break is double-quoted too: its literal block needed an
 * indentation indicator, which the emitter placed wrongly inside sequences.
 */
final class YamlWriter {
    private static final int BEST_INDENT = 2;
    private static final int INDICATOR_INDENT = 2;
    private static final int MAX_SIMPLE_KEY_LENGTH = 128;
    private static final int NONE = -1;

    private static final int PLAIN = 0;
    private static final int SINGLE_QUOTED = 1;
    private static final int DOUBLE_QUOTED = 2;
    private static final int LITERAL = 3;

    /** Jackson's {@code YAMLGenerator.PLAIN_NUMBER_P}. */
    private static final Pattern JACKSON_PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");

    /** Every character the number patterns of {@link #looksLikeYamlNumber} match, and a few more. */
    private static final String NUMBER_CHARACTERS = "0123456789abcdefABCDEF._:+-xXoObBiInN";

    private static final String SPACES = "                                                                ";

    private final StringBuilder out;
    private int[] indents = new int[16];
    private int depth;
    private int indent = NONE;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;

    private YamlWriter(StringBuilder out) {
        this.out = out;
    }

    /** Appends {@code document} as YAML to {@code out}. */
    static void write(JsonNode document, StringBuilder out) {
        YamlWriter writer = new YamlWriter(out);
        if (document.isTextual() && document.textValue().isEmpty()) {
            // an empty scalar as the whole document needs the explicit start
            writer.writeIndent();
            writer.writeIndicator("---", true, false, false);
        }
        writer.node(document, false, false);
        writer.writeIndent(); // the document's end
    }

    private void node(JsonNode node, boolean mappingContext, boolean simpleKey) {
        JsonNodeType type = node.getNodeType();
        if (type == JsonNodeType.OBJECT) {
            if (node.isEmpty()) {
                writeIndicator("{", true, true, false);
                writeIndicator("}", false, false, false);
            } else {
                blockMapping(node);
            }
        } else if (type == JsonNodeType.ARRAY) {
            if (node.isEmpty()) {
                writeIndicator("[", true, true, false);
                writeIndicator("]", false, false, false);
            } else {
                blockSequence(node, mappingContext);
            }
        } else {
            scalar(node, simpleKey);
        }
    }

    private void blockMapping(JsonNode mapping) {
        increaseIndent(false, false);
        Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            boolean quoted = YamlScalars.needsQuotes(key);
            int requested = quoted ? DOUBLE_QUOTED : PLAIN;
            writeIndent();
            // a key that needs no quotes is a non-empty name, without line breaks
            if (key.length() < MAX_SIMPLE_KEY_LENGTH && !key.isEmpty() && !(quoted && hasLineBreak(key))) {
                string(key, requested, !quoted, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                string(key, requested, !quoted, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(field.getValue(), true, false);
        }
        indent = popIndent();
    }

    private void blockSequence(JsonNode sequence, boolean mappingContext) {
        increaseIndent(false, mappingContext && !indention);
        boolean first = true;
        for (JsonNode item : sequence) {
            writeIndent();
            if (first) {
                writeWhitespace(INDICATOR_INDENT);
            }
            writeIndicator("-", true, false, true);
            if (first) {
                indent += INDICATOR_INDENT;
                first = false;
            }
            node(item, false, false);
        }
        indent = popIndent();
    }

    private void scalar(JsonNode node, boolean simpleKey) {
        switch (node.getNodeType()) {
            case STRING -> {
                String text = node.textValue();
                // Jackson's order: empty, then a line feed, then the quoting check and numbers; a
                // string that needs no quotes is a name, so it has no line feed and is not empty
                boolean quoted = YamlScalars.needsQuotes(text);
                int requested;
                if (!quoted) {
                    requested = looksLikeYamlNumber(text) ? DOUBLE_QUOTED : PLAIN;
                } else if (!text.isEmpty() && text.indexOf('\n') >= 0) {
                    requested = LITERAL;
                } else {
                    requested = DOUBLE_QUOTED;
                }
                string(text, requested, !quoted, simpleKey);
            }
            case NUMBER -> string(number(node), PLAIN, false, simpleKey);
            case BOOLEAN -> string(node.booleanValue() ? "true" : "false", PLAIN, true, simpleKey);
            case NULL -> string("null", PLAIN, true, simpleKey);
            default -> throw new Unsupported(); // binary or an object's own serialiser
        }
    }

    /** The number as Jackson's YAML generator writes it. */
    private static String number(JsonNode node) {
        return switch (node.numberType()) {
            case INT -> String.valueOf(node.intValue());
            case LONG -> String.valueOf(node.longValue());
            case BIG_INTEGER -> node.bigIntegerValue().toString();
            case FLOAT -> String.valueOf(node.floatValue());
            case DOUBLE -> String.valueOf(node.doubleValue());
            case BIG_DECIMAL -> node.decimalValue().toString();
        };
    }

    /**
     * {@code text} in the style the emitter chose for the style asked for; {@code name}: {@code text}
     * is {@link YamlScalars#isPlainSafe plain-safe}.
     */
    private void string(String text, int requested, boolean name, boolean simpleKey) {
        increaseIndent(true, false);
        switch (style(text, requested, name, simpleKey)) {
            case PLAIN -> writePlain(text);
            case SINGLE_QUOTED -> writeSingleQuoted(text);
            case LITERAL -> writeLiteral(text);
            default -> writeDoubleQuoted(text);
        }
        indent = popIndent();
    }

    private static int style(String text, int requested, boolean name, boolean simpleKey) {
        if (requested == DOUBLE_QUOTED) {
            return DOUBLE_QUOTED;
        }
        // a name has no blank, line break or indicator: plain, unless it is a number with a
        // leading zero, which the analysis decides
        if (requested == PLAIN && (name ? text.charAt(0) != '0' || text.length() == 1 : isSimplePlain(text))) {
            return PLAIN;
        }
        Analysis analysis = Analysis.of(text);
        if (requested == PLAIN && !(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) {
            return PLAIN;
        }
        if (requested == LITERAL
                && !simpleKey
                && analysis.allowBlock
                && !needsIndentationIndicator(text)
                && !hasLineBreakOrMarkOfOneYaml(text)) {
            return LITERAL;
        }
        if (requested == PLAIN && analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) {
            return SINGLE_QUOTED;
        }
        return DOUBLE_QUOTED;
    }

    /** Whether the emitter's analysis would allow {@code text} plain, decided without it for names. */
    private static boolean isSimplePlain(String text) {
        int length = text.length();
        if (length == 0) {
            return false;
        }
        char first = text.charAt(0);
        boolean alnum =
                (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
        if (!alnum || (first == '0' && length > 1)) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            boolean safe = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '/'
                    || c == '-'
                    || c == '+';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /** Jackson's {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS} test. */
    private static boolean looksLikeYamlNumber(String text) {
        char first = text.charAt(0);
        if (!(first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9'))) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (NUMBER_CHARACTERS.indexOf(text.charAt(i)) < 0) {
                return false; // no character the patterns below know: 500m, 2Gi
            }
        }
        return JACKSON_PLAIN_NUMBER.matcher(text).matches()
                || Resolver.INT.matcher(text).matches()
                || Resolver.FLOAT.matcher(text).matches();
    }

    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isLineBreak(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A literal block whose text starts with a space or a line break needs an indentation indicator
     * ({@code |2}), which the emitter wrote relative to the wrong column inside sequences: readers
     * then refuse the block or read other text. Such a string is double-quoted.
     */
    static boolean needsIndentationIndicator(String text) {
        char first = text.charAt(0);
        return first == ' ' || isLineBreak(first);
    }

    /**
     * U+0085, U+2028 or U+2029, line breaks to YAML 1.1 and ordinary characters to YAML 1.2, or a
     * byte-order mark, which YAML 1.2 does not allow inside a document: such a string is
     * double-quoted, where they are escapes, rather than a literal block.
     */
    private static boolean hasLineBreakOrMarkOfOneYaml(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    // The emitter's writers, for split lines off.

    private void increaseIndent(boolean flow, boolean indentless) {
        if (depth == indents.length) {
            indents = java.util.Arrays.copyOf(indents, depth * 2);
        }
        indents[depth++] = indent;
        if (indent == NONE) {
            indent = flow ? BEST_INDENT : 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
    }

    private int popIndent() {
        return indents[--depth];
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean whitespace, boolean indentation) {
        if (!this.whitespace && needWhitespace) {
            column++;
            out.append(' ');
        }
        this.whitespace = whitespace;
        this.indention = this.indention && indentation;
        column += indicator.length();
        out.append(indicator);
    }

    private void writeIndent() {
        int to = indent == NONE ? 0 : indent;
        if (!indention || column > to || (column == to && !whitespace)) {
            writeLineBreak(null);
        }
        writeWhitespace(to - column);
    }

    private void writeWhitespace(int length) {
        if (length <= 0) {
            return;
        }
        whitespace = true;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, SPACES.length());
            out.append(SPACES, 0, n);
            left -= n;
        }
        column += length;
    }

    private void writeLineBreak(String data) {
        whitespace = true;
        indention = true;
        column = 0;
        out.append(data == null ? "\n" : data);
    }

    private void writePlain(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!whitespace) {
            column++;
            out.append(' ');
        }
        whitespace = false;
        indention = false;
        // no line breaks reach here (plain scalars are single-line names and numbers): the text
        // goes out as it is
        out.append(text);
        column += text.length();
    }

    private void writeSingleQuoted(String text) {
        writeIndicator("'", true, false, false);
        // single quotes are chosen only for single-line plain candidates: no line breaks
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                out.append("''");
                column += 2;
            } else {
                out.append(c);
                column++;
            }
        }
        writeIndicator("'", false, false, false);
    }

    private void writeDoubleQuoted(String text) {
        writeIndicator("\"", true, false, false);
        int length = text.length();
        int start = 0;
        int end = 0;
        while (end <= length) {
            char ch = end < length ? text.charAt(end) : 0;
            boolean atEnd = end == length;
            if (atEnd || ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7E) {
                if (start < end) {
                    out.append(text, start, end);
                    column += end - start;
                    start = end;
                }
                if (!atEnd) {
                    String data = escape(ch);
                    if (data == null) {
                        int codePoint = ch;
                        if (Character.isHighSurrogate(ch) && end + 1 < length) {
                            codePoint = Character.toCodePoint(ch, text.charAt(end + 1));
                        }
                        if (isPrintable(codePoint)) {
                            data = String.valueOf(Character.toChars(codePoint));
                            if (Character.charCount(codePoint) == 2) {
                                end++;
                            }
                        } else if (ch <= '\u00FF') {
                            String s = "0" + Integer.toString(ch, 16);
                            data = "\\x" + s.substring(s.length() - 2);
                        } else if (Character.charCount(codePoint) == 2) {
                            end++;
                            String s = "000" + Long.toHexString(codePoint);
                            data = "\\U" + s.substring(s.length() - 8);
                        } else {
                            String s = "000" + Integer.toString(ch, 16);
                            data = "\\u" + s.substring(s.length() - 4);
                        }
                    }
                    out.append(data);
                    column += data.length();
                    start = end + 1;
                }
            }
            end++;
        }
        writeIndicator("\"", false, false, false);
    }

    /** The escape of {@code ch} in double quotes, or null when it has none of its own. */
    static String escape(char ch) {
        return switch (ch) {
            case '\0' -> "\\0";
            case '\u0007' -> "\\a";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\u000B' -> "\\v";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            case '\u001B' -> "\\e";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            // YAML 1.1 has \N, \_, \L and \P for these; YAML 1.2 readers do not all know them
            case '\u0085' -> "\\u0085";
            case '\u00A0' -> "\\u00a0";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            case '\uFEFF' -> "\\ufeff";
            default -> null;
        };
    }

    /** SnakeYAML's {@code StreamReader.isPrintable}. */
    private static boolean isPrintable(int c) {
        return (c >= 0x20 && c <= 0x7E)
                || c == 0x9
                || c == 0xA
                || c == 0xD
                || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private void writeLiteral(String text) {
        String hints = blockHints(text);
        writeIndicator("|" + hints, true, false, false);
        writeLineBreak(null);
        boolean breaks = true;
        int start = 0;
        int end = 0;
        int length = text.length();
        while (end <= length) {
            char ch = end < length ? text.charAt(end) : 0;
            if (breaks) {
                if (ch == 0 || !isLineBreak(ch)) {
                    for (int i = start; i < end; i++) {
                        char br = text.charAt(i);
                        writeLineBreak(br == '\n' ? null : String.valueOf(br));
                    }
                    if (ch != 0) {
                        writeIndent();
                    }
                    start = end;
                }
            } else if (ch == 0 || isLineBreak(ch)) {
                out.append(text, start, end);
                if (ch == 0) {
                    writeLineBreak(null);
                }
                start = end;
            }
            if (ch != 0) {
                breaks = isLineBreak(ch);
            }
            end++;
        }
    }

    private static String blockHints(String text) {
        StringBuilder hints = new StringBuilder(2);
        char first = text.charAt(0);
        if (isLineBreak(first) || first == ' ') {
            hints.append(BEST_INDENT);
        }
        char last = text.charAt(text.length() - 1);
        if (!isLineBreak(last)) {
            hints.append('-');
        } else if (text.length() == 1 || isLineBreak(text.charAt(text.length() - 2))) {
            hints.append('+');
        }
        return hints.toString();
    }

    /** A node this writer leaves to Jackson's generator: binary data, a wrapped object. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** SnakeYAML's scalar analysis: which styles can hold a string. */
    private static final class Analysis {
        boolean empty;
        boolean multiline;
        boolean allowBlockPlain = true;
        boolean allowSingleQuoted = true;
        boolean allowBlock = true;

        static Analysis of(String scalar) {
            Analysis a = new Analysis();
            if (scalar.isEmpty()) {
                a.empty = true;
                a.allowBlock = false;
                return a;
            }
            boolean blockIndicators = false;
            boolean lineBreaks = false;
            boolean specialCharacters = false;
            boolean leadingSpace = false;
            boolean leadingBreak = false;
            boolean trailingSpace = false;
            boolean trailingBreak = false;
            boolean breakSpace = false;
            boolean spaceBreak = false;
            if (scalar.startsWith("---") || scalar.startsWith("...")) {
                blockIndicators = true;
            }
            boolean precededByWhitespace = true;
            boolean followedByWhitespace = scalar.length() == 1 || isBlankOrBreak(scalar.codePointAt(1));
            boolean previousSpace = false;
            boolean previousBreak = false;
            int index = 0;
            while (index < scalar.length()) {
                int c = scalar.codePointAt(index);
                if (index == 0) {
                    if ("#,[]{}&*!|>'\"%@`".indexOf(c) != -1) {
                        blockIndicators = true;
                    }
                    if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                        blockIndicators = true;
                    }
                } else {
                    if (c == ':' && followedByWhitespace) {
                        blockIndicators = true;
                    }
                    if (c == '#' && precededByWhitespace) {
                        blockIndicators = true;
                    }
                }
                boolean isLineBreak = isLineBreak(c);
                if (isLineBreak) {
                    lineBreaks = true;
                }
                if (!(c == '\n' || (0x20 <= c && c <= 0x7E))) {
                    boolean unicode = c == 0x85
                            || (c >= 0xA0 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || (c >= 0x10000 && c <= 0x10FFFF);
                    if (!unicode) {
                        specialCharacters = true;
                    }
                }
                if (c == ' ') {
                    if (index == 0) {
                        leadingSpace = true;
                    }
                    if (index == scalar.length() - 1) {
                        trailingSpace = true;
                    }
                    if (previousBreak) {
                        breakSpace = true;
                    }
                    previousSpace = true;
                    previousBreak = false;
                } else if (isLineBreak) {
                    if (index == 0) {
                        leadingBreak = true;
                    }
                    if (index == scalar.length() - 1) {
                        trailingBreak = true;
                    }
                    if (previousSpace) {
                        spaceBreak = true;
                    }
                    previousSpace = false;
                    previousBreak = true;
                } else {
                    previousSpace = false;
                    previousBreak = false;
                }
                index += Character.charCount(c);
                precededByWhitespace = c == 0 || c == ' ' || c == '\t' || isLineBreak;
                followedByWhitespace = true;
                if (index + 1 < scalar.length()) {
                    int nextIndex = index + Character.charCount(scalar.codePointAt(index));
                    if (nextIndex < scalar.length()) {
                        int next = scalar.codePointAt(nextIndex);
                        followedByWhitespace = next == 0 || next == ' ' || next == '\t' || isLineBreak;
                    }
                }
            }
            a.multiline = lineBreaks;
            if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || hasLeadingZero(scalar)) {
                a.allowBlockPlain = false;
            }
            if (trailingSpace) {
                a.allowBlock = false;
            }
            if (breakSpace) {
                a.allowBlockPlain = false;
                a.allowSingleQuoted = false;
            }
            if (spaceBreak || specialCharacters) {
                a.allowBlockPlain = false;
                a.allowSingleQuoted = false;
                a.allowBlock = false;
            }
            if (blockIndicators) {
                a.allowBlockPlain = false;
            }
            return a;
        }

        private static boolean isBlankOrBreak(int c) {
            return c == 0 || c == ' ' || c == '\t' || c == '\r' || isLineBreak(c);
        }

        private static boolean hasLeadingZero(String scalar) {
            if (scalar.length() > 1 && scalar.charAt(0) == '0') {
                for (int i = 1; i < scalar.length(); i++) {
                    char ch = scalar.charAt(i);
                    if (!((ch >= '0' && ch <= '9') || ch == '_')) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
