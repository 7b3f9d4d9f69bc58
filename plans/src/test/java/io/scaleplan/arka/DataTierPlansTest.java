package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.PlanDefinition;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ARKA plans' data tier is what the runbook's Database and Redis Scaling sections do by hand. */
class DataTierPlansTest {

    private static Map<String, String> compile(PlanDefinition definition) {
        Compilation c = new PlanCompiler().compile(definition.define());
        assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
        return c.files().stream().collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
    }

    @Test
    void productionHasPostgresWithReplicasIndexAndVacuumAndRedisWithReplicas() {
        Map<String, String> files = compile(new Production());
        assertThat(files.get("production/helm/postgresql-values.yaml"))
                .contains("readReplicas:\n  replicaCount: 3\n", "    max_connections = '300'\n");
        assertThat(files.get("production/sql/20-indexes.sql"))
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_usage_events_tenant_date ON usage_events"
                        + " (tenant_id, created_at);\n");
        assertThat(files.get("production/sql/30-maintenance.sql")).contains("\nVACUUM (ANALYZE) usage_events;\n");
        assertThat(files.get("production/sql/10-settings.sql"))
                .contains("-- max_connections = '300' in the chart's configuration: stated at")
                .contains("ALTER SYSTEM RESET max_connections;\n");
        assertThat(files.get("production/helm/redis-values.yaml"))
                .contains("architecture: replication\n", "replica:\n  replicaCount: 3\n");
        assertThat(files.get("production/redis/redis.conf"))
                .endsWith("\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\n");
    }

    @Test
    void highThroughputIsARedisClusterOfSixNodesOneReplicaPerMaster() {
        Map<String, String> files = compile(new HighThroughput());
        assertThat(files.get("high-throughput/helm/redis-cluster-values.yaml"))
                .contains("cluster:\n  nodes: 6\n  replicas: 1\n");
        assertThat(files).doesNotContainKey("high-throughput/helm/redis-values.yaml");
    }
}
