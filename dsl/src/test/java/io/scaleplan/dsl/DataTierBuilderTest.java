package io.scaleplan.dsl;

import static io.scaleplan.dsl.Units.bytes;
import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.kib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The PostgreSQL and Redis builders: every guard, with its exact diagnostic. */
class DataTierBuilderTest {

    private static ScalingPlan.Builder plan() {
        return ScalingPlan.builder("p").helmRelease("arka", "./arka-engine").service("web", s -> s.replicas(1));
    }

    private static List<String> problems(Consumer<ScalingPlan.Builder> spec) {
        ScalingPlan.Builder b = plan();
        spec.accept(b);
        try {
            b.build();
        } catch (PlanDefinitionException e) {
            for (Diagnostic d : e.diagnostics()) {
                assertThat(d.location().fileName()).as(d.toString()).isEqualTo("DataTierBuilderTest.java");
                assertThat(d.location().line()).as(d.toString()).isPositive();
            }
            return e.diagnostics().stream()
                    .map(d -> "[" + d.ruleId() + "] " + d.element() + ": " + d.message())
                    .toList();
        }
        throw new AssertionError("the plan built without problems");
    }

    private static List<String> postgres(Consumer<Postgres.Builder> spec) {
        return problems(b -> b.postgres(spec));
    }

    private static List<String> redis(Consumer<Redis.Builder> spec) {
        return problems(b -> b.redis(spec));
    }

    @Test
    void theDiagnosticPointsAtTheAuthorsLine() {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 2;
        ScalingPlan.Builder b = plan();
        b.postgres(pg -> pg.instance(2, gib(4)).majorVersion(12));
        assertThatThrownBy(b::build)
                .isInstanceOf(PlanDefinitionException.class)
                .hasMessage("io/scaleplan/dsl/DataTierBuilderTest.java:" + line
                        + ": error: [SP020] p · postgres: PostgreSQL major version must be 13 to 18, was 12");
    }

    @Test
    void aPlanWithoutAnInstanceHasNothingToTuneFor() {
        assertThat(postgres(pg -> pg.readReplicas(1)))
                .containsExactly("[SP021] p · postgres: no instance to tune for: give limits(cpu, memory) for the"
                        + " primary or instance(vcpus, memory)");
    }

    @Test
    void instanceInputsAreRangeChecked() {
        assertThat(postgres(pg -> pg.instance(0, mib(256)).readReplicas(-1)))
                .containsExactly(
                        "[SP021] p · postgres: instance vCPUs must be 1 to 1024 (max_parallel_workers' limit), was 0",
                        "[SP021] p · postgres: instance memory must be at least 512Mi (PgTune's minimum), was 256Mi",
                        "[SP021] p · postgres: readReplicas must be at least 0, was -1");
        assertThat(postgres(pg -> pg.limits(cores(1), bytes(1_000_000_000L))))
                .containsExactly("[SP021] p · postgres: memory limit (the instance's memory) must be a whole number of"
                        + " KiB from 512Mi (PgTune's minimum) to 4Ti, was 1000000000");
    }

    @Test
    void aStatedInstanceMustAgreeWithTheLimits() {
        assertThat(postgres(pg -> pg.limits(millicores(2500), gib(16)).instance(4, gib(8))))
                .containsExactly(
                        "[SP022] p · postgres: instance memory 8Gi disagrees with the primary's memory limit 16Gi:"
                                + " the limit is what PostgreSQL gets",
                        "[SP022] p · postgres: instance vCPUs 4 disagree with the primary's CPU limit 2500m (2)");
    }

    @Test
    void theLimitsAreTheInstance() {
        ScalingPlan p = plan().postgres(
                        pg -> pg.limits(millicores(2500), gib(16)).instance(2, gib(16)))
                .build();
        PostgresInstance instance = p.postgres().orElseThrow().instance();
        assertThat(instance.vcpus()).contains(2);
        assertThat(instance.memory()).isEqualTo(gib(16));
        assertThat(instance.fromLimits()).isTrue();
        assertThat(instance.storage()).isEqualTo(StorageType.SSD);
        assertThat(p.postgres().orElseThrow().release()).isEqualTo("postgresql");
        assertThat(p.postgres().orElseThrow().majorVersion()).isEqualTo(17);
    }

