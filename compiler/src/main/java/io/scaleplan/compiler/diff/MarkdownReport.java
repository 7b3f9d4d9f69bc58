package io.scaleplan.compiler.diff;

import java.util.List;
import java.util.Map;

/**
 * An {@link OutputDiff} as a pull-request comment: per plan a heading and a table of the files
 * that differ, then per file a collapsible {@code <details>} section with its semantic changes
 * (and, optionally, its unified diff in a {@code diff} code block).
 */
public final class MarkdownReport {
    private final boolean unified;

    /** A report with unified diffs in the details when {@code unified}. */
    public MarkdownReport(boolean unified) {
        this.unified = unified;
    }

    /** The Markdown text, LF line ends. */
    public String render(OutputDiff diff) {
        StringBuilder out = new StringBuilder();
        if (diff.isEmpty()) {
            return "**scaleplan**: `generated/` matches the plans; no differences.\n";
        }
        for (Map.Entry<String, List<FileDiff>> plan : diff.byPlan().entrySet()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("### Plan `")
                    .append(plan.getKey())
                    .append("`: ")
                    .append(OutputDiff.counts(plan.getValue()))
                    .append("\n\n| File | Status | Changes |\n| --- | --- | --- |\n");
            for (FileDiff f : plan.getValue()) {
                out.append("| `")
                        .append(f.path())
                        .append("` | ")
                        .append(f.status().label())
                        .append(" | ")
                        .append(
                                f.status() == FileDiff.Status.CHANGED
                                        ? f.changes().size()
                                        : "")
                        .append(" |\n");
            }
            for (FileDiff f : plan.getValue()) {
                out.append("\n<details><summary><code>")
                        .append(html(f.path()))
                        .append("</code> (")
                        .append(f.status().label())
                        .append(")</summary>\n\n");
                if (f.status() == FileDiff.Status.CHANGED) {
                    for (SemanticChange c : f.changes()) {
                        out.append("- ")
                                .append(escape(c.subject()))
                                .append(" · ")
                                .append(escape(c.detail()))
                                .append('\n');
                    }
                } else {
                    out.append("- ")
                            .append(escape(f.pathInPlan()))
                            .append(" ")
                            .append(f.status().label())
                            .append('\n');
                }
                if (unified) {
                    String text = f.unified();
                    String fence = fence(text);
                    out.append('\n').append(fence).append("diff\n").append(text);
                    if (!text.endsWith("\n")) {
                        out.append('\n');
                    }
                    out.append(fence).append('\n');
                }
                out.append("\n</details>\n");
            }
        }
        return out.toString();
    }

    /** A backtick fence longer than any run of backticks in {@code text}. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Markdown-escapes text so that field paths and values show literally. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
