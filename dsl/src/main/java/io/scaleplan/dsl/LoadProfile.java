package io.scaleplan.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A traffic profile: for each service, the requests per second it receives over time, as a
 * piecewise-linear curve starting at second 0. {@code scaleplan simulate} replays it through the
 * HPA control loop; the same curve is written as a k6 script ({@code ramping-arrival-rate}), so
 * the load test sends exactly what was simulated.
 *
 * <pre>{@code
 * ScalingPlan.builder("black-friday")
 *         ...
 *         .loadProfile("black-friday", p -> p
 *                 .service("usage-metering", s -> s
 *                         .from(rps(3_000))
 *                         .hold(minutes(10))
 *                         .rampTo(rps(5_000), minutes(20))
 *                         .hold(hours(1))
 *                         .spike(rps(6_500), minutes(2))
 *                         .rampTo(rps(3_000), minutes(30))))
 * }</pre>
 *
 * @param name the profile's name, a DNS-1123 label (used in file and scenario names)
 * @param services the curves, one per service, in declaration order
 * @param source where {@code loadProfile(...)} was called
 */
public record LoadProfile(String name, List<ServiceLoad> services, SourceLocation source) {

    /** The longest a profile may run, in seconds (7 days): the simulator keeps one sample a second. */
    public static final long MAX_SECONDS = 7L * 24 * 3600;