    @Test
    void settingsAreRangeCheckedAgainstTheServerAndVersion() {
        assertThat(postgres(pg -> pg.instance(2, gib(4))
                        .majorVersion(14)
                        .maxConnections(0)
                        .workMem(kib(32))
                        .sharedBuffers(bytes(1000))
                        .randomPageCost(-1)
                        .set(PgSetting.IO_METHOD, "worker")
                        .set(PgSetting.WAL_COMPRESSION, "lz4")
                        .set(PgSetting.HUGE_PAGES, "maybe")))
                .containsExactly(
                        "[SP023] p · postgres: max_connections must be between 1 and 262143, was 0",
                        "[SP023] p · postgres: work_mem must be between 64kB and 2147483647kB, was 32kB",
                        "[SP023] p · postgres: shared_buffers must be a whole number of kB (1024 bytes), was 1000 bytes",
                        "[SP023] p · postgres: random_page_cost must be between 0 and 1.79769e+308, was -1.0",
                        "[SP023] p · postgres: io_method exists from PostgreSQL 18, the plan targets 14",
                        "[SP023] p · postgres: wal_compression must be one of [off, on] on PostgreSQL 14, was \"lz4\"",
                        "[SP023] p · postgres: huge_pages must be one of [off, on, try] on PostgreSQL 14, was \"maybe\"");
    }

    @Test
    void aSettingIsStatedOnce() {
        List<String> found =
                postgres(pg -> pg.instance(2, gib(4)).maxConnections(100).maxConnections(200));
        assertThat(found).hasSize(1);
        assertThat(found.get(0))
                .startsWith("[SP023] p · postgres: max_connections is stated twice (first at "
                        + "io/scaleplan/dsl/DataTierBuilderTest.java:");
    }

    @Test
    void customSettingsAreCheckedText() {
        assertThat(postgres(pg -> pg.instance(2, gib(4))
                        .setting("log_min_duration_statement", "500ms")
                        .setting("Bad-Name", "1")
                        .setting("work_mem", "64MB")
                        .setting("search_path", "app'; DROP TABLE x; --")
                        .setting("application_name", "a\nb")
                        .setting("pg_stat_statements.track", "all")))
                .containsExactly(
                        "[SP023] p · postgres: setting name \"Bad-Name\" is not a PostgreSQL parameter name (lower-case"
                                + " letters, digits and '_', optionally prefixed by an extension name and '.')",
                        "[SP023] p · postgres: work_mem has a typed key: use set(PgSetting.WORK_MEM, ...) instead of"
                                + " setting(\"work_mem\", ...)",
                        "[SP023] p · postgres: value of search_path \"app'; DROP TABLE x; --\" contains a quote,"
                                + " backslash, newline or control character, which cannot be written safely into"
                                + " postgresql.conf and SQL",
                        "[SP023] p · postgres: value of application_name \"a\\u000ab\" contains a quote, backslash,"
                                + " newline or control character, which cannot be written safely into postgresql.conf"
                                + " and SQL");
    }

    @Test
    void identifiersFollowPostgresRules() {
        assertThat(postgres(pg -> pg.instance(2, gib(4))
                        .index("idx\"x", "t", "a")
                        .index("i".repeat(64), "t", "a")
                        .index("ok", "s.t.u", "a")
                        .index("ok2", "t", "a\u0000")
                        .vacuumAnalyze("t\n")))
                .containsExactly(
                        "[SP024] p · postgres: index name \"idx\\\"x\" is not a valid PostgreSQL identifier (1 to 63"
                                + " bytes; no quotes, backslashes, dots or control characters)",
                        "[SP024] p · postgres: index name \"" + "i".repeat(64) + "\" is not a valid PostgreSQL"
                                + " identifier (1 to 63 bytes; no quotes, backslashes, dots or control characters)",
                        "[SP024] p · postgres: table \"t.u\" is not a valid PostgreSQL identifier (1 to 63 bytes; no"
                                + " quotes, backslashes, dots or control characters)",
                        "[SP024] p · postgres: column \"a\\u0000\" is not a valid PostgreSQL identifier (1 to 63 bytes;"
                                + " no quotes, backslashes, dots or control characters)",
                        "[SP024] p · postgres: table \"t\\u000a\" is not a valid PostgreSQL identifier (1 to 63 bytes;"
                                + " no quotes, backslashes, dots or control characters)");
    }

    @Test
    void indexesAreWellFormed() {
        assertThat(postgres(pg -> pg.instance(2, gib(4))
                        .index("i1", "t")
                        .index("i2", "t", "a", "a")
                        .index("i3", "t", "a")
                        .index("i3", "t", "b")
                        .vacuumAnalyze("t", "t")))
                .hasSize(4)
                .startsWith(
                        "[SP025] p · postgres: index \"i1\" names no columns",
                        "[SP025] p · postgres: index \"i2\" names column \"a\" twice")
                .endsWith("[SP025] p · postgres: table \"t\" is vacuumed twice");
    }

