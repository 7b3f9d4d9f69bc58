package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.ImportRoundTrip;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip on the plan that says everything the DSL can say about a service (behavior,
 * fractional Pods metrics, percentage budgets, a Helm key of its own, fixed and zero replicas):
 * compile, import the outputs, compile the imported source with javac, compile again: every output
 * comes back byte for byte.
 */
class ShowcaseRoundTripTest {

    @Test
    void theShowcasesOutputsComeBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.showcase(), temp);
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
    }

    /** Every metric type, and request rates named istio_requests_rate and q, come back as declared. */
    @Test
    void everyMetricTypeAndTheDeclaredRequestRatesComeBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.metrics(), temp);
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
        assertThat(trip.source())
                .contains(
                        ".requestRate(\"istio_requests_rate\")", ".requestRate(\"q\")", "ValueTarget.averageValue(30)");
    }

    /** StatefulSets (OrderedReady and Parallel) next to a Deployment: the kinds come back from plan.yaml and the HPAs. */
    @Test
    void theStatefulSetsComeBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.stateful(), temp);
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
        assertThat(trip.source())
                .contains(".service(\"ledger\", s -> s.statefulSet()")
                .contains(".service(\"search\", s -> s.statefulSet(PodManagement.PARALLEL)")
                .contains("import io.scaleplan.dsl.PodManagement;");
    }

    /**
     * Three PostgreSQL and three Redis instances (a Bitnami release, one in the team's chart, one
     * managed), the services and clients that connect to the named ones: each instance comes back
     * from its own files and plan.yaml, none merged into the default.
     */
    @Test
    void everyDatabaseAndCacheInstanceComesBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.dataTier(), temp);
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
        assertThat(trip.source())
                .contains(".postgres(\"orders\", pg -> pg.inChart(\"orders-db\")")
                .contains(".postgres(\"billing\", pg -> pg.managed(ManagedService.AWS_RDS, \"billing-prod\")")
                .contains(".redis(\"cart\", r -> r.inChart(\"redis-cart\")")
                .contains(".redis(\"sessions\", r -> r.managed(ManagedService.AWS_ELASTICACHE, \"sessions-prod\")")
                .contains(".database(\"orders\")")
                .contains(".databaseClient(\"reporting\", 5, \"orders\")");
    }

    /** The default instances' own hosting: PostgreSQL in the chart, Redis in the chart with its config file. */
    @Test
    void defaultInstancesInTheChartComeBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.hostedDefaults(), temp);
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
        assertThat(trip.source())
                .contains(".postgres(pg -> pg.inChart(\"shop-db\")")
                .contains(".redis(r -> r.inChartWithConfigFile(\"shop-cache\")");
    }
}
