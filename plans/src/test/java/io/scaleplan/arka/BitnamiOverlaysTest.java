package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every Bitnami overlay in generated/, rendered with the real chart it is pinned to
 * (../shared/reference/charts/bitnami, chart versions as APPLY.md's --version) by Helm's own
 * engine, as APPLY.md's {@code helm upgrade} would: the rendered objects carry the plan's numbers.
 */
@Tag("conformance")
class BitnamiOverlaysTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static LookupStandIn api;

    private static final Path GENERATED =
            Path.of(System.getProperty("scaleplan.root", "..")).resolve("generated");

    @BeforeAll
    static void startApi() throws IOException {
        api = LookupStandIn.shared();
    }

    private static Path chart(String name) throws IOException {
        Path charts = Path.of(System.getProperty("scaleplan.reference", "../../shared/reference"))
                .resolve("charts/bitnami");
        assumeTrue(Files.isDirectory(charts), "../shared/reference/charts/bitnami is absent");
        Path chart = charts.resolve(name);
        String version = YAML.readTree(chart.resolve("Chart.yaml").toFile())
                .path("version")
                .asText();
        assertThat(version).as("APPLY.md pins %s", name).isEqualTo(HelmCommands.BITNAMI_VERSIONS.get(name));
        return chart;
    }

    /** Every plan and phase folder with its plan. */
    private static Map<String, ScalingPlan> folders() {
        Map<String, ScalingPlan> out = new LinkedHashMap<>();
        out.put("production", new Production().define());
        out.put("high-throughput", new HighThroughput().define());
        new BlackFriday().event().phases().forEach(p -> out.put("black-friday/" + p.folder(), p.plan()));
        return out;
    }

    @Test
    void postgresqlOverlaysRenderWithThePlansNumbers() throws IOException {
        Path chart = chart("postgresql");
        int rendered = 0;
        for (Map.Entry<String, ScalingPlan> e : folders().entrySet()) {
            if (e.getValue().postgres().isEmpty()) {
                continue;
            }
            Postgres pg = e.getValue().postgres().get();
            Path values = GENERATED.resolve(e.getKey()).resolve("helm/" + pg.release() + "-values.yaml");
            Map<String, JsonNode> objects = render(chart, pg.release(), values);
            JsonNode primary = objects.get("StatefulSet/" + pg.release() + "-primary");
            JsonNode read = objects.get("StatefulSet/" + pg.release() + "-read");
            assertThat(primary).as(e.getKey()).isNotNull();
            assertThat(read.at("/spec/replicas").asInt()).as(e.getKey()).isEqualTo(pg.readReplicas());
            for (JsonNode set : new JsonNode[] {primary, read}) {
                assertThat(set.at("/spec/updateStrategy/type").asText()).isEqualTo("OnDelete");
                JsonNode resources = set.at("/spec/template/spec/containers/0/resources");
                pg.resources().cpuLimit().ifPresent(c -> assertThat(
                                resources.at("/limits/cpu").asText())
                        .isEqualTo(io.scaleplan.compiler.render.Quantities.cpu(c)));
                pg.resources().memoryLimit().ifPresent(m -> assertThat(
                                resources.at("/limits/memory").asText())
                        .isEqualTo(io.scaleplan.compiler.render.Quantities.memory(m)));
            }
            for (String cm : new String[] {"-primary-extended-configuration", "-read-extended-configuration"}) {
                JsonNode config = objects.get("ConfigMap/" + pg.release() + cm);
                assertThat(config).as(e.getKey() + cm).isNotNull();
                String conf = config.at("/data/override.conf").asText();
                for (Tuning.Tuned t : Tuning.settings(pg)) {
                    assertThat(conf.lines()).as(e.getKey() + cm).contains(t.name() + " = '" + t.value() + "'");
                }
            }
            rendered++;
        }
        assertThat(rendered).isEqualTo(4);
    }

    @Test
    void redisOverlaysRenderWithThePlansNumbers() throws IOException {
        int rendered = 0;
        for (Map.Entry<String, ScalingPlan> e : folders().entrySet()) {
            Redis r = e.getValue().redis().orElseThrow();
            Path values = GENERATED.resolve(e.getKey()).resolve("helm/" + r.release() + "-values.yaml");
            Map<String, JsonNode> objects =
                    render(chart(r.isCluster() ? "redis-cluster" : "redis"), r.release(), values);
            String maxmemory =
                    "maxmemory " + KubeValues.redisMemory(r.maxmemory().orElseThrow()) + "\n";
            if (r.isCluster()) {
                Redis.Cluster c = r.cluster().orElseThrow();
                JsonNode set = objects.get("StatefulSet/" + r.release());
                assertThat(set.at("/spec/replicas").asInt()).as(e.getKey()).isEqualTo(c.nodes());
                assertThat(objects.get("ConfigMap/" + r.release() + "-default")
                                .at("/data/redis-default.conf")
                                .asText())
                        .contains(maxmemory);
                assertThat(set.toString())
                        .contains("export REDIS_CLUSTER_REPLICAS=\\\"" + c.replicasPerMaster() + "\\\"");
                assertResources(set, r);
            } else {
                JsonNode replicas = objects.get("StatefulSet/" + r.release() + "-replicas");
                assertThat(replicas.at("/spec/replicas").asInt()).as(e.getKey()).isEqualTo(r.replicas());
                JsonNode conf = objects.get("ConfigMap/" + r.release() + "-configuration")
                        .path("data");
                assertThat(conf.path("master.conf").asText()).contains(maxmemory);
                assertThat(conf.path("replica.conf").asText()).contains(maxmemory);
                assertResources(replicas, r);
                assertResources(objects.get("StatefulSet/" + r.release() + "-master"), r);
            }
            rendered++;
        }
        assertThat(rendered).isEqualTo(5);
    }

    private static void assertResources(JsonNode set, Redis r) {
        JsonNode resources = set.at("/spec/template/spec/containers/0/resources");
        r.resources().memoryLimit().ifPresent(m -> assertThat(
                        resources.at("/limits/memory").asText())
                .isEqualTo(io.scaleplan.compiler.render.Quantities.memory(m)));
    }

    /** {@code helm template RELEASE CHART -n arka-system -f values}, by kind/name. */
    static Map<String, JsonNode> render(Path chart, String release, Path values) throws IOException {
        api = LookupStandIn.shared();
        int before = api.requests().size();
        String manifests = new Helm(chart)
                .template()
                .withName(release)
                .withNamespace("arka-system")
                .withValuesFile(values)
                .call();
        if (!chart.getFileName().toString().equals("redis-cluster")) {
            // postgresql and redis look up their Secret (redis-cluster 13.0.5 does not)
            assertThat(api.requests().subList(before, api.requests().size()))
                    .as("the chart looked up its Secret in the stand-in")
                    .contains("GET /api/v1/namespaces/arka-system/secrets/" + release);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    byName.put(
                            doc.path("kind").asText() + "/"
                                    + doc.at("/metadata/name").asText(),
                            doc);
                }
            }
        }
        return byName;
    }
}
