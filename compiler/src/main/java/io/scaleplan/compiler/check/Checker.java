package io.scaleplan.compiler.check;

import io.scaleplan.dsl.Autoscaling;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Resources;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every cross-resource rule over a whole plan and collects all diagnostics. The DSL's
 * builders have already rejected values that are wrong on their own; these rules catch settings
 * that are wrong together.
 */
public final class Checker {

    /** All diagnostics for {@code plan}, in service order, each at its default severity. */
    public List<Diagnostic> check(ScalingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        for (Service service : plan.services()) {
            String element = plan.name() + " · " + service.name();
            service.autoscaling().ifPresent(a -> utilizationNeedsRequest(element, service, a, out));
            limitsAboveRequests(element, service.resources(), out);
            if (service.autoscaling().isPresent() && service.replicas().isPresent()) {
                out.add(diagnostic(
                        Rules.REPLICAS_WITH_AUTOSCALING,
                        element,
                        "replicas(" + service.replicas().get() + ") is ignored: the HPA owns the replica count"
                                + " (minReplicas " + service.autoscaling().get().minReplicas() + ")",
                        service.source()));
            }
        }
        dataTier(plan, out);
        return out;
    }

    private static void dataTier(ScalingPlan plan, List<Diagnostic> out) {
        plan.postgres().ifPresent(pg -> pg.stated(PgSetting.SHARED_BUFFERS).ifPresent(sb -> {
            Memory memory = pg.instance().memory();
            if (sb.compareTo(memory) >= 0) {
                out.add(diagnostic(
                        Rules.SHARED_BUFFERS_EXCEED_MEMORY,
                        plan.name() + " · postgres",
                        "shared_buffers " + sb + " is not below the instance's memory " + memory,
                        pg.settings().stream()
                                .filter(v -> v.key() == PgSetting.SHARED_BUFFERS)
                                .findFirst()
                                .orElseThrow()
                                .source()));
            }
        }));
        Map<String, String> releases = new LinkedHashMap<>();
        releases.put(plan.release().name(), "the services' release");
        plan.postgres().ifPresent(pg -> releaseOnce(plan, releases, pg.release(), "postgres", pg.source(), out));
        plan.redis().ifPresent(r -> releaseOnce(plan, releases, r.release(), "redis", r.source(), out));
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
            out.add(diagnostic(
                    Rules.RELEASE_COLLISION,
                    plan.name() + " · " + what,
                    what + "'s Helm release \"" + release + "\" is also " + first,
                    at));
        }
    }

    private static void utilizationNeedsRequest(String element, Service service, Autoscaling a, List<Diagnostic> out) {
        Resources r = service.resources();
        if (a.cpuUtilization().isPresent() && r.cpuRequest().isEmpty()) {
            out.add(diagnostic(
                    Rules.UTILIZATION_WITHOUT_REQUEST,
                    element,
                    "CPU utilization target " + a.cpuUtilization().get() + " but no CPU request: the HPA cannot"
                            + " compute CPU utilization and will not scale",
                    a.source()));
        }
        if (a.memoryUtilization().isPresent() && r.memoryRequest().isEmpty()) {
            out.add(diagnostic(
                    Rules.UTILIZATION_WITHOUT_REQUEST,
                    element,
                    "memory utilization target " + a.memoryUtilization().get() + " but no memory request: the HPA"
                            + " cannot compute memory utilization and will not scale",
                    a.source()));
        }
    }

    private static void limitsAboveRequests(String element, Resources r, List<Diagnostic> out) {
        if (r.cpuRequest().isPresent()
                && r.cpuLimit().isPresent()
                && r.cpuLimit().get().compareTo(r.cpuRequest().get()) < 0) {
            out.add(diagnostic(
                    Rules.LIMIT_BELOW_REQUEST,
                    element,
                    "CPU limit " + r.cpuLimit().get() + " is below the CPU request "
                            + r.cpuRequest().get(),
                    r.source()));
        }
        if (r.memoryRequest().isPresent()
                && r.memoryLimit().isPresent()
                && r.memoryLimit().get().compareTo(r.memoryRequest().get()) < 0) {
            out.add(diagnostic(
                    Rules.LIMIT_BELOW_REQUEST,
                    element,
                    "memory limit " + r.memoryLimit().get() + " is below the memory request "
                            + r.memoryRequest().get(),
                    r.source()));
        }
    }

    static Diagnostic diagnostic(Rule rule, String element, String message, SourceLocation at) {
        return new Diagnostic(rule.id(), rule.severity(), element, message, at, Optional.of(rule.fix()));
    }
}
