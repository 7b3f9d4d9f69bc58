package io.scaleplan.compiler;

import static io.scaleplan.dsl.Units.gib;
import static io.scaleplan.dsl.Units.mib;
import static io.scaleplan.dsl.Units.millicores;
import static io.scaleplan.dsl.Units.percent;
import static io.scaleplan.dsl.Units.pods;
import static io.scaleplan.dsl.Units.rps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.testing.Golden;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Event plans: phases under generated/<event>/<NN-phase>/, APPLY.md per phase, post-event = base. */
class EventCompileTest {
    private final PlanCompiler compiler = new PlanCompiler();

    static ScalingPlan store() {
        return ScalingPlan.builder("store")
                .namespace("shop")
                .helmRelease("store", "./store")
                .nodePool("general", p -> p.allocatable(millicores(3_920), gib(15))
                        .nodes(2, 10)
                        .gke("shop-prod", "general", "europe-west1"))
                .service("web", s -> s.requests(millicores(500), mib(512))
                        .autoscale(a -> a.replicas(2, 10).cpuUtilization(percent(70)))
                        .maxUnavailable(pods(1))
                        .capacityPerPod(rps(400))
                        .expectedLoad(rps(800)))
                .service("mailer", s -> s.requests(millicores(100), mib(128)).replicas(1))
                .build();
    }

    static EventPlan sale() {
        return EventPlan.builder("sale", store())
                .preScale(Duration.ofMinutes(90), p -> p.service(
                                "web", s -> s.replicas(6).maxReplicas(30))
                        .service("mailer", s -> s.replicas(2))
                        .nodes("general", 3, 12))
                .during(d -> d.service("web", s -> s.expectedLoad(rps(6_000))))
                .postEvent(Duration.ofHours(1))
                .build();
    }

    @Test
    void phasesMatchTheirGoldenFiles() {
        Compilation c = compiler.compile(sale());
        assertThat(c.diagnostics()).isEmpty();
        Golden.assertMatches(c.files());
    }

    @Test
    void aPhaseRaisesMaxConnectionsOfANamedDatabaseAndItsBudgetFollows() {
        EventPlan peak = EventPlan.builder("peak", io.scaleplan.testing.Fixtures.dataTier(208))
                .preScale(Duration.ofMinutes(30), p -> p.service("orders", s -> s.maxReplicas(12))
                        .maxConnections("orders", 400))
                .during(d -> {})
                .postEvent(Duration.ofHours(1))
                .build();
        Compilation c = compiler.compile(peak);
        assertThat(c.diagnostics())
                .extracting(d -> d.ruleId() + " " + d.element() + ": " + d.message())
                .contains("SP403 peak · pre-scale · postgres orders: PostgreSQL orders: max_connections changes from"
                        + " 208 to 400: it takes effect at a restart of the team's chart (workload orders-db) after"
                        + " 01-pre-scale/APPLY.md")
                .noneMatch(d -> d.startsWith("SP120"));
        Map<String, String> pre = under(c.files(), "peak/01-pre-scale/");
        assertThat(pre.get("sql/orders/10-settings.sql")).contains("ALTER SYSTEM SET max_connections = '400';");
        assertThat(pre.get("sql/10-settings.sql")).contains("max_connections = '150' in the chart's configuration");
        assertThat(pre).doesNotContainKey("helm/orders-values.yaml");
        // without the raise, 12 orders pods exhaust the orders database: (12 + 3) × 20 + 5 + 3 = 308 > 208
        EventPlan short_ = EventPlan.builder("peak", io.scaleplan.testing.Fixtures.dataTier(208))
                .preScale(Duration.ofMinutes(30), p -> p.service("orders", s -> s.maxReplicas(12)))
                .during(d -> {})
                .postEvent(Duration.ofHours(1))
                .build();
        assertThat(compiler.compile(short_).diagnostics())
                .extracting(d -> d.ruleId() + " " + d.element())
                .contains("SP120 peak · postgres orders");
    }

    @Test
    void postEventIsTheBasePlanByteForByteApartFromApplyMd() {
        Map<String, String> base = under(compiler.compile(store()).files(), "store/");
        Map<String, String> post = under(compiler.compile(sale()).files(), "sale/03-post-event/");
        base.remove("APPLY.md");
        post.remove("APPLY.md");
        assertThat(post).isNotEmpty().isEqualTo(base);
    }

    @Test
    void expectedLoadDuringTheEventIsCheckedWithTheCapacityRule() {
        EventPlan tooMuch = EventPlan.builder("sale", store())
                .preScale(Duration.ofHours(1), p -> p.service("web", s -> s.maxReplicas(12)))
                .during(d -> d.service("web", s -> s.expectedLoad(rps(6_000))))
                .postEvent(Duration.ofHours(1))
                .build();
        Compilation c = compiler.compile(tooMuch);
        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics())
                .extracting(d -> d.ruleId() + " " + d.element() + ": " + d.message())
                .containsExactly(
                        "SP104 sale · web: expected load 6000 rps needs ceil(6000 / 400 × 1.3) = ceil(19.5) = 20"
                                + " pods (rps / rps per pod × headroom), but maxReplicas is 12");
    }

    @Test
    void maxReplicasOnAFixedServiceIsReportedWithTheLineOfTheChange() {
        assertThatThrownBy(() -> EventPlan.builder("sale", store())
                        .preScale(Duration.ofHours(1), p -> p.service("mailer", s -> s.maxReplicas(3)))
                        .postEvent(Duration.ofHours(1))
                        .build())
                .isInstanceOf(PlanDefinitionException.class)
                .satisfies(e -> assertThat(((PlanDefinitionException) e).diagnostics())
                        .extracting(d -> d.ruleId() + " " + d.element() + ": " + d.message() + " @"
                                + d.location().fileName())
                        .containsExactly("SP401 sale · pre-scale · mailer: maxReplicas(3) needs an autoscaled service;"
                                + " this one runs a fixed replica count @EventCompileTest.java"));
    }

    @Test
    void anEventWithoutPhasesIsIncomplete() {
        assertThatThrownBy(() -> EventPlan.builder("store", store()).build())
                .isInstanceOf(PlanDefinitionException.class)
                .satisfies(e -> assertThat(((PlanDefinitionException) e).diagnostics())
                        .extracting(d -> d.ruleId() + " " + d.message())
                        .containsExactly(
                                "SP006 event \"store\" has the name of its base plan; outputs would collide",
                                "SP007 no pre-scale phase: call preScale(lead, changes)",
                                "SP007 no post-event phase: call postEvent(lag)"));
    }

    private static Map<String, String> under(Iterable<GeneratedFile> files, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : files) {
            if (f.path().startsWith(prefix)) {
                out.put(f.path().substring(prefix.length()), f.content());
            }
        }
        return out;
    }
}
