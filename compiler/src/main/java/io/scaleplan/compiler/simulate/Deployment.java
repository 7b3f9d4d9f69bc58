package io.scaleplan.compiler.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Deployment's (or StatefulSet's) pods as the simulator tracks them. A pod created at second
 * {@code c} is {@code Pending} (scheduling, image pull) until {@code c + pendingSeconds}, then
 * Running but not Ready (start-up, readiness probe) until {@code c + readySeconds}, then Running
 * and Ready. Scaling up creates every new pod at once, as a ReplicaSet and a {@code Parallel}
 * StatefulSet do; an {@code OrderedReady} StatefulSet ({@code ordered}) creates pod {@code N} only
 * when pod {@code N-1} is Ready, so the new pods are created {@code readySeconds} apart (the pods
 * the scale asks for but not yet created count in {@link #replicas()}, the scale's {@code
 * spec.replicas}, and nowhere else). Scaling down deletes pods that are not ready first, then the
 * newest (the ReplicaSet controller's order; a StatefulSet's highest ordinals, its newest pods).
 */
final class Deployment {
    private final int pendingSeconds;
    private final int readySeconds;
    private final boolean ordered;
    private final List<Long> created = new ArrayList<>();

    /**
     * @param initialReplicas pods that have been Ready since long ago
     * @param pendingSeconds seconds a new pod is Pending
     * @param readySeconds seconds from creation to Ready, at least {@code pendingSeconds}
     */
    Deployment(int initialReplicas, int pendingSeconds, int readySeconds) {
        this(initialReplicas, pendingSeconds, readySeconds, false);
    }

    /**
     * @param ordered whether pods are created one at a time, each once the one before is Ready
     *     (a StatefulSet's {@code OrderedReady})
     */
    Deployment(int initialReplicas, int pendingSeconds, int readySeconds, boolean ordered) {
        this.ordered = ordered;
        if (pendingSeconds < 0 || readySeconds < pendingSeconds) {
            throw new IllegalArgumentException(
                    "need 0 <= pending <= ready, were " + pendingSeconds + " and " + readySeconds);
        }
        this.pendingSeconds = pendingSeconds;
        this.readySeconds = readySeconds;
        for (int i = 0; i < initialReplicas; i++) {
            created.add(MetricSample.LONG_AGO);
        }
    }

    int replicas() {
        return created.size();
    }

    /** Pods Ready at {@code second}. */
    int readyAt(long second) {
        int n = 0;
        for (long c : created) {
            if (c + readySeconds <= second) {
                n++;
            }
        }
        return n;
    }

    /** The pods, oldest first: when each was created (or, ordered, will be: later than now for those still waiting). */
    List<Long> createdSeconds() {
        return List.copyOf(created);
    }

    long runningAt(long createdAt) {
        return createdAt + pendingSeconds;
    }

    long readyAtOf(long createdAt) {
        return createdAt + readySeconds;
    }

    void scaleTo(int replicas, long now) {
        while (created.size() < replicas) {
            long at = now;
            if (ordered && !created.isEmpty()) {
                at = Math.max(now, created.get(created.size() - 1) + readySeconds);
            }
            created.add(at);
        }
        if (created.size() > replicas) {
            created.sort(Comparator.reverseOrder()); // the newest are the least ready
            created.subList(0, created.size() - replicas).clear();
            created.sort(Comparator.naturalOrder());
        }
    }
}
