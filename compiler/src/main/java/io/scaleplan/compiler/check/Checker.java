package io.scaleplan.compiler.check;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.RuleSettings;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Severity;
import io.scaleplan.dsl.Suppression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every cross-resource rule over a whole plan, then applies the plan's rule settings:
 * severity overrides, and suppressions (each with its reason). The DSL's builders have already
 * rejected values that are wrong on their own; these rules catch settings wrong together.
 */
public final class Checker {
    private final List<PlanRule> rules = List.of(
            new ResourceRules(),
            new DisruptionBudgetRule(),
            new CapacityRules(),
            new NodePoolRules(),
            new BoundsRule(),
            new IdentifierRule(),
            new DataTierRules(),
            new ObjectOwnershipRule(),
            new ConnectionAndRedisRules(),
            new LoadProfileRule(),
            new MetricSourceRule(),
            new WorkloadRules());

    /** All diagnostics for {@code plan}, after the plan's severity overrides and suppressions. */
    public List<Diagnostic> check(ScalingPlan plan) {
        return check(ResolvedPlan.of(plan));
    }

    /** All diagnostics for the resolved plan, after the plan's severity overrides and suppressions. */
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        RuleSettings settings = plan.ruleSettings();
        List<Diagnostic> out = new ArrayList<>(checkSettings(plan));
        Set<Suppression> used = new HashSet<>();
        for (PlanRule rule : rules) {
            for (Diagnostic d : rule.check(resolved)) {
                Optional<Suppression> suppression = settings.suppressionOf(d.ruleId(), serviceOf(plan, d));
                if (suppression.isPresent()) {
                    used.add(suppression.get());
                    continue;
                }
                Severity severity = settings.severities().get(d.ruleId());
                out.add(severity == null ? d : d.withSeverity(severity));
            }
        }
        for (Suppression s : settings.suppressions()) {
            if (!used.contains(s) && Rules.byId(s.ruleId()).isPresent()) {
                out.add(PlanRule.finding(
                        Rules.UNUSED_SUPPRESSION,
                        s.service().map(PlanRule.element(plan)::service).orElseGet(() -> PlanRule.element(plan)),
                        "suppress(\"" + s.ruleId() + "\", ...) matches no finding",
                        s.source()));
            }
        }
        return out;
    }

    private static List<Diagnostic> checkSettings(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        for (Suppression s : plan.ruleSettings().suppressions()) {
            if (Rules.byId(s.ruleId()).isEmpty()) {
                out.add(PlanRule.finding(
                        Rules.INVALID_RULE_SETTING,
                        s.service().map(PlanRule.element(plan)::service).orElseGet(() -> PlanRule.element(plan)),
                        "suppress(\"" + s.ruleId() + "\", ...) names no rule: see docs/rules.md",
                        s.source()));
            }
        }
        for (Map.Entry<String, Severity> e : plan.ruleSettings().severities().entrySet()) {
            if (Rules.byId(e.getKey()).isEmpty()) {
                out.add(PlanRule.finding(
                        Rules.INVALID_RULE_SETTING,
                        PlanRule.element(plan),
                        "severity(\"" + e.getKey() + "\", ...) names no rule: see docs/rules.md",
                        plan.source()));
            }
        }
        return out;
    }

    /** The service a diagnostic is about: its element is one of the plan's services ({@code plan · service}). */
    private static Optional<String> serviceOf(ScalingPlan plan, Diagnostic d) {
        if (!d.element().plan().equals(plan.name())) {
            return Optional.empty();
        }
        return d.element().service().flatMap(plan::service).map(s -> s.name());
    }
}
