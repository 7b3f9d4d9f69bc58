package io.scaleplan.compiler.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Plain unified diffs ({@code git diff} style, three lines of context), by JGit's histogram diff. */
public final class UnifiedDiff {
    private static final DiffAlgorithm ALGORITHM = new HistogramDiff();

    private UnifiedDiff() {}

    /**
     * The unified diff of a file from {@code before} to {@code after}, either null for a file that
     * does not exist on that side: {@code --- a/path}, {@code +++ b/path}, then the hunks.
     */
    public static String format(String path, String before, String after) {
        RawText a = text(before == null ? "" : before);
        RawText b = text(after == null ? "" : after);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits(a, b), a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "--- " + (before == null ? "/dev/null" : "a/" + path) + "\n+++ "
                + (after == null ? "/dev/null" : "b/" + path) + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    static EditList edits(RawText a, RawText b) {
        return ALGORITHM.diff(RawTextComparator.DEFAULT, a, b);
    }
}
