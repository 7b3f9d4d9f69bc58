package io.scaleplan.compiler.resolve;

import io.scaleplan.compiler.resolve.CapacityPlanner.PoolFit;
import io.scaleplan.compiler.resolve.CapacityPlanner.ServiceCapacity;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan (or one phase of an event) with every fact derived from it, computed once: the first
 * stage after loading. The rules ({@code check}) and every target ({@code emit}) read it; none of
 * them derives a fact itself, and none reads another target's output.
 *
 * @param plan the plan as stated
 * @param capacities per service, in the plan's order: rps at min and max, required pods
 * @param owners per service, in the plan's order: who owns its replica count, its HPA and its PDB
 * @param poolFits per node pool: how the pods at maxReplicas fit it
 * @param postgres the default (unnamed) PostgreSQL's settings as tuned, with their reasons, when the plan has one
 * @param connections the default PostgreSQL's connection budget at full scale, when the plan has one
 * @param redisMemory the default Redis' memory against its limit, when the plan has one
 * @param objects every Kubernetes object the plan's outputs create, with who creates it
 * @param databases every PostgreSQL instance's settings, in {@link ScalingPlan#databases()} order
 * @param budgets every PostgreSQL instance's connection budget, in the same order
 * @param caches every Redis instance's memory, in {@link ScalingPlan#caches()} order
 */
