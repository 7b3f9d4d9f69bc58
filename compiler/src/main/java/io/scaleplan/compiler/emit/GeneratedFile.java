package io.scaleplan.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One output file: a path relative to the output root ({@code production/k8s/usage-metering-hpa.yaml})
 * and its text, LF-terminated.
 *
 * @param path forward-slash relative path of plain segments (no {@code ..}, no leading slash)
 * @param content the file's text; ends with exactly one newline
 */
public record GeneratedFile(String path, String content) implements Comparable<GeneratedFile> {
    private static final Pattern SAFE_PATH = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-zA-Z0-9][a-zA-Z0-9._-]*)*");

    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a safe output path: " + path);
        }
        if (!content.endsWith("\n") || content.endsWith("\n\n") || content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("content of " + path + " must end with exactly one LF and use LF only");
        }
    }

    /** The content as UTF-8 bytes, as written to disk. */
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** The first segment of the path: the plan the file belongs to. */
    public String plan() {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    @Override
    public int compareTo(GeneratedFile other) {
        return path.compareTo(other.path);
    }
}
