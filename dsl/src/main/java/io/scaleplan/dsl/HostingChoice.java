package io.scaleplan.dsl;

import java.util.Objects;

/**
 * Where an instance lives, as its builder is told ({@code inChart}, {@code managed}), and the SP032
 * checks of what does not apply there: one place for the PostgreSQL and Redis builders.
 */
final class HostingChoice {
    private final Problems problems;
    private final PlanElement element;
    private final ManagedService.Engine engine;
    private Hosting hosting = Hosting.BITNAMI;
    private SourceLocation stated;

    HostingChoice(Problems problems, PlanElement element, ManagedService.Engine engine) {
        this.problems = problems;
        this.element = element;
        this.engine = engine;
    }

    Hosting get() {
        return hosting;
    }

    void inChart(String workload, boolean configFile) {
        SourceLocation at = SourceLocation.capture();
        if (problems.requireLabel(element, "workload", workload, at)) {
            set(new Hosting.InChart(workload, configFile), at);
        }
    }

    void managed(ManagedService service, String identifier) {
        Objects.requireNonNull(service, "service");
        SourceLocation at = SourceLocation.capture();
        if (service.engine() != engine) {
            problems.error(
                    RuleId.HOSTING_MISMATCH,
                    element,
                    service
                            + (engine == ManagedService.Engine.POSTGRES
                                    ? " runs Redis, not PostgreSQL"
                                    : " runs PostgreSQL, not Redis"),
                    at);
        } else if (!Hosting.Managed.isIdentifier(identifier)) {
            problems.error(
                    RuleId.UNSAFE_TEXT,
                    element,
                    "managed identifier " + Names.show(identifier)
                            + " is not valid (a letter, then letters, digits and '-', at most 63)",
                    at);
        } else {
            set(new Hosting.Managed(service, identifier), at);
        }
    }

    private void set(Hosting h, SourceLocation at) {
        if (stated != null) {
            problems.error(
                    RuleId.HOSTING_MISMATCH,
                    element,
                    "where the server lives is stated twice (first at " + stated + ")",
                    at);
            return;
        }
        this.hosting = h;
        this.stated = at;
    }

    /**
     * SP032 for what describes a Bitnami release the instance is not: a stated {@code release}, a
     * {@code topology} ({@code readReplicas(1)}, {@code cluster(...)}; null for none), resources
     * of a managed one. Returns whether all is well.
     */
    boolean check(
            String release,
            SourceLocation releaseAt,
            String topology,
            String topologyWord,
            SourceLocation topologyAt,
            boolean hasResources,
            SourceLocation resourcesAt,
            String resourcesHint) {
        if (hosting instanceof Hosting.Bitnami) {
            return true;
        }
        String where = hosting.describe();
        boolean ok = true;
        if (releaseAt != null) {
            problems.error(
                    RuleId.HOSTING_MISMATCH,
                    element,
                    "release(" + Names.show(release) + ") but the server lives in " + where
                            + ": there is no Bitnami release to name",
                    releaseAt);
            ok = false;
        }
        if (topology != null) {
            problems.error(
                    RuleId.HOSTING_MISMATCH,
                    element,
                    topology + " but the server lives in " + where + ", whose " + topologyWord
                            + " scaleplan does not run: leave it out",
                    topologyAt);
            ok = false;
        }
        if (hosting instanceof Hosting.Managed && hasResources) {
            problems.error(
                    RuleId.HOSTING_MISMATCH,
                    element,
                    "requests/limits but the server is " + where + ", which has no pods" + resourcesHint,
                    resourcesAt);
            ok = false;
        }
        return ok;
    }
}
