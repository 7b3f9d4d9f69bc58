package io.scaleplan.compiler.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Deployment's pods as the simulator tracks them. A pod created at second {@code c} is {@code
 * Pending} (scheduling, image pull) until {@code c + pendingSeconds}, then Running but not Ready
 * (start-up, readiness probe) until {@code c + readySeconds}, then Running and Ready. Scaling down
 * deletes pods that are not ready first, then the newest (the ReplicaSet controller's order).
 */
final class Deployment {
    private final int pendingSeconds;
    private final int readySeconds;
    private final List<Long> created = new ArrayList<>();

    /**
     * @param initialReplicas pods that have been Ready since long ago
     * @param pendingSeconds seconds a new pod is Pending
     * @param readySeconds seconds from creation to Ready, at least {@code pendingSeconds}
     */
    Deployment(int initialReplicas, int pendingSeconds, int readySeconds) {
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

    /** The pods, oldest first: when each was created. */
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
            created.add(now);
        }
        if (created.size() > replicas) {
            created.sort(Comparator.reverseOrder()); // the newest are the least ready
            created.subList(0, created.size() - replicas).clear();
            created.sort(Comparator.naturalOrder());
        }
    }
}
