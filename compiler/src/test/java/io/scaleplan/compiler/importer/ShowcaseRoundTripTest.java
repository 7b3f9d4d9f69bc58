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
}
