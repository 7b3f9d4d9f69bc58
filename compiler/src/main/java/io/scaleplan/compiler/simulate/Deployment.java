package io.scaleplan.compiler.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Deployment's pods as the simulator tracks them: the second each becomes ready. Scaling up
 * creates pods that are ready {@code readySeconds} later; scaling down deletes not-ready pods
 * first, then the newest (the ReplicaSet controller's order).
 */
final class Deployment {
    private final int readySeconds;
    private final List<Long> readyAt = new ArrayList<>();

    Deployment(int initialReplicas, int readySeconds) {
        this.readySeconds = readySeconds;
        for (int i = 0; i < initialReplicas; i++) {
            readyAt.add(Long.MIN_VALUE);
        }
    }

    int replicas() {
        return readyAt.size();
    }

    int readyAt(long second) {
        int n = 0;
        for (long r : readyAt) {
            if (r <= second) {
                n++;
            }
        }
        return n;
    }

    void scaleTo(int replicas, long now) {
        while (readyAt.size() < replicas) {
            readyAt.add(now + readySeconds);
        }
        if (readyAt.size() > replicas) {
            readyAt.sort(Comparator.reverseOrder());
            readyAt.subList(0, readyAt.size() - replicas).clear();
        }
    }
}
