package io.scaleplan.compiler.check;

import static io.scaleplan.dsl.Units.gib;
import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.resolve.ConnectionBudget;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several PostgreSQL and Redis instances in one plan: a connection budget per database, on each
 * side of its max_connections, and no output naming a Bitnami release for an instance that is
 * not one.
 */
class DataTierInstancesTest {

    private static List<String> check(ScalingPlan plan) {
        return new Checker().check(plan).stream().map(Diagnostic::toString).toList();
    }

    @Test
    void eachDatabaseHasItsOwnBudgetOfItsOwnClients() {
        ResolvedPlan resolved = ResolvedPlan.of(Fixtures.dataTier());
        assertThat(resolved.budgets()).hasSize(3);
        ConnectionBudget main = resolved.budgets().get(0);
        ConnectionBudget orders = resolved.budgets().get(1);
        ConnectionBudget billing = resolved.budgets().get(2);
        assertThat(main.services()).extracting(c -> c.service().name()).containsExactly("checkout");
        assertThat(main.clients()).isEmpty();
        assertThat(main.total()).isEqualTo((10 + 3) * 10 + 3);
        assertThat(orders.services()).extracting(c -> c.service().name()).containsExactly("orders");
        assertThat(orders.clients()).extracting(c -> c.name()).containsExactly("reporting");
        assertThat(orders.total()).isEqualTo((8 + 2) * 20 + 5 + 3);
        assertThat(billing.services()).extracting(c -> c.service().name()).containsExactly("billing");
        assertThat(billing.total()).isEqualTo((2 + 1) * 15 + 3);
    }

    @Test
    void sp120FiresForTheDatabaseWhoseClientsExhaustItAndOnlyForIt() {
        assertThat(check(Fixtures.dataTier(208))).noneMatch(d -> d.contains("SP120"));
        List<String> over = check(Fixtures.dataTier(207)).stream()
                .filter(d -> d.contains("SP120"))
                .toList();
        assertThat(over).singleElement().satisfies(d -> assertThat(d)
                .contains("[SP120] data-tier · postgres orders: at maxReplicas plus rollout surge the services"
                        + " open 200 connections (orders (8 + 2 surge) × 20 = 200) + 5 for other clients + 3"
                        + " reserved = 208 > max_connections of PostgreSQL orders 207"));
    }

    @Test
    void aPoolOfANamedDatabaseDoesNotCountAgainstTheDefault() {
        ScalingPlan plan = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(10).connectionPoolSize(10))
                .service("jobs", s -> s.replicas(10).connectionPoolSize(10).database("jobs"))
                .postgres(pg -> pg.instance(2, gib(4)).maxConnections(133))
                .postgres(
                        "jobs", pg -> pg.inChart("jobs-db").instance(2, gib(4)).maxConnections(133))
                .build();
        // (10 + 3 surge) × 10 + 3 reserved = 133 on each, not 263 on either: within both
        assertThat(check(plan)).noneMatch(d -> d.contains("SP120"));
        ScalingPlan tight = ScalingPlan.builder("p")
                .helmRelease("arka", "./arka-engine")
                .service("web", s -> s.replicas(10).connectionPoolSize(10))
                .service("jobs", s -> s.replicas(10).connectionPoolSize(10).database("jobs"))
                .postgres(pg -> pg.instance(2, gib(4)).maxConnections(133))
                .postgres(
                        "jobs", pg -> pg.inChart("jobs-db").instance(2, gib(4)).maxConnections(132))
                .build();
        assertThat(check(tight).stream().filter(d -> d.contains("SP120")))
                .singleElement()
                .satisfies(d -> assertThat(d)
                        .contains("postgres jobs")
                        .contains("133 > max_connections of PostgreSQL jobs 132"));
    }

    @Test
    void noOutputNamesABitnamiReleaseForAnInstanceThatIsNotOne() {
        List<GeneratedFile> files =
                new PlanCompiler().compile(Fixtures.dataTier()).files();
        assertThat(files)
                .extracting(GeneratedFile::path)
                .contains("data-tier/helm/postgresql-values.yaml", "data-tier/helm/redis-values.yaml")
                .noneMatch(p -> p.contains("helm/orders")
                        || p.contains("helm/billing")
                        || p.contains("helm/cart")
                        || p.contains("helm/sessions"));
        for (GeneratedFile f : files) {
            assertThat(f.content())
                    .as(f.path())
                    .doesNotContain(
                            "bitnami/postgresql -n shop --reset-then-reuse-values -f generated/data-tier/helm/orders")
                    .doesNotContain("release orders")
                    .doesNotContain("release billing")
                    .doesNotContain("release cart")
                    .doesNotContain("release sessions")
                    .doesNotContain("orders-postgresql")
                    .doesNotContain("cart-master")
                    .doesNotContain("redis-cart-master")
                    .doesNotContain("sessions-master");
            if (f.path().contains("/orders/")
                    || f.path().contains("/billing/")
                    || f.path().contains("/cart/")
                    || f.path().contains("/sessions/")) {
                assertThat(f.content())
                        .as(f.path())
                        .doesNotContainIgnoringCase("bitnami")
                        .doesNotContain("helm ");
            }
        }
        String apply = files.stream()
                .filter(f -> f.path().equals("data-tier/APPLY.md"))
                .findFirst()
                .orElseThrow()
                .content();
        assertThat(apply.lines().filter(l -> l.startsWith("helm upgrade")))
                .containsExactly(
                        "helm upgrade shop ./shop -n shop --reset-then-reuse-values -f"
                                + " generated/data-tier/helm/shop-values.yaml",
                        "helm upgrade postgresql bitnami/postgresql --version 17.1.0 -n shop --reset-then-reuse-values"
                                + " -f generated/data-tier/helm/postgresql-values.yaml",
                        "helm upgrade redis bitnami/redis --version 23.1.1 -n shop --reset-then-reuse-values -f"
                                + " generated/data-tier/helm/redis-values.yaml");
        assertThat(apply).doesNotContain("redis-cart < ").contains("never ALTER SYSTEM");
        String settings = files.stream()
                .filter(f -> f.path().equals("data-tier/sql/billing/parameters.conf"))
                .findFirst()
                .orElseThrow()
                .content();
        assertThat(settings)
                .contains("\nshared_buffers = 524288\n", "\nwork_mem = 20560\n", "\nmax_wal_size = 4096\n")
                .contains("# shared_buffers in 8kB (4GB); takes effect after a reboot (pending-reboot)");
    }
}
