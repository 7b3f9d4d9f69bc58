package io.scaleplan.compiler.diff;

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

    /** A report, coloured with ANSI escapes when {@code colour}, with unified diffs when {@code unified}. */
    public TextReport(boolean colour, boolean unified) {
        this.colour = colour;
        this.unified = unified;
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
