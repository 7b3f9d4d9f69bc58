package io.scaleplan.dsl;

/**
 * A provider's managed PostgreSQL or Redis, for {@code pg.managed(ManagedService.AWS_RDS,
 * "orders-prod")} or {@code r.managed(ManagedService.AWS_ELASTICACHE, "sessions")}. Each says
 * where its parameters are set (console, CLI, infrastructure code), which scaleplan's
 * {@code parameters.conf} and APPLY.md name.
 */
public enum ManagedService {
    /** Amazon RDS for PostgreSQL: a custom DB parameter group. */
    AWS_RDS(Engine.POSTGRES, "Amazon RDS for PostgreSQL", "DB parameter group"),
    /** Amazon Aurora PostgreSQL-Compatible: a DB cluster parameter group. */
    AWS_AURORA(Engine.POSTGRES, "Amazon Aurora PostgreSQL", "DB cluster parameter group"),
    /** Cloud SQL for PostgreSQL: database flags. */
    GOOGLE_CLOUD_SQL(Engine.POSTGRES, "Cloud SQL for PostgreSQL", "database flags"),
    /** Azure Database for PostgreSQL flexible server: server parameters. */
    AZURE_POSTGRES(Engine.POSTGRES, "Azure Database for PostgreSQL flexible server", "server parameters"),
    /** Amazon ElastiCache for Redis: a cache parameter group. */
    AWS_ELASTICACHE(Engine.REDIS, "Amazon ElastiCache for Redis", "cache parameter group"),
    /** Memorystore for Redis: Redis configurations. */
    GOOGLE_MEMORYSTORE(Engine.REDIS, "Memorystore for Redis", "Redis configurations"),
    /** Azure Cache for Redis: the cache's Redis configuration. */
    AZURE_CACHE(Engine.REDIS, "Azure Cache for Redis", "Redis configuration");

    /** What a managed service runs. */
    public enum Engine {
        /** PostgreSQL. */
        POSTGRES,
        /** Redis. */
        REDIS
    }

    private final Engine engine;
    private final String title;
    private final String parameters;

    ManagedService(Engine engine, String title, String parameters) {
        this.engine = engine;
        this.title = title;
        this.parameters = parameters;
    }

    /** What it runs. */
    public Engine engine() {
        return engine;
    }

    /** Its name, as the provider writes it: {@code Amazon RDS for PostgreSQL}. */
    public String title() {
        return title;
    }

    /** Where its settings live: {@code DB parameter group}. */
    public String parameters() {
        return parameters;
    }
}
