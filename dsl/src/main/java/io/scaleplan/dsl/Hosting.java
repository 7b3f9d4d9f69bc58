package io.scaleplan.dsl;

import java.util.Objects;

/**
 * Where a PostgreSQL or Redis instance of a plan lives, and so what scaleplan writes for it:
 *
 * <ul>
 *   <li>{@link Bitnami}: a Bitnami Helm release ({@code postgresql}, {@code redis}, {@code
 *       redis-cluster}) that scaleplan writes a values overlay for, with the SQL and Redis
 *       configuration of that release. The default.
 *   <li>{@link InChart}: a workload of the team's own chart (Online Boutique's {@code redis-cart},
 *       a {@code redis:alpine} Deployment): no release and no overlay; PostgreSQL gets {@code ALTER
 *       SYSTEM} SQL, Redis gets {@code CONFIG SET} (and {@code CONFIG REWRITE} only when the
 *       server runs with a config file).
 *   <li>{@link Managed}: a database or cache run by a cloud provider (Amazon RDS, Aurora,
 *       ElastiCache, Cloud SQL, Memorystore, Azure): the parameter values to set in its parameter
 *       group, flags or server parameters, never {@code ALTER SYSTEM} or a Helm release.
 * </ul>
 *
 * Declared on the instance: {@code pg -> pg.inChart("orders-db")}, {@code r ->
 * r.managed(ManagedService.AWS_ELASTICACHE, "sessions-prod")}.
 */
public sealed interface Hosting permits Hosting.Bitnami, Hosting.InChart, Hosting.Managed {

    /** The Bitnami release: the default. */
    Hosting BITNAMI = new Bitnami();

    /** Where the instance lives, as outputs say it: {@code the team's chart (workload redis-cart)}. */
    String describe();

    /** A Bitnami Helm release, named by the instance's {@code release(...)}. */
    record Bitnami() implements Hosting {
        @Override
        public String describe() {
            return "a Bitnami Helm release";
        }
    }

    /**
     * A workload of the team's own chart.
     *
     * @param workload the Deployment or StatefulSet that runs the server ({@code redis-cart}), a
     *     DNS-1123 label: its pods are {@code <workload>-...}
     * @param configFile whether the server runs with a config file: PostgreSQL always does
     *     ({@code ALTER SYSTEM} writes {@code postgresql.auto.conf}); a Redis started as {@code
     *     redis-server} with arguments only has none, and {@code CONFIG REWRITE} fails there with
     *     "ERR The server is running without a config file"
     */
    record InChart(String workload, boolean configFile) implements Hosting {
        /** Checks the workload's name. */
        public InChart {
            Objects.requireNonNull(workload, "workload");
            if (!Names.isDns1123Label(workload)) {
                throw new IllegalArgumentException("not a valid workload name: " + Names.show(workload));
            }
        }

        @Override
        public String describe() {
            return "the team's chart (workload " + workload + ")";
        }
    }

    /**
     * A managed service.
     *
     * @param service the provider's service
     * @param identifier the instance, cluster or cache as the provider names it ({@code
     *     orders-prod}): a letter, then letters, digits and {@code -}
     */
    record Managed(ManagedService service, String identifier) implements Hosting {
        /** Checks the identifier. */
        public Managed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(identifier, "identifier");
            if (!isIdentifier(identifier)) {
                throw new IllegalArgumentException("not a valid identifier: " + Names.show(identifier));
            }
        }

        @Override
        public String describe() {
            return service.title() + " " + identifier;
        }

        /** A letter, then letters, digits and {@code -}, at most 63 characters. */
        static boolean isIdentifier(String s) {
            return s != null && s.matches("[A-Za-z][A-Za-z0-9-]{0,62}");
        }
    }
}
