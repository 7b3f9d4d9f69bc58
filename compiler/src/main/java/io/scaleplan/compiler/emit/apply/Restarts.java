package io.scaleplan.compiler.emit.apply;

import io.scaleplan.compiler.emit.postgres.Tuning;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL settings that take effect only after a restart, and the restart itself. */
final class Restarts {
    private Restarts() {}

    /** The plan's PostgreSQL settings that need a restart to change (context {@code postmaster}). */
    static List<String> postmasterSettings(ScalingPlan plan) {
        return new ArrayList<>(postmaster(plan).keySet());
    }

    /** The restart-only settings whose value differs between {@code before} and {@code after}, with both values. */
    static List<String> changedPostmasterSettings(ScalingPlan before, ScalingPlan after) {
        Map<String, String> was = postmaster(before);
        List<String> out = new ArrayList<>();
        postmaster(after).forEach((name, value) -> {
            String old = was.get(name);
            if (!value.equals(old)) {
                out.add(name + " (" + (old == null ? "unset" : old) + " → " + value + ")");
            }
        });
        return out;
    }

    private static Map<String, String> postmaster(ScalingPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.postgres().ifPresent(pg -> {
            for (Tuning.Tuned t : Tuning.settings(pg)) {
                if (t.requiresRestart(pg.majorVersion()).orElse(false)) {
                    out.put(t.name(), t.value());
                }
            }
        });
        return out;
    }

    /**
     * The restart of the PostgreSQL primary, as a rolling restart of its StatefulSet (the Bitnami
     * chart's {@code <release>-primary} with read replicas, {@code <release>} without), then the
     * read replicas.
     */
    static List<String> commands(ScalingPlan plan) {
        List<String> out = new ArrayList<>();
        String ns = Shell.word(plan.namespace());
        Postgres pg = plan.postgres().orElseThrow();
        List<String> sets = pg.readReplicas() > 0
                ? List.of(pg.release() + "-primary", pg.release() + "-read")
                : List.of(pg.release());
        for (String sts : sets) {
            out.add("kubectl -n " + ns + " rollout restart statefulset/" + Shell.word(sts));
            out.add("kubectl -n " + ns + " rollout status statefulset/" + Shell.word(sts));
        }
        return out;
    }
}
