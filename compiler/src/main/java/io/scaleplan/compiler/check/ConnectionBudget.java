package io.scaleplan.compiler.check;

import io.scaleplan.compiler.emit.postgres.Tuning;
import io.scaleplan.dsl.DatabaseClient;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL connection budget at full scale: Σ over services of (maxReplicas + rollout surge)
 * × pool size, plus the connections reserved for superusers (and, on 16+, {@code
 * reserved_connections}), plus other declared clients, against the primary's {@code max_connections}.
 *
 * @param services each service that declares a pool, most connections first
 * @param clients the other declared clients
 * @param reserved superuser_reserved_connections + reserved_connections
 * @param maxConnections the primary's max_connections, stated or derived
 */
public record ConnectionBudget(
        List<ServiceConnections> services, List<DatabaseClient> clients, int reserved, int maxConnections) {

    /** Superuser-reserved connections when the plan does not state them (PostgreSQL's default). */
    public static final int DEFAULT_SUPERUSER_RESERVED = 3;

    /**
     * One service's share: {@code (pods + surge) × poolSize}.
     *
     * @param service the service
     * @param pods its maxReplicas (or fixed replicas)
     * @param surge extra pods during a rolling update at that size
     * @param poolSize connections per pod
     */
    public record ServiceConnections(Service service, int pods, int surge, int poolSize) {
        public long connections() {
            return ((long) pods + surge) * poolSize;
        }

        /** {@code usage-metering (20 + 5 surge) × 10 = 250}. */
        public String arithmetic() {
            return service.name() + " (" + pods + " + " + surge + " surge) × " + poolSize + " = " + connections();
        }
    }

    /** The budget of {@code plan}, when it has PostgreSQL. */
    public static Optional<ConnectionBudget> of(ScalingPlan plan) {
        if (plan.postgres().isEmpty()) {
            return Optional.empty();
        }
        Postgres pg = plan.postgres().get();
        int max = 100;
        int superuser = DEFAULT_SUPERUSER_RESERVED;
        int reserved = 0;
        for (Tuning.Tuned t : Tuning.settings(pg)) {
            switch (t.name()) {
                case "max_connections" -> max = Integer.parseInt(t.value());
                case "superuser_reserved_connections" -> superuser = Integer.parseInt(t.value());
                case "reserved_connections" -> reserved = Integer.parseInt(t.value());
                default -> {}
            }
        }
        List<ServiceConnections> services = new ArrayList<>();
        for (Service s : plan.services()) {
            if (s.connectionPoolSize().isPresent() && s.connectionPoolSize().get() > 0) {
                int pods = s.maxReplicas();
                services.add(new ServiceConnections(
                        s, pods, s.surgePods(pods), s.connectionPoolSize().get()));
            }
        }
        services.sort(Comparator.comparingLong(ServiceConnections::connections)
                .reversed()
                .thenComparing(c -> c.service().name()));
        return Optional.of(new ConnectionBudget(services, plan.databaseClients(), superuser + reserved, max));
    }

    public ConnectionBudget {
        services = List.copyOf(services);
        clients = List.copyOf(clients);
    }

    /** Connections of the services alone. */
    public long servicesTotal() {
        return services.stream().mapToLong(ServiceConnections::connections).sum();
    }

    /** Connections of the other clients. */
    public long clientsTotal() {
        return clients.stream().mapToLong(DatabaseClient::connections).sum();
    }

    /** Everything that may be open at once. */
    public long total() {
        return servicesTotal() + clientsTotal() + reserved;
    }

    public boolean fits() {
        return total() <= maxConnections;
    }
}
