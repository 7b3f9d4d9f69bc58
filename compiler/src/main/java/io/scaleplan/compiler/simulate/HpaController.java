package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.SelectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The HPA controller's reconcile for one HPA, ported from {@code horizontal.go} and {@code
 * replica_calculator.go} in the controller's order of operations and with its double arithmetic,
 * so that replica counts match a cluster's exactly. Keeps what the controller keeps per HPA: the
 * recommendations and the scale-up and scale-down events, with the controller's slot reuse.
 *
 * <p>Not thread-safe; one instance per HPA, fed one {@link #sync} per reconcile in time order.
 */
public final class HpaController {
    private final HpaSpec spec;
    private final ControllerSettings settings;
    private final List<Timestamped> recommendations = new ArrayList<>();
    private final List<Timestamped> scaleUpEvents = new ArrayList<>();
    private final List<Timestamped> scaleDownEvents = new ArrayList<>();

    /** A value with the second it was recorded; {@code outdated} marks a reusable event slot. */
    private static final class Timestamped {
        int value;
        long at;
        boolean outdated;

        Timestamped(int value, long at) {
            this.value = value;
            this.at = at;
        }
    }

    public HpaController(HpaSpec spec, ControllerSettings settings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public HpaSpec spec() {
        return spec;
    }

    /**
     * One reconcile at second {@code now}: the replica count the controller writes to the scale
     * subresource ({@code current} when it leaves it alone).
     *
     * @param current {@code scale.spec.replicas}
     * @param samples one sample per metric of {@link HpaSpec#metrics()}, in order
     */
    public int sync(long now, int current, List<MetricSample> samples) {
        if (samples.size() != spec.metrics().size()) {
            throw new IllegalArgumentException(
                    "expected " + spec.metrics().size() + " metric samples, got " + samples.size());
        }
        if (recommendations.isEmpty()) {
            recommendations.add(new Timestamped(current, now));
        }
        if (current == 0) {
            return current; // minReplicas is at least 1: autoscaling is disabled
        }
        int desired;
        if (current > spec.maxReplicas()) {
            desired = spec.maxReplicas();
        } else if (current < spec.minReplicas()) {
            desired = spec.minReplicas();
        } else {
            OptionalInt metricDesired = replicasForMetrics(now, current, samples);
            if (metricDesired.isEmpty()) {
                return current;
            }
            desired = spec.behavior().isEmpty()
                    ? normalizeLegacy(now, current, metricDesired.getAsInt())
                    : normalizeWithBehaviors(now, current, metricDesired.getAsInt());
        }
        if (desired != current && spec.behavior().isPresent()) {
            storeScaleEvent(now, current, desired);
        }
        return desired;
    }

    /** The metrics' combined proposal at {@code current} replicas, without stabilization or rate limits. */
    int proposalOf(int current, List<MetricSample> samples) {
        return replicasForMetrics(0, current, samples).orElse(current);
    }

    /** {@code computeReplicasForMetrics}: the largest valid proposal; empty when scaling must not happen. */
    private OptionalInt replicasForMetrics(long now, int current, List<MetricSample> samples) {
        int best = -1;
        boolean invalid = false;
        Tolerances tolerances = tolerances();
        for (int i = 0; i < samples.size(); i++) {
            OptionalInt proposal = proposal(spec.metrics().get(i), current, samples.get(i), now, tolerances);
            if (proposal.isEmpty()) {
                invalid = true;
            } else if (best == -1 || proposal.getAsInt() > best) {
                best = proposal.getAsInt();
            }
        }
        if (best == -1 || (invalid && best < current)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(best);
    }

    /**
     * {@code tolerancesForHpa}: the cluster-wide tolerance, replaced per direction by the HPA's
     * {@code behavior.scaleDown/scaleUp.tolerance} where set (the {@code HPAConfigurableTolerance}
     * gate: alpha in 1.33, on by default from 1.35).
     */
    Tolerances tolerances() {
        double global = settings.tolerance();
        return spec.behavior()
                .map(b -> new Tolerances(
                        b.scaleDown().tolerance().orElse(global),
                        b.scaleUp().tolerance().orElse(global)))
                .orElse(new Tolerances(global, global));
    }

    /** One metric's proposal with the HPA's own tolerances. */
    OptionalInt proposal(MetricTarget target, int current, MetricSample s, long now) {
        return proposal(target, current, s, now, tolerances());
    }

    /**
     * One metric's proposal ({@code groupPods}, then {@code GetResourceReplicas} / {@code
     * calcPlainMetricReplicas}); empty when the metric is invalid (no ready pod has a sample, or
     * the pods request none of the resource).
     */
    OptionalInt proposal(MetricTarget target, int current, MetricSample s, long now, Tolerances tolerances) {
        if (target instanceof MetricTarget.Total total) {
            return totalProposal(total, current, s, tolerances);
        }
        List<long[]> metrics = new ArrayList<>(); // {value, request} per pod whose sample counts
        List<MetricSample.Pod> unready = new ArrayList<>();
        List<MetricSample.Pod> missing = new ArrayList<>();
        for (MetricSample.Pod p : s.pods()) {
            if (p.phase() == MetricSample.Phase.FAILED) {
                continue; // ignored: neither its sample nor the pod counts
            }
            if (p.phase() == MetricSample.Phase.PENDING) {
                unready.add(p);
            } else if (p.valueMilli().isEmpty()) {
                missing.add(p);
            } else if (target.checksCpuReadiness() && unreadyForCpu(p, s, now)) {
                unready.add(p);
            } else {
                metrics.add(new long[] {p.valueMilli().getAsLong(), p.requestMilli()});
            }
        }
        int readyPodCount = metrics.size();
        if (readyPodCount == 0) {
            return OptionalInt.empty(); // "did not receive metrics for targeted pods (pods might be unready)"
        }
        double usageRatio = ratio(target, metrics);
        if (Double.isNaN(usageRatio)) {
            return OptionalInt.empty();
        }
        boolean scaleUpWithUnready = !unready.isEmpty() && usageRatio > 1.0;
        if (!scaleUpWithUnready && missing.isEmpty()) {
            if (tolerances.isWithin(usageRatio)) {
                return OptionalInt.of(current);
            }
            return OptionalInt.of(ceilToInt(usageRatio * (double) readyPodCount));
        }
        if (!missing.isEmpty()) {
            if (usageRatio < 1.0) { // on a scale-down, a missing pod is taken to use the target
                for (MetricSample.Pod p : missing) {
                    long fallback = target instanceof MetricTarget.Utilization u
                            ? p.requestMilli() * Math.max(100, u.targetPercent()) / 100
                            : ((MetricTarget.AverageValue) target).targetMilli();
                    metrics.add(new long[] {fallback, p.requestMilli()});
                }
            } else if (usageRatio > 1.0) { // on a scale-up, to use nothing
                for (MetricSample.Pod p : missing) {
                    metrics.add(new long[] {0, p.requestMilli()});
                }
            }
        }
        if (scaleUpWithUnready) {
            for (MetricSample.Pod p : unready) {
                metrics.add(new long[] {0, p.requestMilli()});
            }
        }
        double newUsageRatio = ratio(target, metrics);
        if (tolerances.isWithin(newUsageRatio)
                || (usageRatio < 1.0 && newUsageRatio > 1.0)
                || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
            return OptionalInt.of(current);
        }
        int newReplicas = ceilToInt(newUsageRatio * (double) metrics.size());
        if ((newUsageRatio < 1.0 && newReplicas > current) || (newUsageRatio > 1.0 && newReplicas < current)) {
            return OptionalInt.of(current);
        }
        return OptionalInt.of(newReplicas);
    }

    /**
     * {@code GetObjectMetricReplicas} / {@code GetExternalMetricReplicas} for a Value target: within
     * tolerance of {@code usage / target} the current count, else {@code ceil(ratio × ready pods)}
     * (Running and Ready); {@code GetObjectPerPodMetricReplicas} / {@code
     * GetExternalPerPodMetricReplicas} for an AverageValue target: the tolerance test on {@code usage
     * / (target × current)}, else {@code ceil(usage / target)}. Empty when the API returned no value.
     */
    private static OptionalInt totalProposal(
            MetricTarget.Total target, int current, MetricSample s, Tolerances tolerances) {
        if (s.totalMilli().isEmpty()) {
            return OptionalInt.empty();
        }
        long usage = s.totalMilli().getAsLong();
        if (target.perPod()) {
            double ratio = (double) usage / ((double) target.targetMilli() * (double) current);
            return tolerances.isWithin(ratio)
                    ? OptionalInt.of(current)
                    : OptionalInt.of(ceilToInt((double) usage / (double) target.targetMilli()));
        }
        double ratio = (double) usage / (double) target.targetMilli();
        if (tolerances.isWithin(ratio)) {
            return OptionalInt.of(current);
        }
        long matched = s.pods().stream()
                .filter(p -> p.phase() != MetricSample.Phase.FAILED)
                .count();
        if (matched == 0) {
            return OptionalInt.empty(); // getReadyPodsCount: "no pods returned by selector"
        }
        long ready = s.pods().stream()
                .filter(p -> p.phase() == MetricSample.Phase.RUNNING && p.ready())
                .count();
        return OptionalInt.of(ceilToInt(ratio * (double) ready));
    }

    /**
     * The CPU-only readiness rule of {@code groupPods}: during the initialization period a pod's
     * sample counts only once it is Ready and a full window has passed since; after it, only a
     * pod that has never become ready is left out.
     */
    private boolean unreadyForCpu(MetricSample.Pod p, MetricSample s, long now) {
        if (p.startedAt() + settings.cpuInitializationSeconds() > now) {
            return !p.ready() || s.sampledAt() < p.readySince() + s.windowSeconds();
        }
        return !p.ready() && p.startedAt() + settings.initialReadinessDelaySeconds() > p.readySince();
    }

    /** {@code GetResourceUtilizationRatio} or {@code GetMetricUsageRatio} over the counted pods; NaN on error. */
    private static double ratio(MetricTarget target, List<long[]> metrics) {
        long total = 0;
        long requestsTotal = 0;
        for (long[] m : metrics) {
            total += m[0];
            requestsTotal += m[1];
        }
        if (target instanceof MetricTarget.Utilization u) {
            if (requestsTotal == 0) {
                return Double.NaN; // "no metrics returned matched known pods"
            }
            long currentUtilization = (total * 100) / requestsTotal;
            return (double) currentUtilization / (double) u.targetPercent();
        }
        MetricTarget.AverageValue a = (MetricTarget.AverageValue) target;
        long currentUsage = total / metrics.size();
        return (double) currentUsage / (double) a.targetMilli();
    }

    private static int ceilToInt(double replicas) {
        double c = Math.ceil(replicas);
        return c >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) c;
    }

    /** {@code normalizeDesiredReplicas}: the legacy path when {@code spec.behavior} is nil. */
    private int normalizeLegacy(long now, int current, int metricDesired) {
        long cutoff = now - settings.downscaleStabilizationSeconds();
        int stabilized = metricDesired;
        Timestamped reusable = null;
        for (Timestamped r : recommendations) {
            if (r.at < cutoff) { // "not before the cutoff" counts: a sample exactly window old still does
                reusable = r; // the controller reuses the last expired slot
            } else if (r.value > stabilized) {
                stabilized = r.value;
            }
        }
        record(reusable, metricDesired, now);
        int scaleUpLimit = (int) Math.max(2.0 * current, 4.0);
        int maxAllowed = Math.min(spec.maxReplicas(), scaleUpLimit);
        if (stabilized < spec.minReplicas()) {
            return spec.minReplicas();
        }
        return Math.min(stabilized, maxAllowed);
    }

    /** {@code normalizeDesiredReplicasWithBehaviors}: stabilization, then the rate policies. */
    private int normalizeWithBehaviors(long now, int current, int metricDesired) {
        HpaBehavior b = spec.behavior().orElseThrow();
        int stabilized = stabilize(now, current, metricDesired, b);
        return convertWithBehaviorRate(now, current, stabilized, b);
    }

    /** {@code stabilizeRecommendationWithBehaviors}. */
    int stabilize(long now, int current, int metricDesired, HpaBehavior b) {
        long upCutoff = now - b.scaleUp().stabilizationSeconds();
        long downCutoff = now - b.scaleDown().stabilizationSeconds();
        int upRecommendation = metricDesired;
        int downRecommendation = metricDesired;
        Timestamped reusable = null;
        for (Timestamped r : recommendations) {
            if (r.at > upCutoff) {
                upRecommendation = Math.min(upRecommendation, r.value);
            }
            if (r.at > downCutoff) {
                downRecommendation = Math.max(downRecommendation, r.value);
            }
            if (r.at < upCutoff && r.at < downCutoff) {
                reusable = r;
            }
        }
        int recommendation = current;
        if (recommendation < upRecommendation) {
            recommendation = upRecommendation;
        }
        if (recommendation > downRecommendation) {
            recommendation = downRecommendation;
        }
        record(reusable, metricDesired, now);
        return recommendation;
    }

    private void record(Timestamped reusable, int value, long now) {
        if (reusable != null) {
            reusable.value = value;
            reusable.at = now;
        } else {
            recommendations.add(new Timestamped(value, now));
        }
    }

    /** {@code convertDesiredReplicasWithBehaviorRate}. */
    int convertWithBehaviorRate(long now, int current, int stabilized, HpaBehavior b) {
        if (stabilized > current) {
            int limit = scaleUpLimit(now, current, b.scaleUp());
            if (limit < current) {
                limit = current;
            }
            int maxAllowed = Math.min(spec.maxReplicas(), limit);
            return Math.min(stabilized, maxAllowed);
        }
        if (stabilized < current) {
            int limit = scaleDownLimit(now, current, b.scaleDown());
            if (limit > current) {
                limit = current;
            }
            int minAllowed = Math.max(spec.minReplicas(), limit);
            return Math.max(stabilized, minAllowed);
        }
        return stabilized;
    }

    /** {@code calculateScaleUpLimitWithScalingRules}. */
    private int scaleUpLimit(long now, int current, HpaBehavior.Rules rules) {
        if (rules.select() == SelectPolicy.DISABLED) {
            return current;
        }
        int result = rules.select() == SelectPolicy.MIN ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HpaBehavior.Policy p : rules.policies()) {
            int added = changeInPeriod(scaleUpEvents, p.periodSeconds(), now);
            int removed = changeInPeriod(scaleDownEvents, p.periodSeconds(), now);
            int start = current - added + removed;
            int proposed = p.percent()
                    ? (int) Math.ceil((double) start * (1.0 + (double) p.value() / 100.0))
                    : start + p.value();
            result = rules.select() == SelectPolicy.MIN ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    /** {@code calculateScaleDownLimitWithBehaviors}. */
    private int scaleDownLimit(long now, int current, HpaBehavior.Rules rules) {
        if (rules.select() == SelectPolicy.DISABLED) {
            return current;
        }
        int result = rules.select() == SelectPolicy.MIN ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HpaBehavior.Policy p : rules.policies()) {
            int added = changeInPeriod(scaleUpEvents, p.periodSeconds(), now);
            int removed = changeInPeriod(scaleDownEvents, p.periodSeconds(), now);
            int start = current - added + removed;
            int proposed =
                    p.percent() ? (int) ((double) start * (1.0 - (double) p.value() / 100.0)) : start - p.value();
            result = rules.select() == SelectPolicy.MIN ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** {@code getReplicasChangePerPeriod}: changes strictly after {@code now - period}. */
    private static int changeInPeriod(List<Timestamped> events, int periodSeconds, long now) {
        long cutoff = now - periodSeconds;
        int sum = 0;
        for (Timestamped e : events) {
            if (e.at > cutoff) {
                sum += e.value;
            }
        }
        return sum;
    }

    /**
     * {@code storeScaleEvent}: overwrites the last outdated slot of the direction (the controller
     * scans the whole list and keeps the highest index), else appends. Outdated events left in
     * the list still count wherever their timestamps fall inside a period.
     */
    void storeScaleEvent(long now, int previous, int desired) {
        HpaBehavior b = spec.behavior().orElseThrow();
        boolean up = desired > previous;
        List<Timestamped> events = up ? scaleUpEvents : scaleDownEvents;
        int longest = (up ? b.scaleUp() : b.scaleDown()).longestPeriod();
        markOutdated(events, longest, now);
        int change = Math.abs(desired - previous);
        int slot = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).outdated) {
                slot = i;
            }
        }
        if (slot >= 0) {
            Timestamped e = events.get(slot);
            e.value = change;
            e.at = now;
            e.outdated = false;
        } else {
            events.add(new Timestamped(change, now));
        }
    }

    /** A stored scale event, as the tests that port upstream's inspect it. */
    record ScaleEvent(int change, long at, boolean outdated) {}

    /** The stored events of one direction, in list order. */
    List<ScaleEvent> scaleEvents(boolean up) {
        return (up ? scaleUpEvents : scaleDownEvents)
                .stream().map(e -> new ScaleEvent(e.value, e.at, e.outdated)).toList();
    }

    /** Seeds the history as a controller that has run before would hold it. */
    void seedScaleEvent(boolean up, int change, long at) {
        (up ? scaleUpEvents : scaleDownEvents).add(new Timestamped(change, at));
    }

    /** Seeds a past recommendation. */
    void seedRecommendation(int value, long at) {
        recommendations.add(new Timestamped(value, at));
    }

    /** The stored recommendations' values, in list order. */
    List<Integer> recommendationValues() {
        return recommendations.stream().map(r -> r.value).toList();
    }

    /** {@code markScaleEventsOutdated}: events strictly before {@code now - longestPeriod}. */
    private static void markOutdated(List<Timestamped> events, int longestPeriod, long now) {
        long cutoff = now - longestPeriod;
        for (Timestamped e : events) {
            if (e.at < cutoff) {
                e.outdated = true;
            }
        }
    }
}
