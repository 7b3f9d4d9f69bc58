package io.scaleplan.compiler.resolve;

import io.scaleplan.dsl.DatabaseClient;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The PostgreSQL connection budget at full scale: Σ over services of (maxReplicas + rollout surge)
 * × pool size, plus the connections reserved for superusers (and, on 16+, {@code
 * reserved_connections}), plus other declared clients, against the primary's {@code max_connections}.
 *
 * @param services each service that declares a pool, most connections first
 * @param clients the other declared clients
 * @param reserved superuser_reserved_connections + reserved_connections
 * @param maxConnections the primary's max_connections, stated or derived
 * @param database the PostgreSQL instance this budget is of
 */
public record ConnectionBudget(
        List<ServiceConnections> services,
        List<DatabaseClient> clients,
        int reserved,
        int maxConnections,
        Postgres database) {

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

    /**
     * The budget of the PostgreSQL instance that runs with {@code settings}: the services and
     * clients of {@code plan} that connect to it ({@link ScalingPlan#databaseOf(Service)}).
     */
    public static ConnectionBudget of(ScalingPlan plan, PostgresSettings settings) {
        Postgres database = settings.postgres();
        List<ServiceConnections> services = new ArrayList<>();
        for (Service s : plan.services()) {
            if (s.connectionPoolSize().isPresent()
                    && s.connectionPoolSize().get() > 0
                    && plan.databaseOf(s)
                            .filter(db -> db.name().equals(database.name()))
                            .isPresent()) {
                int pods = s.maxReplicas();
                services.add(new ServiceConnections(
                        s, pods, s.surgePods(pods), s.connectionPoolSize().get()));
            }
        }
        services.sort(Comparator.comparingLong(ServiceConnections::connections)
                .reversed()
                .thenComparing(c -> c.service().name()));
        return new ConnectionBudget(
                services,
                plan.databaseClients().stream()
                        .filter(c -> plan.databaseFor(c.database())
                                .filter(db -> db.name().equals(database.name()))
                                .isPresent())
                        .toList(),
                settings.superuserReserved() + settings.reservedConnections(),
                settings.maxConnections(),
                database);
    }

    public ConnectionBudget {
        services = List.copyOf(services);
        clients = List.copyOf(clients);
        java.util.Objects.requireNonNull(database, "database");
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