public record ResolvedPlan(
        ScalingPlan plan,
        Map<String, ServiceCapacity> capacities,
        Map<String, ScalingOwners> owners,
        List<PoolFit> poolFits,
        Optional<PostgresSettings> postgres,
        Optional<ConnectionBudget> connections,
        Optional<RedisMemory> redisMemory,
        List<ClusterObject> objects,
        List<PostgresSettings> databases,
        List<ConnectionBudget> budgets,
        List<RedisMemory> caches) {

    public ResolvedPlan {
        Objects.requireNonNull(plan, "plan");
        capacities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(capacities));
        owners = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(owners));
        poolFits = List.copyOf(poolFits);
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(redisMemory, "redisMemory");
        objects = List.copyOf(objects);
        databases = List.copyOf(databases);
        budgets = List.copyOf(budgets);
        caches = List.copyOf(caches);
    }

    /** Resolves {@code plan}: pure, and the only place its derived facts are computed. */
    public static ResolvedPlan of(ScalingPlan plan) {
        Map<String, ServiceCapacity> capacities = new LinkedHashMap<>();
        Map<String, ScalingOwners> owners = new LinkedHashMap<>();
        for (Service s : plan.services()) {
            capacities.put(s.name(), CapacityPlanner.of(s));
            owners.put(s.name(), ScalingOwners.of(plan, s));
        }
        List<PostgresSettings> databases =
                plan.databases().stream().map(PostgresSettings::of).toList();
        List<ConnectionBudget> budgets =
                databases.stream().map(s -> ConnectionBudget.of(plan, s)).toList();
        List<RedisMemory> caches = plan.caches().stream().map(RedisMemory::of).toList();
        boolean hasDefault = plan.postgres().isPresent();
        return new ResolvedPlan(
                plan,
                capacities,
                owners,
                CapacityPlanner.poolFits(plan),
                hasDefault ? Optional.of(databases.get(0)) : Optional.empty(),
                hasDefault ? Optional.of(budgets.get(0)) : Optional.empty(),
                plan.redis().isPresent() ? Optional.of(caches.get(0)) : Optional.empty(),
                objects(plan, owners),
                databases,
                budgets,
                caches);
    }

    /** The connection budget of {@code database}, one of the plan's PostgreSQL instances. */
    public ConnectionBudget budget(Postgres database) {
        for (int i = 0; i < databases.size(); i++) {
            if (databases.get(i).postgres().name().equals(database.name())) {
                return budgets.get(i);
            }
        }
        throw new IllegalArgumentException("not one of the plan's databases: " + database.title());
    }

    /** The settings of {@code database}, one of the plan's PostgreSQL instances. */
    public PostgresSettings settings(Postgres database) {
        return databases.stream()
                .filter(d -> d.postgres().name().equals(database.name()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("not one of the plan's databases: " + database.title()));
    }

    /** The capacity of {@code service}, one of the plan's. */
    public ServiceCapacity capacity(Service service) {
        return Objects.requireNonNull(capacities.get(service.name()), service.name());
    }

    /** The owners of {@code service}'s replica count and scaling objects, one of the plan's. */
    public ScalingOwners owners(Service service) {
        return Objects.requireNonNull(owners.get(service.name()), service.name());
    }

    /** The PostgreSQL settings as tuned; empty without PostgreSQL. */
    public List<Tuning.Tuned> postgresSettings() {
        return postgres.map(PostgresSettings::all).orElse(List.of());
    }

    /** Every object the plan's outputs create, in output order. */
    private static List<ClusterObject> objects(ScalingPlan plan, Map<String, ScalingOwners> owners) {
        List<ClusterObject> out = new ArrayList<>();
        for (Service s : plan.services()) {
            io.scaleplan.dsl.Namespace namespace = plan.namespaceOf(s);
            String ns = namespace.name().equals(plan.namespace()) ? "" : namespace.name();
            String chart = "the " + namespace.release().name() + " release ("
                    + namespace.release().chartName() + ")";
            out.add(new ClusterObject(s.workload().kind(), s.name(), chart, s.source(), ns));
            out.add(new ClusterObject("Service", s.name(), chart, s.source(), ns));
            ScalingOwners owner = owners.get(s.name());
            owner.hpa()
                    .ifPresent(o -> out.add(new ClusterObject(
                            "HorizontalPodAutoscaler", ClusterObject.hpaName(s.name()), by(o, chart), s.source(), ns)));
            owner.pdb()
                    .ifPresent(o -> out.add(new ClusterObject(
                            "PodDisruptionBudget", ClusterObject.pdbName(s.name()), by(o, chart), s.source(), ns)));
        }
        plan.databases().stream().filter(Postgres::isBitnami).forEach(pg -> postgres(pg, out));
        plan.caches().stream().filter(Redis::isBitnami).forEach(r -> redis(r, out));
        return out;
    }

    private static String by(ObjectOwner owner, String chart) {
        return owner == ObjectOwner.CHART ? chart : "scaleplan's k8s/ manifests";
    }

    private static void postgres(Postgres pg, List<ClusterObject> out) {
        String by = "the PostgreSQL release " + pg.release();
        String base = ClusterObject.fullname(pg.release(), "postgresql");
        List<String> sets = pg.readReplicas() > 0 ? List.of(base + "-primary", base + "-read") : List.of(base);
        for (String set : sets) {
            out.add(new ClusterObject("StatefulSet", set, by, pg.source()));
            out.add(new ClusterObject("Service", set, by, pg.source()));
            out.add(new ClusterObject("Service", set + "-hl", by, pg.source()));
        }
    }

    private static void redis(Redis r, List<ClusterObject> out) {
        String by = "the Redis release " + r.release();
        String base = ClusterObject.fullname(r.release(), r.isCluster() ? "redis-cluster" : "redis");
        if (r.isCluster()) {
            out.add(new ClusterObject("StatefulSet", base, by, r.source()));
            out.add(new ClusterObject("Service", base, by, r.source()));
            out.add(new ClusterObject("Service", base + "-headless", by, r.source()));
            return;
        }
        out.add(new ClusterObject("Service", base + "-headless", by, r.source()));
        out.add(new ClusterObject("StatefulSet", base + "-master", by, r.source()));
        out.add(new ClusterObject("Service", base + "-master", by, r.source()));
        if (r.replicas() > 0) {
            out.add(new ClusterObject("StatefulSet", base + "-replicas", by, r.source()));
            out.add(new ClusterObject("Service", base + "-replicas", by, r.source()));
        }
    }
}
