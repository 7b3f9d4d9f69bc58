package io.scaleplan.compiler.resolve;

import static io.scaleplan.dsl.Units.cores;
import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Workload;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facts the resolved plan derives once, for the rules and every target. */
class ResolvedPlanTest {

    private static ScalingPlan.Builder plan() {
        return ScalingPlan.builder("p").helmRelease("arka", "./arka-engine");
    }

    private static ScalingPlan owned(ObjectOwner owner) {
        return plan().scalingObjects(owner)
                .service("web", s -> s.requests(cores(1), gib(1))
                        .autoscale(a -> a.replicas(2, 4).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1)))
                .service("batch", s -> s.replicas(3))
                .build();
    }

    @Test
    void theHpaOwnsAnAutoscaledCountAndTheChartValuesAFixedOne() {
        ResolvedPlan r = ResolvedPlan.of(owned(ObjectOwner.SCALEPLAN));
        ScalingOwners web = r.owners().get("web");
        ScalingOwners batch = r.owners().get("batch");
        assertThat(web.replicaCount()).isEqualTo(ScalingOwners.ReplicaCount.AUTOSCALER);
        assertThat(web.hpa()).contains(ObjectOwner.SCALEPLAN);
        assertThat(web.pdb()).contains(ObjectOwner.SCALEPLAN);
        assertThat(web.scaleplanOwnsHpa()).isTrue();
        assertThat(batch.replicaCount()).isEqualTo(ScalingOwners.ReplicaCount.CHART_VALUES);
        assertThat(batch.hpa()).isEmpty();
        assertThat(batch.pdb()).isEmpty();
        assertThat(r.objects())
                .filteredOn(o -> o.kind().equals("HorizontalPodAutoscaler"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.name()).isEqualTo("web-hpa");
                    assertThat(o.producedBy()).isEqualTo("scaleplan's k8s/ manifests");
                });
    }

    @Test
    void theChartOwnsTheScalingObjectsWhenThePlanSaysSo() {
        ResolvedPlan r = ResolvedPlan.of(owned(ObjectOwner.CHART));
        ScalingOwners web = r.owners().get("web");
        assertThat(web.hpa()).contains(ObjectOwner.CHART);
        assertThat(web.pdb()).contains(ObjectOwner.CHART);
        assertThat(web.scaleplanOwnsHpa()).isFalse();
        assertThat(web.scaleplanOwnsPdb()).isFalse();
        assertThat(r.objects())
                .filteredOn(o -> o.name().equals("web-pdb"))
                .singleElement()
                .satisfies(o -> assertThat(o.producedBy()).isEqualTo("the arka release (arka-engine)"));
    }

    private static PostgresSettings postgres(java.util.function.UnaryOperator<io.scaleplan.dsl.Postgres.Builder> pg) {
        ScalingPlan plan = plan().service("api", s -> s.replicas(4).connectionPoolSize(10))
                .postgres(b -> pg.apply(b.instance(2, gib(4))))
                .build();
        return ResolvedPlan.of(plan).postgres().orElseThrow();
    }

    @Test
    void maxConnectionsIsPgTunesDefaultForTheWorkloadUnlessStated() {
        assertThat(postgres(pg -> pg.workload(Workload.WEB)).maxConnections()).isEqualTo(200);
        assertThat(postgres(pg -> pg.workload(Workload.OLTP)).maxConnections()).isEqualTo(300);
        assertThat(postgres(pg -> pg.workload(Workload.DATA_WAREHOUSE).maxConnections(57))
                        .maxConnections())
                .isEqualTo(57);
    }

    @Test
    void theTypedNumbersAgreeWithTheSettingsTheChartCarries() {
        PostgresSettings s = postgres(pg -> pg.workload(Workload.MIXED)
                .setting("superuser_reserved_connections", "5")
                .setting("reserved_connections", "2"));
        assertThat(s.all())
                .filteredOn(t -> t.name().equals("max_connections"))
                .singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo(Integer.toString(s.maxConnections())));
        assertThat(s.superuserReserved()).isEqualTo(5);
        assertThat(s.reservedConnections()).isEqualTo(2);
        assertThat(postgres(pg -> pg).superuserReserved()).isEqualTo(PostgresSettings.DEFAULT_SUPERUSER_RESERVED);
        assertThat(postgres(pg -> pg).reservedConnections()).isZero();
    }

    @Test
    void theConnectionBudgetReservesWhatTheSettingsReserve() {
        ScalingPlan plan = plan().service("api", s -> s.replicas(4).connectionPoolSize(10))
                .postgres(pg -> pg.instance(2, gib(4))
                        .maxConnections(100)
                        .setting("superuser_reserved_connections", "5")
                        .setting("reserved_connections", "2"))
                .build();
        ConnectionBudget b = ResolvedPlan.of(plan).connections().orElseThrow();
        assertThat(b.reserved()).isEqualTo(7);
        assertThat(b.maxConnections()).isEqualTo(100);
        assertThat(ResolvedPlan.of(plan().build()).connections()).isEmpty();
    }

    private static RedisMemory redis(Memory maxmemory) {
        ScalingPlan plan = plan().redis(r ->
                        r.limits(cores(1), gib(1)).safeMemoryShare(percent(50)).maxmemory(maxmemory))
                .build();
        return ResolvedPlan.of(plan).redisMemory().orElseThrow();
    }

    @Test
    void redisMemoryIsUnsafeAboveTheSafeShareOfTheLimit() {
        assertThat(redis(mib(512)).safeMaxmemory()).contains(mib(512));
        assertThat(redis(mib(512)).unsafe()).isFalse();
        assertThat(redis(mib(512)).shareOfLimit()).contains(50.0);
        assertThat(redis(new Memory(mib(512).bytes() + 1)).unsafe()).isTrue();
        RedisMemory noLimit = ResolvedPlan.of(
                        plan().redis(r -> r.maxmemory(gib(1))).build())
                .redisMemory()
                .orElseThrow();
        assertThat(noLimit.shareOfLimit()).isEqualTo(Optional.empty());
        assertThat(noLimit.unsafe()).isFalse();
    }

    @Test
    void everyTypedSettingCarriesItsValueAsItsType() {
        PostgresSettings s = postgres(pg -> pg.workload(Workload.WEB).set(PgSetting.WORK_MEM, mib(8)));
        assertThat(typed(s, "shared_buffers")).contains(gib(1)); // PgTune: a quarter of 4 GiB
        assertThat(typed(s, "work_mem")).contains(mib(8));
        assertThat(typed(s, "max_connections")).contains(200);
        assertThat(typed(s, "checkpoint_completion_target")).contains(0.9);
    }

    private static Optional<Object> typed(PostgresSettings s, String name) {
        return s.all().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow()
                .typed();
    }
}
