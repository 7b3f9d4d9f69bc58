package io.scaleplan.test;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.RuleId;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/** Assertions on a {@link CompiledPlan}: its diagnostics, its files, its phases. */
public final class CompiledPlanAssert extends AbstractAssert<CompiledPlanAssert, CompiledPlan> {

    CompiledPlanAssert(CompiledPlan actual) {
        super(actual, CompiledPlanAssert.class);
    }

    /** The plan compiled without an error. */
    public CompiledPlanAssert hasNoErrors() {
        isNotNull();
        var errors = actual.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            failWithMessage("expected %s to compile without errors, but found:%n%s", actual.name(), lines(errors));
        }
        return this;
    }

    /** A diagnostic of rule {@code ruleId} was reported. */
    public CompiledPlanAssert hasDiagnostic(String ruleId) {
        isNotNull();
        if (actual.diagnostics().stream().noneMatch(d -> d.ruleId().equals(ruleId))) {
            failWithMessage(
                    "expected %s to report %s, but it reported:%n%s",
                    actual.name(), ruleId, lines(actual.diagnostics()));
        }
        return this;
    }

    /** A diagnostic of rule {@code ruleId} with exactly this message was reported. */
    public CompiledPlanAssert hasDiagnostic(String ruleId, String message) {
        isNotNull();
        if (actual.diagnostics().stream()
                .noneMatch(d -> d.ruleId().equals(ruleId) && d.message().equals(message))) {
            failWithMessage(
                    "expected %s to report [%s] %s, but it reported:%n%s",
                    actual.name(), ruleId, message, lines(actual.diagnostics()));
        }
        return this;
    }

    /** A diagnostic of {@code rule} was reported. */
    public CompiledPlanAssert hasDiagnostic(RuleId rule) {
        return hasDiagnostic(rule.id());
    }

    /** A diagnostic of {@code rule} with exactly this message was reported. */
    public CompiledPlanAssert hasDiagnostic(RuleId rule, String message) {
        return hasDiagnostic(rule.id(), message);
    }

    /** No diagnostic of {@code rule} was reported. */
    public CompiledPlanAssert doesNotHaveDiagnostic(RuleId rule) {
        return doesNotHaveDiagnostic(rule.id());
    }

    /** No diagnostic of rule {@code ruleId} was reported. */
    public CompiledPlanAssert doesNotHaveDiagnostic(String ruleId) {
        isNotNull();
        var found = actual.diagnostics().stream()
                .filter(d -> d.ruleId().equals(ruleId))
                .toList();
        if (!found.isEmpty()) {
            failWithMessage("expected %s not to report %s, but found:%n%s", actual.name(), ruleId, lines(found));
        }
        return this;
    }

    /** The event phase named {@code phase} ({@code pre-scale}, {@code during}, {@code post-event}). */
    public CompiledPlanAssert phase(String phase) {
        isNotNull();
        return new CompiledPlanAssert(actual.phase(phase).orElseGet(() -> {
            failWithMessage(
                    "expected %s to have a phase %s, but its phases are %s", actual.name(), phase, actual.phases());
            return null;
        }));
    }

    /** The HorizontalPodAutoscaler of {@code service}, from {@code k8s/<service>-hpa.yaml}. */
    public ManifestAssert hpa(String service) {
        return new ManifestAssert(actual.name() + " · " + service + "-hpa", content("k8s/" + service + "-hpa.yaml"));
    }

    /** The PodDisruptionBudget of {@code service}, from {@code k8s/<service>-pdb.yaml}. */
    public ManifestAssert pdb(String service) {
        return new ManifestAssert(actual.name() + " · " + service + "-pdb", content("k8s/" + service + "-pdb.yaml"));
    }

    /** The Helm values overlay {@code helm/<release>-values.yaml}. */
    public ManifestAssert helmValues(String release) {
        return new ManifestAssert(
                actual.name() + " · " + release + "-values", content("helm/" + release + "-values.yaml"));
    }

    /** The text of the file at {@code path} (relative to the plan's or phase's folder). */
    public AbstractStringAssert<?> file(String path) {
        return Assertions.assertThat(content(path)).as(actual.name() + "/" + path);
    }

    /**
     * The same files as {@code other}, byte for byte, apart from those named in {@code except}
     * (for a post-event phase against its base plan: {@code "APPLY.md"}).
     */
    public CompiledPlanAssert hasSameFilesAs(CompiledPlan other, String... except) {
        isNotNull();
        Map<String, String> mine = new TreeMap<>(actual.files());
        Map<String, String> theirs = new TreeMap<>(other.files());
        for (String e : except) {
            mine.remove(e);
            theirs.remove(e);
        }
        Assertions.assertThat(mine)
                .as(actual.name() + " against " + other.name())
                .isEqualTo(theirs);
        return this;
    }

    private String content(String path) {
        isNotNull();
        String text = actual.files().get(path);
        if (text == null) {
            failWithMessage(
                    "expected %s to have %s, but its files are %s",
                    actual.name(), path, actual.files().keySet());
        }
        return text;
    }

    private static String lines(java.util.List<Diagnostic> diagnostics) {
        return diagnostics.isEmpty()
                ? "  (nothing)"
                : String.join("\n", diagnostics.stream().map(d -> "  " + d).toList());
    }
}
