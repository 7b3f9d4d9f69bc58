package io.scaleplan.compiler.simulate;

import io.scaleplan.compiler.resolve.CapacityPlanner;
import io.scaleplan.dsl.DatabaseClient;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of replaying a profile: one {@link ServiceRun} per service of the profile, and what
 * follows for the whole plan (PostgreSQL connections over time, node fit at peak).
 *
 * @param plan the simulated plan
 * @param profile the replayed profile
 * @param options how it ran
 * @param runs one per service of the profile, in profile order
 */
public record Simulation(ScalingPlan plan, LoadProfile profile, SimulationOptions options, List<ServiceRun> runs) {

    public Simulation {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        runs = List.copyOf(runs);
    }

    /** Seconds simulated. */
    public int seconds() {
        return runs.isEmpty() ? 0 : runs.get(0).seconds();
    }

    /** The run of {@code service}, if the profile names it. */
    public Optional<ServiceRun> run(String service) {
        return runs.stream().filter(r -> r.service().equals(service)).findFirst();
    }

    /** The replicas of {@code service} at {@code second}: simulated, or its minimum when the profile leaves it out. */
    public int replicasAt(Service service, int second) {
        return run(service.name()).map(r -> r.replicasAt(second)).orElse(service.minReplicas());
    }

    /**
     * PostgreSQL connections the plan's pools may open at {@code second}: Σ replicas × pool size
     * over the services with a pool, plus the plan's other database clients. With {@code
     * rollout}, each service also counts the surge pods a rolling update would add at that size.
     */
    public long connectionsAt(int second, boolean rollout) {
        long sum = plan.databaseClients().stream()
                .mapToLong(DatabaseClient::connections)
                .sum();
        for (Service s : plan.services()) {
            if (s.connectionPoolSize().isPresent()) {
                int replicas = replicasAt(s, second);
                int pods = rollout ? replicas + s.surgePods(replicas) : replicas;
                sum += (long) pods * s.connectionPoolSize().get();
            }
        }
        return sum;
    }

    /** Whether any service of the plan declares a connection pool. */
    public boolean hasConnectionPools() {
        return plan.services().stream().anyMatch(s -> s.connectionPoolSize().isPresent());
    }

    /** The second at which {@link #connectionsAt} (without rollout) is highest; the first such. */
    public int peakConnectionSecond() {
        int best = 0;
        for (int t = 1; t < seconds(); t++) {
            if (connectionsAt(t, false) > connectionsAt(best, false)) {
                best = t;
            }
        }
        return best;
    }

    /**
     * How the pods fit each node pool when every simulated service is at its peak replica count
     * (the others at their minimum), by the capacity planner's first-fit packing.
     */
    public List<CapacityPlanner.PoolFit> poolFitsAtPeak() {
        List<CapacityPlanner.PoolFit> fits = new ArrayList<>();
        for (NodePool pool : plan.nodePools()) {
            List<CapacityPlanner.PodGroup> pods = new ArrayList<>();
            for (Service s : plan.services()) {
                int replicas = run(s.name()).map(ServiceRun::peakReplicas).orElse(s.minReplicas());
                if (plan.poolOf(s).map(p -> p.name().equals(pool.name())).orElse(false)
                        && s.resources().cpuRequest().isPresent()
                        && s.resources().memoryRequest().isPresent()
                        && replicas > 0) {
                    pods.add(new CapacityPlanner.PodGroup(
                            s.name(),
                            replicas,
                            s.resources().cpuRequest().get(),
                            s.resources().memoryRequest().get()));
                }
            }
            fits.add(CapacityPlanner.fit(pool, pods));
        }
        return fits;
    }
}
