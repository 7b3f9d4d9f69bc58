package io.scaleplan.compiler.render;

import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;

/**
 * Where the data tier's files of each instance go, and where a managed service's parameters are
 * set: values the postgres, redis and monitoring targets share.
 */
public final class DataTierFiles {
    /** A managed instance's parameter values, in its folder. */
    public static final String PARAMETERS = "parameters.conf";

    private DataTierFiles() {}

    /** {@code sql/}, or {@code sql/<name>/} for a named PostgreSQL instance. */
    public static String sqlFolder(Postgres pg) {
        return pg.name().map(n -> "sql/" + n + "/").orElse("sql/");
    }

    /** {@code redis/}, or {@code redis/<name>/} for a named Redis instance. */
    public static String redisFolder(Redis redis) {
        return redis.name().map(n -> "redis/" + n + "/").orElse("redis/");
    }

    /**
     * The head of a managed instance's {@code parameters.conf}: the generated-file comment, then
     * {@code # <title>, <service and identifier>: set each value below in its <parameters>.} and
     * where they are set ({@link #where}). The caller goes on with what its service refuses.
     */
    public static StringBuilder managedHeader(ScalingPlan plan, String title, Hosting.Managed m) {
        return new StringBuilder(Headers.comment("#", plan))
                .append("#\n# ")
                .append(title)
                .append(", ")
                .append(m.describe())
                .append(": set each value below in its ")
                .append(m.service().parameters())
                .append(".\n# ")
                .append(where(m));
    }

    /** Where the provider's parameters are set: console, CLI and infrastructure code. */
    public static String where(Hosting.Managed m) {
        String id = Shell.word(m.identifier());
        return switch (m.service()) {
            case AWS_RDS ->
                "Console: RDS > Parameter groups (the custom group of " + id + "); CLI: aws rds"
                        + " modify-db-parameter-group; Terraform: aws_db_parameter_group.";
            case AWS_AURORA ->
                "Console: RDS > Parameter groups (the cluster parameter group of " + id
                        + "); CLI: aws rds modify-db-cluster-parameter-group; Terraform: aws_rds_cluster_parameter_group.";
            case GOOGLE_CLOUD_SQL ->
                "Console: Cloud SQL > " + id + " > Edit > Flags; CLI: gcloud sql instances patch "
                        + id + " --database-flags (replaces every flag: list them all); Terraform:"
                        + " google_sql_database_instance settings.database_flags.";
            case AZURE_POSTGRES ->
                "Portal: " + id + " > Server parameters; CLI: az postgres flexible-server parameter"
                        + " set --server-name " + id + "; Terraform: azurerm_postgresql_flexible_server_configuration.";
            case AWS_ELASTICACHE ->
                "Console: ElastiCache > Parameter groups (the custom group of " + id
                        + "); CLI: aws elasticache modify-cache-parameter-group; Terraform: aws_elasticache_parameter_group.";
            case GOOGLE_MEMORYSTORE ->
                "Console: Memorystore > " + id + " > Edit > Configurations; CLI: gcloud redis"
                        + " instances update " + id + " --update-redis-config; Terraform: google_redis_instance"
                        + " redis_configs.";
            case AZURE_CACHE ->
                "Portal: " + id + " > Advanced settings; CLI: az redis update --name " + id
                        + " --set redisConfiguration.<name>=<value>; Terraform: azurerm_redis_cache redis_configuration.";
        };
    }
}
