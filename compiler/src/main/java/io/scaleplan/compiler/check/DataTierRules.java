package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SP130 shared_buffers not below the instance's memory; SP131 two Helm releases of a plan with one name. */
final class DataTierRules implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        plan.databases().forEach(pg -> pg.stated(PgSetting.SHARED_BUFFERS).ifPresent(sb -> {
            Memory memory = pg.instance().memory();
            if (sb.compareTo(memory) >= 0) {
                out.add(finding(
                        Rules.SHARED_BUFFERS_EXCEED_MEMORY,
                        pg.element(PlanRule.element(plan)),
                        "shared_buffers " + sb + " is not below the instance's memory " + memory,
                        pg.settings().stream()
                                .filter(v -> v.key() == PgSetting.SHARED_BUFFERS)
                                .findFirst()
                                .orElseThrow()
                                .source()));
            }
        }));
        Map<String, String> releases = new LinkedHashMap<>();
        plan.namespaces().forEach(ns -> releases.putIfAbsent(ns.release().name(), "the services' release"));
        plan.databases().stream()
                .filter(io.scaleplan.dsl.Postgres::isBitnami)
                .forEach(pg -> releaseOnce(plan, releases, pg.release(), part(pg.element(NONE)), pg.source(), out));
        plan.caches().stream()
                .filter(io.scaleplan.dsl.Redis::isBitnami)
                .forEach(r -> releaseOnce(plan, releases, r.release(), part(r.element(NONE)), r.source(), out));
        return out;
    }

    private static final PlanElement NONE = PlanElement.plan("-");

    /** {@code postgres}, {@code redis sessions}: how the message names an instance. */
    private static String part(PlanElement element) {
        return element.parts().get(0).toString();
    }

    private static void releaseOnce(
            ScalingPlan plan,
            Map<String, String> releases,
            String release,
            String what,
            SourceLocation at,
            List<Diagnostic> out) {
        String first = releases.putIfAbsent(release, what + "'s release");
        if (first != null) {
            out.add(finding(
                    Rules.RELEASE_COLLISION,
                    PlanRule.element(plan).detail(what),
                    what + "'s Helm release \"" + release + "\" is also " + first,
                    at));
        }
    }
}