    @Test
    void desktopTuningCannotHaveReplicas() {
        assertThat(postgres(
                        pg -> pg.instance(2, gib(4)).workload(Workload.DESKTOP).readReplicas(2)))
                .containsExactly("[SP026] p · postgres: 2 read replicas with workload desktop, whose tuning sets"
                        + " wal_level = minimal and max_wal_senders = 0: replicas could not stream");
    }

    @Test
    void aNamedInstanceIsDeclaredOnceAndUnnamedAndNamedOnesLiveSideBySide() {
        List<String> found = problems(b -> b.postgres(pg -> pg.instance(2, gib(4)))
                .postgres("orders", pg -> pg.instance(2, gib(4)))
                .postgres("orders", pg -> pg.instance(2, gib(4)))
                .redis("cart", r -> r.inChart("redis-cart"))
                .redis("cart", r -> r.inChart("redis-cart")));
        assertThat(found).hasSize(2);
        assertThat(found.get(0))
                .startsWith("[SP027] p · postgres orders: PostgreSQL \"orders\" is declared twice (first at ");
        assertThat(found.get(1)).startsWith("[SP027] p · redis cart: Redis \"cart\" is declared twice (first at ");
        ScalingPlan plan = plan().postgres(pg -> pg.instance(2, gib(4)))
                .postgres("orders", pg -> pg.inChart("orders-db").instance(2, gib(4)))
                .redis(r -> r.maxmemory(mib(64)))
                .redis("cart", r -> r.inChart("redis-cart"))
                .redis("sessions", r -> r.managed(ManagedService.GOOGLE_MEMORYSTORE, "sessions"))
                .build();
        assertThat(plan.databases()).extracting(Postgres::title).containsExactly("PostgreSQL", "PostgreSQL orders");
        assertThat(plan.caches()).extracting(Redis::title).containsExactly("Redis", "Redis cart", "Redis sessions");
        assertThat(plan.caches().get(1).hasConfigFile()).isFalse();
        assertThat(plan.caches().get(0).hasConfigFile()).isTrue();
        assertThat(plan.database("orders").orElseThrow().hosting()).isEqualTo(new Hosting.InChart("orders-db", true));
    }

    @Test
    void aPoolNamesADatabaseThePlanHasOrTheDefaultIsClear() {
        assertThat(problems(b -> b.service(
                                "orders",
                                s -> s.replicas(1).connectionPoolSize(5).database("order"))
                        .postgres("orders", pg -> pg.instance(2, gib(4)))))
                .containsExactly("[SP029] p · orders: database(\"order\"): the plan declares no postgres(\"order\","
                        + " ...); its named instances are [orders]");
        assertThat(problems(b -> b.service("orders", s -> s.replicas(1).connectionPoolSize(5))
                        .databaseClient("etl", 3)
                        .postgres("orders", pg -> pg.instance(2, gib(4)))
                        .postgres("billing", pg -> pg.instance(2, gib(4)))))
                .containsExactly(
                        "[SP029] p · orders: service \"orders\" names no database, and the plan has 2 PostgreSQL"
                                + " instances and no unnamed one: say which with database(...), one of [orders, billing]",
                        "[SP029] p: database client \"etl\" names no database, and the plan has 2 PostgreSQL instances"
                                + " and no unnamed one: say which with database(...), one of [orders, billing]");
        // the only instance, named, is the default; the unnamed one is, beside named ones
        ScalingPlan only = plan().service("orders", s -> s.replicas(1).connectionPoolSize(5))
                .postgres("orders", pg -> pg.instance(2, gib(4)))
                .build();
        assertThat(only.databaseOf(only.service("orders").orElseThrow())
                        .orElseThrow()
                        .name())
                .contains("orders");
        ScalingPlan both = plan().service("orders", s -> s.replicas(1).connectionPoolSize(5))
                .postgres(pg -> pg.instance(2, gib(4)))
                .postgres("orders", pg -> pg.instance(2, gib(4)))
                .build();
        assertThat(both.databaseOf(both.service("orders").orElseThrow())
                        .orElseThrow()
                        .name())
                .isEmpty();
    }

