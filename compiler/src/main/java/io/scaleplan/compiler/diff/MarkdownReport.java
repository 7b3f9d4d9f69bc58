package io.scaleplan.compiler.diff;

import io.scaleplan.dsl.Diagnostic;
import java.util.List;

/**
 * An {@link OutputDiff} as a pull-request comment, read in order of need: per plan the settings
 * that changed ({@code usage-metering · maxReplicas: 20 → 24}; an event phase with the same change
 * as its base plan in one line), then the impact (capacity, connection budget, node-pool fit, Redis
 * memory, required pods, restarts, warnings and errors with their rule ids), then per plan folder a
 * collapsed {@code <details>} block with each changed file's changes (optionally its unified diff).
 * Long detail is cut, saying how much was left out.
 */
public final class MarkdownReport {
    /** Changes shown per file before the rest is counted. */
    static final int CHANGES_PER_FILE = 12;
    /** Characters of detail after which blocks are left out (a GitHub comment holds 65,536). */
    static final int DETAIL_BUDGET = 50_000;

    private final boolean unified;
    private String sourceRoot = "";

    /** A report with unified diffs in the details when {@code unified}. */
    public MarkdownReport(boolean unified) {
        this.unified = unified;
    }

    /** Where the plans' sources are, to name a finding's file as {@code plans/src/main/java/.../Production.java:78}. */
    public MarkdownReport withSourceRoot(String root) {
        this.sourceRoot = root == null ? "" : root;
        return this;
    }

    /** The report without diagnostics. */
    public String render(OutputDiff diff) {
        return render(diff, List.of());
    }

    /** The Markdown text, LF line ends; {@code diagnostics}: the compilation's, warnings and errors shown. */
    public String render(OutputDiff diff, List<Diagnostic> diagnostics) {
        Review review = new Review(diff, diagnostics);
        StringBuilder out = new StringBuilder();
        if (diff.isEmpty()) {
            out.append("### scaleplan: no changes\n\n`generated/` matches the plans.\n");
            findings(review, out);
            return out.toString();
        }
        out.append("### scaleplan: ")
                .append(diff.files().size())
                .append(diff.files().size() == 1 ? " file" : " files")
                .append(" changed in ")
                .append(String.join(", ", diff.plans()))
                .append('\n');
        for (Review.Group g : review.groups()) {
            out.append("\n**").append(inline(g.plan())).append("**\n");
            g.lines().forEach(line -> out.append("- ").append(inline(line)).append('\n'));
        }
        out.append("\n**Impact**\n");
        review.impact().forEach(line -> out.append("- ").append(inline(line)).append('\n'));
        if (review.disruptions().isEmpty()) {
            out.append("- restarts: none; the changes apply without restarting anything\n");
        } else {
            review.disruptions()
                    .forEach(line -> out.append("- ⚠️ ").append(inline(line)).append('\n'));
        }
        findings(review, out);
        details(review, out);
        return out.toString();
    }

    /** The report for plans that did not compile: their errors and warnings, nothing else. */
    public String renderErrors(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder("### scaleplan: the plans have errors; nothing was compiled\n");
        findings(new Review(new OutputDiff(List.of()), diagnostics), out);
        return out.toString();
    }

    private void findings(Review review, StringBuilder out) {
        for (Review.Finding f : review.findings()) {
            out.append("- ")
                    .append(f.diagnostic().isError() ? "❌ " : "⚠️ ")
                    .append(inline(f.describe(sourceRoot)))
                    .append('\n');
        }
    }

    private void details(Review review, StringBuilder out) {
        int budget = DETAIL_BUDGET;
        List<Review.Folder> folders = review.folders();
        for (int i = 0; i < folders.size(); i++) {
            Review.Folder folder = folders.get(i);
            PlanSummary s = folder.summary();
            List<FileDiff> files = s.outputFiles();
            if (files.isEmpty()) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            block.append("\n<details><summary><code>")
                    .append(html(s.root()))
                    .append("</code>: ")
                    .append(OutputDiff.counts(files))
                    .append(folder.sameAs()
                            .map(o -> ", the same changes as " + html(o.label()))
                            .orElse(""))
                    .append("</summary>\n\n");
            for (FileDiff f : files) {
                block.append("- `")
                        .append(s.relative(f))
                        .append("` ")
                        .append(f.status().label());
                if (folder.sameAs().isPresent() || f.status() != FileDiff.Status.CHANGED) {
                    block.append('\n');
                    continue;
                }
                block.append('\n');
                List<SemanticChange> changes = f.changes();
                for (SemanticChange c : changes.subList(0, Math.min(CHANGES_PER_FILE, changes.size()))) {
                    block.append("  - ").append(inline(change(f, c))).append('\n');
                }
                if (changes.size() > CHANGES_PER_FILE) {
                    block.append("  - … ")
                            .append(changes.size() - CHANGES_PER_FILE)
                            .append(" more changes left out\n");
                }
                if (unified) {
                    String text = f.unified();
                    String fence = fence(text);
                    block.append("\n  ").append(fence).append("diff\n");
                    text.lines().forEach(l -> block.append("  ").append(l).append('\n'));
                    block.append("  ").append(fence).append('\n');
                }
            }
            block.append("\n</details>\n");
            if (block.length() > budget) {
                int left = folders.size() - i;
                out.append("\n… ")
                        .append(left)
                        .append(left == 1 ? " folder" : " folders")
                        .append(" of file detail left out (too long for a comment): run scaleplan diff locally\n");
                return;
            }
            budget -= block.length();
            out.append(block);
        }
    }

    /**
     * One change as a reader names it: a whole line of a report said as {@code added: ...} or
     * {@code removed: ...}, the file's own name left out.
     */
    static String change(FileDiff f, SemanticChange c) {
        String detail = c.detail();
        if (detail.startsWith("+ ")) {
            detail = "added: " + detail.substring(2);
        } else if (detail.startsWith("- ")) {
            detail = "removed: " + detail.substring(2);
        }
        boolean namedByFile = c.subject().equals(f.pathInPlan())
                || f.pathInPlan().endsWith("/" + c.subject())
                || f.path().endsWith("/" + c.subject());
        return namedByFile ? detail : c.subject() + " · " + detail;
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

    /**
     * Text for one line of a list: HTML characters escaped, code spans kept when their
     * backticks pair up, a leading character that would start a block escaped.
     */
    static String inline(String s) {
        long ticks = s.chars().filter(c -> c == '`').count();
        StringBuilder out = new StringBuilder();
        boolean code = false;
        for (char c : s.toCharArray()) {
            if (c == '`') {
                if (ticks % 2 == 0) {
                    code = !code;
                    out.append(c);
                } else {
                    out.append("\\`");
                }
            } else if (code) {
                out.append(c);
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                out.append(c);
            }
        }
        String text = out.toString();
        return text.startsWith("#") || text.startsWith("+ ") || text.startsWith("- ") ? "\\" + text : text;
    }
}
