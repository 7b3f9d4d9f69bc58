package io.scaleplan.compiler.emit.apply;

import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL restarts, in the order streaming replication requires.
 *
 * <p>A hot standby must run {@link #HOT_STANDBY} settings at values at least its primary's: a
 * standby that meets a primary with larger values stops replaying WAL ("hot standby is not possible
 * because of insufficient parameter settings ... recovery has paused") until it is restarted with
 * values at least as large. So a raise restarts the read replicas first, then the primary; a
 * lowering restarts the primary first, then the replicas. With read replicas the Bitnami overlay
 * sets both StatefulSets' {@code updateStrategy} to {@code OnDelete}, so {@code helm upgrade}
 * (or a GitOps sync) changes their pod templates without rolling them concurrently, and these
 * steps restart the pods in that order, one at a time.
 */
public final class Restarts {
    /** The settings a hot standby must have at least as large as its primary's. */
    public static final Set<String> HOT_STANDBY = Set.of(
            "max_connections",
            "max_worker_processes",
            "max_wal_senders",
            "max_prepared_transactions",
            "max_locks_per_transaction");

    /** Which pods restart first. */
    public enum Order {
        /** Read replicas, then the primary: nothing of {@link #HOT_STANDBY} is lowered. */
        REPLICAS_FIRST,
        /** The primary, then the read replicas: something of {@link #HOT_STANDBY} is lowered. */
        PRIMARY_FIRST
    }

    private Restarts() {}

    /** The plan's PostgreSQL settings that need a restart to change (context {@code postmaster}). */
    static List<String> postmasterSettings(ResolvedPlan plan) {
        return new ArrayList<>(postmaster(plan).keySet());
    }

    /** The restart-only settings whose value differs between {@code before} and {@code after}, with both values. */
    static List<String> changedPostmasterSettings(ResolvedPlan before, ResolvedPlan after) {
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

    /** The {@link #HOT_STANDBY} settings lowered from {@code before} to {@code after}. */
    static List<String> lowered(ResolvedPlan before, ResolvedPlan after) {
        return moved(before, after, -1);
    }

    /** The {@link #HOT_STANDBY} settings raised from {@code before} to {@code after}. */
    static List<String> raised(ResolvedPlan before, ResolvedPlan after) {
        return moved(before, after, 1);
    }

    /** The {@link #HOT_STANDBY} settings whose value moved in {@code direction} (1 up, -1 down). */
    private static List<String> moved(ResolvedPlan before, ResolvedPlan after, int direction) {
        Map<String, Tuning.Tuned> was = all(before);
        List<String> out = new ArrayList<>();
        all(after).forEach((name, value) -> {
            Tuning.Tuned old = was.get(name);
            if (HOT_STANDBY.contains(name) && old != null && Integer.signum(compare(value, old)) == direction) {
                out.add(name);
            }
        });
        return out;
    }

    /** The order that keeps every standby replaying through a change from {@code before} to {@code after}. */
    public static Order order(ResolvedPlan before, ResolvedPlan after) {
        return lowered(before, after).isEmpty() ? Order.REPLICAS_FIRST : Order.PRIMARY_FIRST;
    }

    private static int compare(Tuning.Tuned a, Tuning.Tuned b) {
        if (a.typed().orElse(null) instanceof Integer x && b.typed().orElse(null) instanceof Integer y) {
            return Integer.compare(x, y);
        }
        // a setting without a typed key (max_locks_per_transaction): the plan states it as text
        try {
            return Long.compare(Long.parseLong(a.value()), Long.parseLong(b.value()));
        } catch (NumberFormatException e) {
            return a.value().compareTo(b.value());
        }
    }

    private static Map<String, String> postmaster(ResolvedPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.postgres().ifPresent(pg -> pg.restartRequired().forEach(t -> out.put(t.name(), t.value())));
        return out;
    }

    private static Map<String, Tuning.Tuned> all(ResolvedPlan plan) {
        Map<String, Tuning.Tuned> out = new LinkedHashMap<>();
        plan.postgresSettings().forEach(t -> out.put(t.name(), t));
        return out;
    }

    /** Whether the plan's PostgreSQL has read replicas, so that its restarts are ordered steps. */
    static boolean ordered(ScalingPlan plan) {
        return plan.postgres()
                .filter(Postgres::isBitnami)
                .map(pg -> pg.readReplicas() > 0)
                .orElse(false);
    }

    /** The primary's pod name: {@code <fullname>-primary-0} with read replicas, {@code <fullname>-0} without. */
    public static String primaryPod(Postgres pg) {
        String base = ClusterObject.fullname(pg.release(), "postgresql");
        return (pg.readReplicas() > 0 ? base + "-primary" : base) + "-0";
    }

    /** The read replicas' pod names, {@code <release>-read-0} and up. */
    public static List<String> replicaPods(Postgres pg) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pg.readReplicas(); i++) {
            out.add(ClusterObject.fullname(pg.release(), "postgresql") + "-read-" + i);
        }
        return out;
    }

    /**
     * The restart of every PostgreSQL pod, one at a time, in {@code order}: each pod is deleted,
     * its StatefulSet (update strategy {@code OnDelete}) recreates it from the new template, and the
     * next waits until it is Ready. {@code kubectl wait --for=create} needs kubectl 1.31 or newer.
     */
    static List<String> commands(ScalingPlan plan, Order order) {
        return commands(plan, plan.postgres().orElseThrow(), order);
    }

    /** As {@link #commands(ScalingPlan, Order)}, for {@code pg}, one of the plan's Bitnami PostgreSQL instances. */
    static List<String> commands(ScalingPlan plan, Postgres pg, Order order) {
        String ns = Shell.word(plan.namespace());
        List<String> pods = new ArrayList<>();
        if (order == Order.PRIMARY_FIRST) {
            pods.add(primaryPod(pg));
        }
        pods.addAll(replicaPods(pg));
        if (order == Order.REPLICAS_FIRST) {
            pods.add(primaryPod(pg));
        }
        List<String> out = new ArrayList<>();
        for (String pod : pods) {
            String p = Shell.word(pod);
            out.add("kubectl -n " + ns + " delete pod " + p + " --wait");
            out.add("kubectl -n " + ns + " wait --for=create pod/" + p + " --timeout=5m");
            out.add("kubectl -n " + ns + " wait --for=condition=Ready pod/" + p + " --timeout=15m");
            if (order == Order.PRIMARY_FIRST && pod.equals(primaryPod(pg))) {
                out.add("# wait until every read replica has replayed the primary's restart (the record of its new"
                        + " settings): a standby restarted with lower values before that refuses to start");
                out.add("psql -v ON_ERROR_STOP=1 -c \""
                        + waitForReplay(pg.readReplicas()).replace("$", "\\$") + "\"");
            }
        }
        return out;
    }

    /**
     * A {@code DO} block, run on the primary, that waits up to 10 minutes until {@code replicas}
     * standbys have replayed the primary's current WAL position, and fails otherwise.
     */
    public static String waitForReplay(int replicas) {
        // pg_stat_get_wal_senders(), not pg_stat_replication: the view joins the backend list, which
        // a transaction reads once, so a standby that reconnects during the wait would never appear
        String replayed = "(SELECT count(*) FROM pg_stat_get_wal_senders() WHERE replay_lsn >= target) >= " + replicas;
        return "DO $$ DECLARE target pg_lsn := pg_current_wal_lsn(); BEGIN FOR i IN 1..600 LOOP EXIT WHEN "
                + replayed + "; PERFORM pg_sleep(1); END LOOP; IF NOT " + replayed
                + " THEN RAISE EXCEPTION 'the read replicas have not replayed %', target; END IF; END $$";
    }

    /** The comment line above the restart steps: which order and why. */
    static String reason(Order order, List<String> raised, List<String> lowered) {
        if (order == Order.PRIMARY_FIRST) {
            String why = "# restart PostgreSQL, the primary first: " + String.join(", ", lowered)
                    + " is lowered, and a standby must run at least the primary's value";
            return raised.isEmpty()
                    ? why
                    : why + " (" + String.join(", ", raised)
                            + " rises in the same change: split it into a raise and a lowering, one apply each)";
        }
        return "# restart PostgreSQL, the read replicas first: a standby must run "
                + (raised.isEmpty() ? "the hot-standby settings" : String.join(", ", raised))
                + " at least at the primary's value, else it pauses WAL replay";
    }
}
