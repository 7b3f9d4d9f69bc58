package io.scaleplan.compiler.check;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;

/** One check over a whole plan. Pure: it reads the model and returns findings at default severity. */
interface PlanRule {

    /** The findings of this rule for {@code plan}. */
    List<Diagnostic> check(ScalingPlan plan);

    /** A finding of {@code rule}, with its default severity and fix hint. */
    static Diagnostic finding(
            Rule rule, io.scaleplan.dsl.PlanElement element, String message, io.scaleplan.dsl.SourceLocation at) {
        return new Diagnostic(rule.ruleId(), rule.severity(), element, message, at, java.util.Optional.of(rule.fix()));
    }

    /** {@code production · usage-metering}. */
    static io.scaleplan.dsl.PlanElement element(ScalingPlan plan, io.scaleplan.dsl.Service service) {
        return element(plan).service(service.name());
    }

    /** {@code production}: the plan as a whole. */
    static io.scaleplan.dsl.PlanElement element(ScalingPlan plan) {
        return io.scaleplan.dsl.PlanElement.plan(plan.name());
    }
}
