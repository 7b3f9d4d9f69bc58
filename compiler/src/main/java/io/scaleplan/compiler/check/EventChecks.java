package io.scaleplan.compiler.check;

import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rules across an event's phases: SP402, a pre-scale phase that lowers a minimum or maximum;
 * SP403, a phase that changes max_connections (a restart).
 */
public final class EventChecks {
    private EventChecks() {}

    /** The findings across {@code event}'s phases; each phase's own plan is checked separately. */
    public static List<Diagnostic> check(EventPlan event) {
        List<Diagnostic> out = new ArrayList<>();
        io.scaleplan.dsl.ScalingPlan before = event.base();
        for (EventPhase phase : event.phases()) {
            for (io.scaleplan.dsl.Postgres db : phase.plan().databases()) {
                Optional<io.scaleplan.dsl.Postgres> beforeDb =
                        db.name().isPresent() ? before.database(db.name().get()) : before.postgres();
                Optional<Integer> was = beforeDb.flatMap(pg -> pg.stated(PgSetting.MAX_CONNECTIONS));
                Optional<Integer> now = db.stated(PgSetting.MAX_CONNECTIONS);
                if (!was.equals(now)) {
                    out.add(new Diagnostic(
                                    Rules.EVENT_NEEDS_RESTART.ruleId(),
                                    Rules.EVENT_NEEDS_RESTART.severity(),
                                    db.element(PlanElement.plan(event.name())
                                            .phase(phase.kind().id())),
                                    (db.name().isPresent() ? db.title() + ": " : "") + "max_connections changes from "
                                            + was.map(String::valueOf).orElse("the default")
                                            + " to " + now.map(String::valueOf).orElse("the default")
                                            + (db.name().isEmpty()
                                                    ? ": PostgreSQL restarts (the last step of " + phase.folder()
                                                            + "/APPLY.md)"
                                                    : ": it takes effect at a restart of "
                                                            + db.hosting().describe() + " after " + phase.folder()
                                                            + "/APPLY.md"),
                                    event.source(),
                                    Optional.empty())
                            .withFix(Rules.EVENT_NEEDS_RESTART.fix()));
                }
            }
            before = phase.plan();
        }
        Optional<EventPhase> pre = event.phase(EventPhase.Kind.PRE_SCALE);
        if (pre.isEmpty()) {
            return out;
        }
        for (Service s : pre.get().plan().services()) {
            Service base = event.base().service(s.name()).orElseThrow();
            PlanElement element = PlanElement.plan(event.name())
                    .phase(EventPhase.Kind.PRE_SCALE.id())
                    .service(s.name());
            if (s.minReplicas() < base.minReplicas()) {
                out.add(lowered(element, "minReplicas", base.minReplicas(), s.minReplicas(), event));
            }
            if (s.maxReplicas() < base.maxReplicas()) {
                out.add(lowered(element, "maxReplicas", base.maxReplicas(), s.maxReplicas(), event));
            }
        }
        return out;
    }

    private static Diagnostic lowered(PlanElement element, String what, int was, int now, EventPlan event) {
        return new Diagnostic(
                        Rules.EVENT_LOWERS_SCALE.ruleId(),
                        Rules.EVENT_LOWERS_SCALE.severity(),
                        element,
                        "pre-scale lowers " + what + " from " + was + " to " + now,
                        event.source(),
                        Optional.empty())
                .withFix(Rules.EVENT_LOWERS_SCALE.fix());
    }
}