    /** Checks the name and that each service has one curve; plans use {@code ScalingPlan.Builder.loadProfile}. */
    public LoadProfile {
        Objects.requireNonNull(name, "name");
        services = List.copyOf(services);
        Objects.requireNonNull(source, "source");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid load profile name: " + Names.show(name));
        }
        Map<String, ServiceLoad> seen = new LinkedHashMap<>();
        for (ServiceLoad s : services) {
            if (seen.putIfAbsent(s.service(), s) != null) {
                throw new IllegalArgumentException("load of service " + s.service() + " given twice");
            }
        }
    }

    /** Starts a profile outside a plan (tests, tools); plans use {@code ScalingPlan.Builder.loadProfile}. */
    public static LoadProfile of(String name, List<ServiceLoad> services) {
        return new LoadProfile(name, services, SourceLocation.capture());
    }

    /** The last second any curve defines. */
    public long durationSeconds() {
        return services.stream().mapToLong(ServiceLoad::endSecond).max().orElse(0);
    }

    /**
     * One point of a curve: at {@code second}, the load is {@code rps}. Between two points the load
     * changes linearly; two points at one second are a step.
     *
     * @param second seconds from the start of the profile; never negative
     * @param rps requests per second at that moment; never negative
     */
    public record Point(long second, double rps) {
        /** Checks that the second and the rate are not negative and the rate is finite. */
        public Point {
            if (second < 0) {
                throw new IllegalArgumentException("second must not be negative: " + second);
            }
            if (!(rps >= 0) || Double.isInfinite(rps)) {
                throw new IllegalArgumentException("rps must be a finite number of at least 0: " + rps);
            }
        }
    }

    /**
     * The load of one service over time.
     *
     * @param service the service's name, as declared in the plan
     * @param points the curve's points, seconds non-decreasing, the first at second 0; after the
     *     last point the load stays at its value
     */
    public record ServiceLoad(String service, List<Point> points) {
        /** Checks that the curve starts at second 0 and never goes back in time. */
        public ServiceLoad {
            Objects.requireNonNull(service, "service");
            points = List.copyOf(points);
            if (points.isEmpty() || points.get(0).second() != 0) {
                throw new IllegalArgumentException("the load of " + service + " must start at second 0");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).second() < points.get(i - 1).second()) {
                    throw new IllegalArgumentException("the load of " + service + " goes back in time at second "
                            + points.get(i).second());
                }
            }
        }

        /** The second of the last point. */
        public long endSecond() {
            return points.get(points.size() - 1).second();
        }

        /**
         * The load at {@code second}, linear between points; at a step (two points at one second)
         * the later point's value.
         */
        public double rpsAt(double second) {
            Point prev = points.get(0);
            if (second < prev.second()) {
                return prev.rps();
            }
            for (int i = 1; i < points.size(); i++) {
                Point next = points.get(i);
                if (second < next.second()) {
                    double span = next.second() - prev.second();
                    return prev.rps() + (next.rps() - prev.rps()) * ((second - prev.second()) / span);
                }
                prev = next;
            }
            return prev.rps();
        }

        /** The highest load of the curve. */
        public double peakRps() {
            return points.stream().mapToDouble(Point::rps).max().orElse(0);
        }
    }

    /** Builds a {@link LoadProfile}: one {@link #service(String, Consumer)} curve per service. */
    public static final class Builder {
        private final Problems problems;
        private final String plan;
        private final String name;
        private final SourceLocation source;
        private final List<ServiceLoad> services = new ArrayList<>();
        private final Map<String, SourceLocation> declaredAt = new LinkedHashMap<>();

        Builder(Problems problems, String plan, String name, SourceLocation source) {
            this.problems = problems;
            this.plan = plan;
            this.name = name;
            this.source = source;
            if (!Names.isDns1123Label(name)) {
                problems.error(
                        RuleId.INVALID_LOAD_PROFILE,
                        PlanElement.plan(plan).detail("load profile"),
                        "load profile name " + Names.show(name) + " is not a valid DNS-1123 label ("
                                + Names.DNS_1123_LABEL_RULE + ")",
                        source);
            }
        }

        /**
         * The load of {@code service} over time: {@code s -> s.from(rps(100)).rampTo(rps(500),
         * minutes(5)).hold(minutes(10))}. Starts at 0 rps unless {@link Curve#from(Rps)} says
         * otherwise.
         */
        public Builder service(String service, Consumer<Curve> spec) {
            Objects.requireNonNull(spec, "spec");
            SourceLocation at = SourceLocation.capture();
            PlanElement element = PlanElement.plan(plan).loadProfile(name).service(service);
            if (declaredAt.putIfAbsent(service, at) != null) {
                problems.error(
                        RuleId.DUPLICATE,
                        element,
                        "the load of service " + Names.show(service) + " is given twice (first at "
                                + declaredAt.get(service) + ")",
                        at);
                return this;
            }
            Curve c = new Curve(problems, element);
            spec.accept(c);
            services.add(new ServiceLoad(service, c.points));
            return this;
        }

        /** Adds a service's curve by its typed handle: {@code service(ArkaEngine.USAGE_METERING, s -> ...)}. */
        public Builder service(ServiceRef service, Consumer<Curve> spec) {
            Objects.requireNonNull(service, "service");
            return service(service.name(), spec);
        }

        /** Reports curves for services the plan does not declare. */
        void check(java.util.Set<String> planServices) {
            for (ServiceLoad s : services) {
                if (!planServices.contains(s.service())) {
                    problems.error(
                            RuleId.LOAD_FOR_UNKNOWN_SERVICE,
                            PlanElement.plan(plan).loadProfile(name).service(s.service()),
                            "load profile " + Names.show(name) + " gives a load for service " + Names.show(s.service())
                                    + ", which the plan does not declare (services: "
                                    + String.join(", ", new java.util.TreeSet<>(planServices)) + ")",
                            declaredAt.get(s.service()));
                }
            }
        }

        LoadProfile build() {
            return new LoadProfile(name, services, source);
        }
    }

    /**
     * One service's curve, built segment by segment from second 0. Durations are whole seconds
     * greater than 0; rates are {@link Units#rps(long)}.
     */
    public static final class Curve {
        private final Problems problems;
        private final PlanElement element;
        private final List<Point> points = new ArrayList<>();
        private long now;

        Curve(Problems problems, PlanElement element) {
            this.problems = problems;
            this.element = element;
            points.add(new Point(0, 0));
        }

        /** The load at second 0 (default 0 rps). Call it first. */
        public Curve from(Rps start) {
            Objects.requireNonNull(start, "start");
            if (now != 0 || points.size() != 1) {
                problems.errorHere(
                        RuleId.INVALID_LOAD_PROFILE,
                        element,
                        "from(" + start + ") must come first, before any segment");
                return this;
            }
            points.set(0, new Point(0, start.perSecond()));
            return this;
        }

        /** Changes the load linearly to {@code target} over {@code duration}. */
        public Curve rampTo(Rps target, Duration duration) {
            Objects.requireNonNull(target, "target");
            if (checkDuration("rampTo", duration)) {
                now += duration.getSeconds();
                points.add(new Point(now, target.perSecond()));
            }
            return this;
        }

        /** Keeps the current load for {@code duration}: a plateau. */
        public Curve hold(Duration duration) {
            if (checkDuration("hold", duration)) {
                now += duration.getSeconds();
                points.add(new Point(now, current()));
            }
            return this;
        }

        /** Jumps to {@code level} at once: a step. */
        public Curve stepTo(Rps level) {
            Objects.requireNonNull(level, "level");
            points.add(new Point(now, level.perSecond()));
            return this;
        }

        /** Jumps to {@code peak} for {@code duration}, then back to the load before the spike. */
        public Curve spike(Rps peak, Duration duration) {
            Objects.requireNonNull(peak, "peak");
            if (checkDuration("spike", duration)) {
                double before = current();
                points.add(new Point(now, peak.perSecond()));
                now += duration.getSeconds();
                points.add(new Point(now, peak.perSecond()));
                points.add(new Point(now, before));
            }
            return this;
        }

        private double current() {
            return points.get(points.size() - 1).rps();
        }

        private boolean checkDuration(String segment, Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.getNano() != 0 || duration.getSeconds() < 1) {
                problems.errorHere(
                        RuleId.INVALID_LOAD_PROFILE,
                        element,
                        segment + "(...) duration must be a whole number of seconds, at least 1, was " + duration);
                return false;
            }
            long end = now;
            if (duration.getSeconds() > MAX_SECONDS - end) {
                problems.errorHere(
                        RuleId.INVALID_LOAD_PROFILE,
                        element,
                        segment + "(...) would end the profile after " + MAX_SECONDS + " s (7 days); it starts at "
                                + end + " s and lasts " + duration.getSeconds() + " s");
                return false;
            }
            return true;
        }
    }
}
