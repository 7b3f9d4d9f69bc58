package io.scaleplan.dsl;

/**
 * A number of pods, either absolute ({@link PodCount}, from {@link Units#pods(int)}) or relative
 * to the replica count ({@link Percent}, from {@link Units#percent(int)}). Used where Kubernetes
 * takes an int-or-percent: disruption budgets and HPA scaling policies.
 */
public sealed interface PodAmount permits PodCount, Percent {

    /** The number as written, without its unit. */
    int value();

    /** The number of pods this amount is of {@code total} pods, rounding a percentage up. */
    int ofPodsRoundingUp(int total);
}