    @Test
    void settingsThatDoNotApplyWhereTheInstanceLivesAreErrors() {
        List<String> found = problems(b -> b.postgres("orders", pg -> pg.inChart("orders-db")
                        .release("orders")
                        .readReplicas(1)
                        .instance(2, gib(4)))
                .postgres("billing", pg -> pg.managed(ManagedService.AWS_RDS, "billing")
                        .limits(cores(2), gib(4)))
                .postgres("x", pg -> pg.managed(ManagedService.AWS_ELASTICACHE, "x")
                        .instance(2, gib(4)))
                .redis("cart", r -> r.inChart("redis-cart").replicas(2))
                .redis("s", r -> r.managed(ManagedService.AZURE_CACHE, "s").managed(ManagedService.AZURE_CACHE, "t")));
        assertThat(found)
                .containsExactly(
                        "[SP032] p · postgres x: AWS_ELASTICACHE runs Redis, not PostgreSQL",
                        "[SP032] p · redis s: where the server lives is stated twice (first at "
                                + found.get(1).substring(found.get(1).indexOf("(first at ") + 10),
                        "[SP032] p · postgres orders: release(\"orders\") but the server lives in the team's chart"
                                + " (workload orders-db): there is no Bitnami release to name",
                        "[SP032] p · postgres orders: readReplicas(1) but the server lives in the team's chart (workload"
                                + " orders-db), whose replicas scaleplan does not run: leave it out",
                        "[SP032] p · postgres billing: requests/limits but the server is Amazon RDS for PostgreSQL"
                                + " billing, which has no pods: give instance(vcpus, memory), its instance class",
                        "[SP032] p · redis cart: replicas(2) but the server lives in the team's chart (workload"
                                + " redis-cart), whose topology scaleplan does not run: leave it out");
    }

    @Test
    void theDataTierIsDeclaredOnce() {
        List<String> found = problems(b -> b.postgres(pg -> pg.instance(2, gib(4)))
                .postgres(pg -> pg.instance(2, gib(4)))
                .redis(r -> r.replicas(1))
                .redis(r -> r.replicas(1)));
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).startsWith("[SP027] p · postgres: postgres(...) is declared twice (first at ");
        assertThat(found.get(1)).startsWith("[SP027] p · redis: redis(...) is declared twice (first at ");
    }

    @Test
    void redisTopologyAndMemoryAreChecked() {
        assertThat(redis(r -> r.replicas(-1).maxmemory(bytes(0)).release("Redis")))
                .containsExactly(
                        "[SP030] p · redis: replicas must be at least 0, was -1",
                        "[SP031] p · redis: maxmemory must be greater than 0 (Redis reads 0 as no limit): leave"
                                + " maxmemory out instead",
                        "[SP001] p · redis: Helm release \"Redis\" is not a valid DNS-1123 label (lower-case letters,"
                                + " digits and '-', starting and ending with a letter or digit, at most 63 characters)");
        assertThat(redis(r -> r.cluster(0, -1)))
                .containsExactly(
                        "[SP030] p · redis: cluster nodes must be at least 1, was 0",
                        "[SP030] p · redis: cluster replicas per master must be at least 0, was -1");
        assertThat(redis(r -> r.replicas(3).cluster(6, 1)))
                .containsExactly("[SP030] p · redis: replicas(3) with cluster mode: a cluster takes replicas per"
                        + " master, cluster(nodes, replicasPerMaster)");
    }

    @Test
    void redisDefaultsFollowTheChart() {
        Redis standalone = plan().redis(r -> r.replicas(3)).build().redis().orElseThrow();
        assertThat(standalone.release()).isEqualTo("redis");
        assertThat(standalone.isCluster()).isFalse();
        assertThat(standalone.maxmemory()).isEqualTo(Optional.empty());
        Redis cluster = plan().redis(r -> r.cluster(6, 1)).build().redis().orElseThrow();
        assertThat(cluster.release()).isEqualTo("redis-cluster");
        assertThat(cluster.cluster()).contains(new Redis.Cluster(6, 1));
        assertThat(EvictionPolicy.VOLATILE_TTL.redisName()).isEqualTo("volatile-ttl");
        assertThat(EvictionPolicy.values()).hasSize(8);
    }

    @Test
    void theModelGuardsItself() {
        assertThatThrownBy(() -> new Redis(
                        "redis",
                        2,
                        Optional.of(new Redis.Cluster(6, 1)),
                        Optional.empty(),
                        Optional.empty(),
                        Resources.NONE,
                        SourceLocation.UNKNOWN,
                        Redis.DEFAULT_SAFE_MEMORY_SHARE))
                .hasMessage("cluster mode takes replicas per master, not replicas: 2");
        assertThatThrownBy(() -> new PostgresInstance(Optional.of(2), mib(256), StorageType.SSD, false))
                .hasMessage("memory must be at least 512Mi: 256Mi");
        assertThatThrownBy(
                        () -> new Index("i", new TableName(Optional.empty(), "t"), List.of(), SourceLocation.UNKNOWN))
                .hasMessage("index i has no columns");
    }
}
