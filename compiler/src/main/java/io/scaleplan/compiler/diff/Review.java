package io.scaleplan.compiler.diff;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reviewer reads first, shared by the Markdown and the plain report so both keep one order:
 * per plan the settings that changed (an event phase whose change equals its base plan's folded
 * into one line), then the impact (derived facts that moved, restarts and other disruptive steps,
 * every warning and error with its rule id).
 */
final class Review {
    /** One plan's lines of the summary. */
    record Group(String plan, List<String> lines) {}

    /** A plan folder and the folder whose change it repeats, if any. */
    record Folder(PlanSummary summary, Optional<PlanSummary> sameAs) {}

    /** Lines shown per plan's summary and for the impact, before the rest is counted. */
    static final int LINES_PER_PART = 40;

    private final List<Folder> folders = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<String> impact = new ArrayList<>();
    private final List<String> disruptions = new ArrayList<>();
    private final List<Finding> findings;

    /** A warning or error, once for the plans that repeat it (an event and its base plan). */
    record Finding(Diagnostic diagnostic, List<String> alsoIn) {
        /** {@code warning [SP105] production · usage-metering (also black-friday): ... (Production.java:78)}. */
        String describe(String sourceRoot) {
            Diagnostic d = diagnostic;
            String where = d.location().isKnown()
                    ? " (" + (sourceRoot == null || sourceRoot.isEmpty() ? "" : sourceRoot + "/") + d.location() + ")"
                    : "";
            return d.severity().label() + " [" + d.ruleId() + "] " + d.element()
                    + (alsoIn.isEmpty() ? "" : " (also " + String.join(", ", alsoIn) + ")") + ": " + d.message()
                    + where;
        }
    }

    Review(OutputDiff diff, List<Diagnostic> diagnostics) {
        List<PlanSummary> summaries = PlanSummary.of(diff);
        for (PlanSummary s : summaries) {
            folders.add(new Folder(s, sameAs(s, summaries)));
        }
        Map<String, List<String>> byPlan = new LinkedHashMap<>();
        for (Folder f : folders) {
            byPlan.computeIfAbsent(f.summary().plan(), p -> new ArrayList<>()).addAll(lines(f));
        }
        // plans first, then events, whose phases may repeat a plan's change
        for (boolean events : new boolean[] {false, true}) {
            byPlan.forEach((plan, lines) -> {
                boolean event = folders.stream()
                        .anyMatch(f ->
                                f.summary().plan().equals(plan) && f.summary().isPhase());
                if (event == events) {
                    groups.add(new Group(plan, lines));
                }
            });
        }
        List<Folder> shown = folders.stream().filter(f -> f.sameAs().isEmpty()).toList();
        long withImpact = shown.stream()
                .filter(f -> !f.summary().impact().isEmpty()
                        || !f.summary().disruptions().isEmpty())
                .count();
        List<String> facts = new ArrayList<>();
        for (Folder f : shown) {
            String prefix = withImpact > 1 ? f.summary().label() + " · " : "";
            f.summary().impact().forEach(line -> facts.add(prefix + (f.summary().baseline() ? "" : "now ") + line));
            f.summary().disruptions().forEach(line -> disruptions.add(prefix + line));
        }
        impact.addAll(cut(facts, "more facts"));
        Map<String, Finding> found = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            if (d.severity() != Severity.ERROR && d.severity() != Severity.WARNING) {
                continue;
            }
            String plan = d.element().plan();
            String key = d.severity() + " " + d.ruleId() + " " + d.location() + " "
                    + d.element().inPlan() + " " + d.message();
            Finding f = found.get(key);
            if (f == null) {
                found.put(key, new Finding(d, new ArrayList<>()));
            } else if (!f.alsoIn().contains(plan)) {
                f.alsoIn().add(plan);
            }
        }
        // errors first, as the console prints them
        this.findings = found.values().stream()
                .sorted(java.util.Comparator.comparing(
                        (Finding f) -> !f.diagnostic().isError()))
                .toList();
    }

    /** The folder an event phase repeats: the plan folder with the same plan-level change. */
    private static Optional<PlanSummary> sameAs(PlanSummary s, List<PlanSummary> all) {
        if (!s.isPhase()) {
            return Optional.empty();
        }
        return all.stream()
                .filter(o -> !o.isPhase() && s.sameChangeAs(o))
                .findFirst()
                .or(() -> all.stream()
                        .filter(o -> o != s && s.sameChangeAs(o) && all.indexOf(o) < all.indexOf(s))
                        .findFirst());
    }

    private static List<String> lines(Folder f) {
        PlanSummary s = f.summary();
        String phase = s.isPhase() ? s.label().substring(s.plan().length() + 3) + ": " : "";
        if (f.sameAs().isPresent()) {
            return List.of(phase + "same as " + f.sameAs().get().label());
        }
        if (!s.baseline()) {
            return List.of(phase + "no resolved plan (" + PlanSummary.RESOLVED_PLAN
                    + ") at the base to compare with: see the files below");
        }
        if (s.changes().isEmpty() && s.isRemoved()) {
            return List.of(
                    phase + "removed: " + s.files().size() + (s.files().size() == 1 ? " file" : " files") + " deleted");
        }
        if (s.changes().isEmpty() && s.isNew()) {
            return List.of(phase + "new: " + s.files().size() + (s.files().size() == 1 ? " file" : " files"));
        }
        if (s.changes().isEmpty()) {
            List<String> names = s.outputFiles().stream().map(s::relative).toList();
            String shown = String.join(", ", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? ", … (" + (names.size() - 3) + " more)" : "");
            return List.of(phase + "plan unchanged; outputs changed: " + shown);
        }
        List<String> out = new ArrayList<>();
        s.changes().forEach(c -> out.add(phase + c));
        return cut(out, "more changes");
    }

    /** At most {@link #LINES_PER_PART} lines, the rest counted in a last line. */
    static List<String> cut(List<String> lines, String what) {
        if (lines.size() <= LINES_PER_PART) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, LINES_PER_PART - 1));
        out.add("… " + (lines.size() - LINES_PER_PART + 1) + " " + what + " left out (see the files)");
        return out;
    }

    List<Folder> folders() {
        return folders;
    }

    List<Group> groups() {
        return groups;
    }

    List<String> impact() {
        return impact;
    }

    List<String> disruptions() {
        return disruptions;
    }

    List<Finding> findings() {
        return findings;
    }
}
