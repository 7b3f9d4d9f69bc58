package io.scaleplan.compiler.diff;

import io.scaleplan.dsl.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * An {@link OutputDiff} for a console or a commit message:
 *
 * <pre>
 * production: 1 changed, 0 added, 0 removed
 * ~ production/k8s/usage-metering-hpa.yaml
 *     production · usage-metering HPA · spec.maxReplicas: 20 → 50
 * </pre>
 *
 * {@code ~} marks a changed file, {@code +} an added one, {@code -} a removed one. Optionally
 * with each file's unified diff, and with ANSI colours.
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    private final boolean colour;
    private final boolean unified;
    private String sourceRoot = "";

    /** A report, coloured with ANSI escapes when {@code colour}, with unified diffs when {@code unified}. */
    public TextReport(boolean colour, boolean unified) {
        this.colour = colour;
        this.unified = unified;
    }

    /** Where the plans' sources are, to name a finding's file as {@code plans/src/main/java/.../Production.java:78}. */
    public TextReport withSourceRoot(String root) {
        this.sourceRoot = root == null ? "" : root;
        return this;
    }

    /**
     * The report a reviewer reads: per plan the settings that changed, then the impact (derived
     * facts that moved, restarts, warnings and errors with their rule ids), then {@link #render the
     * files}. The same order as the {@link MarkdownReport}.
     */
    public String renderReview(OutputDiff diff, List<Diagnostic> diagnostics) {
        Review review = new Review(diff, diagnostics);
        StringBuilder out = new StringBuilder();
        for (Review.Group g : review.groups()) {
            out.append(paint(BOLD, g.plan())).append('\n');
            g.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (!diff.isEmpty()) {
            out.append(paint(BOLD, "impact")).append('\n');
            review.impact().forEach(line -> out.append("  ").append(line).append('\n'));
            if (review.disruptions().isEmpty()) {
                out.append("  restarts: none; the changes apply without restarting anything\n");
            } else {
                review.disruptions()
                        .forEach(line ->
                                out.append("  ").append(paint(YELLOW, line)).append('\n'));
            }
        }
        for (Review.Finding f : review.findings()) {
            out.append("  ")
                    .append(paint(f.diagnostic().isError() ? RED : YELLOW, f.describe(sourceRoot)))
                    .append('\n');
        }
        if (!diff.isEmpty()) {
            out.append(paint(BOLD, "files")).append('\n');
        }
        return out.append(render(withoutResolvedPlans(diff))).toString();
    }

    /** The diff with each resolved plan's changes said once, by the summary above, not again per field. */
    private static OutputDiff withoutResolvedPlans(OutputDiff diff) {
        return new OutputDiff(diff.files().stream()
                .map(f -> f.status() == FileDiff.Status.CHANGED && f.path().endsWith("/" + PlanSummary.RESOLVED_PLAN)
                        ? new FileDiff(
                                f.path(),
                                f.status(),
                                f.before(),
                                f.after(),
                                List.of(new SemanticChange(f.pathInPlan(), "summarised above")))
                        : f)
                .toList());
    }

    /** The report; {@code no differences} when the diff is empty. Every line ends with LF. */
    public String render(OutputDiff diff) {
        if (diff.isEmpty()) {
            return "no differences\n";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<FileDiff>> plan : diff.byPlan().entrySet()) {
            out.append(paint(BOLD, plan.getKey() + ": " + OutputDiff.counts(plan.getValue())))
                    .append('\n');
            for (FileDiff f : plan.getValue()) {
                out.append(paint(mark(f), sign(f) + " " + f.path())).append('\n');
                if (f.status() == FileDiff.Status.CHANGED) {
                    f.describe().forEach(line -> out.append("    ").append(line).append('\n'));
                }
                if (unified) {
                    for (String line : f.unified().split("\n", -1)) {
                        if (!line.isEmpty()) {
                            out.append(paint(lineColour(line), line)).append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    static String sign(FileDiff f) {
        return switch (f.status()) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case CHANGED -> "~";
        };
    }

    private static String mark(FileDiff f) {
        return switch (f.status()) {
            case ADDED -> GREEN;
            case REMOVED -> RED;
            case CHANGED -> YELLOW;
        };
    }

    private static String lineColour(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return BOLD;
        } else if (line.startsWith("+")) {
            return GREEN;
        } else if (line.startsWith("-")) {
            return RED;
        } else if (line.startsWith("@@")) {
            return CYAN;
        }
        return null;
    }

    private String paint(String code, String text) {
        return colour && code != null ? code + text + RESET : text;
    }
}
