package io.scaleplan.dsl;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Where in a plan's source an element was declared: the class, its source file and the line of
 * the builder call. Captured when the builder method runs, so a diagnostic can point an author at
 * the exact line, the way javac does ({@code io/acme/Production.java:42}).
 *
 * @param className the binary name of the class that made the call, or {@code ""} when unknown
 * @param fileName the source file name as the class file records it ({@code Production.java})
 * @param line the line number, or {@code 0} when unknown
 */
public record SourceLocation(String className, String fileName, int line) {

    /** A location for elements that were not declared by a builder call. */
    public static final SourceLocation UNKNOWN = new SourceLocation("", "", 0);

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource DSL_CODE =
            SourceLocation.class.getProtectionDomain().getCodeSource();

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public SourceLocation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(fileName, "fileName");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /**
     * The location of the innermost caller outside this library and the JDK: the plan author's
     * line. Frames of the DSL itself and of JDK classes (lambda plumbing) are skipped.
     */
    static SourceLocation capture() {
        return WALKER.walk(frames -> frames.filter(SourceLocation::isAuthorFrame)
                .findFirst()
                .map(f -> new SourceLocation(
                        f.getClassName(),
                        Objects.requireNonNullElse(f.getFileName(), ""),
                        Math.max(0, f.getLineNumber())))
                .orElse(UNKNOWN));
    }

    /** The class of the innermost caller outside this library and the JDK, as {@link #capture()} finds it. */
    static java.util.Optional<Class<?>> authorClass() {
        return WALKER.walk(frames -> frames.filter(SourceLocation::isAuthorFrame)
                .findFirst()
                .map(StackWalker.StackFrame::getDeclaringClass));
    }

    private static boolean isAuthorFrame(StackWalker.StackFrame frame) {
        CodeSource code = frame.getDeclaringClass().getProtectionDomain().getCodeSource();
        return code != null && !Objects.equals(code.getLocation(), DSL_CODE == null ? null : DSL_CODE.getLocation());
    }

    /** Whether this location is known. */
    public boolean isKnown() {
        return line > 0 && !fileName.isEmpty();
    }

    /**
     * The source path relative to a source root, as javac prints it: the package as folders, then
     * the file name ({@code io/acme/plans/Production.java}).
     */
    public String path() {
        if (fileName.isEmpty()) {
            return "<unknown>";
        }
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        int dot = outer.lastIndexOf('.');
        return dot < 0 ? fileName : outer.substring(0, dot).replace('.', '/') + "/" + fileName;
    }

    /** {@code path:line}, or the path alone when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? path() + ":" + line : path();
    }
}
