package io.scaleplan.compiler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.testing.Fixtures;
import io.scaleplan.testing.ImportRoundTrip;
import io.scaleplan.testing.PlanSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip on a plan across two namespaces, each with its release: the importer puts each
 * service back in its namespace's block, and every output comes back byte for byte. Without
 * plan.yaml, the objects' namespaces and the values files' releases alone make the same blocks.
 */
class TwoNamespacesRoundTripTest {

    @Test
    void twoNamespacesComeBackByteForByte(@TempDir Path temp) throws IOException {
        ImportRoundTrip.Trip trip = ImportRoundTrip.trip(Fixtures.twoNamespaces(), temp);
        assertThat(trip.source()).contains(".namespace(\"storefront\")").contains(".namespace(\"payments\", ns -> ns");
        assertThat(ImportRoundTrip.comparable(trip.again())).isEqualTo(ImportRoundTrip.comparable(trip.original()));
    }

    @Test
    void withoutPlanYamlTheObjectsNamespacesMakeTheBlocks(@TempDir Path temp) throws IOException {
        Map<String, String> original = ImportRoundTrip.files(new PlanCompiler().compile(Fixtures.twoNamespaces()));
        Path outputs =
                ImportRoundTrip.write(ImportRoundTrip.readByImport(original), temp.resolve("generated/two-namespaces"));

        ImportResult imported = new Importer()
                .run(ImportRequest.builder(List.of(outputs), temp.resolve("src"))
                        .packageName("com.example.plans")
                        .planName("two-namespaces")
                        .build());

        assertThat(imported.failed()).as("%s", imported.problems()).isFalse();
        ClassLoader loader = PlanSources.compile(
                List.of(imported.written().orElseThrow()), temp.resolve("classes"), List.of(), List.of("-proc:none"));
        String className = "com.example.plans."
                + imported.written().orElseThrow().getFileName().toString().replace(".java", "");
        io.scaleplan.dsl.ScalingPlan plan =
                PlanSources.instantiate(loader, className).define();
        assertThat(plan.namespaces())
                .extracting(ns -> ns.name() + "/" + ns.release().name() + ":" + ns.services())
                .containsExactlyInAnyOrder("storefront/storefront:[web]", "payments/payments:[ledger, ledger-worker]");
        Map<String, String> again = ImportRoundTrip.files(new PlanCompiler().compile(plan));
        for (String path :
                List.of("k8s/web-hpa.yaml", "k8s/ledger-hpa.yaml", "k8s/ledger-pdb.yaml", "k8s/web-pdb.yaml")) {
            assertThat(again.get(path))
                    .as(path)
                    .isEqualTo(original.get(path).replace("io.scaleplan.testing.Fixtures", className));
        }
    }
}
