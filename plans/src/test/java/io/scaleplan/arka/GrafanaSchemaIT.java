package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every generated Grafana dashboard type-checks, as an object literal, against Grafana's own
 * schema: the {@code Dashboard} type of the {@code @grafana/schema} npm package, compiled with
 * {@code tsc --strict}, so a wrong type or an unknown field (excess property) is an error.
 * Annotations carry Prometheus queries, typed as Grafana's Prometheus data source types them (a
 * {@code DataQuery} with {@code expr}). The packages are installed into {@code target/} with npm;
 * without npm or the registry the test is skipped with a message.
 */
class GrafanaSchemaIT {
    static final String SCHEMA = "@grafana/schema@13.2.3";
    static final String TYPESCRIPT = "typescript@5.9.3";
    private static Path project;

    @BeforeAll
    static void install() throws IOException, InterruptedException {
        assumeTrue(Monitoring.available("npm", "--version"), "npm is not installed: dashboards not type-checked");
        project = Path.of("target", "grafana-schema").toAbsolutePath();
        Files.createDirectories(project);
        if (!Files.exists(project.resolve("node_modules/typescript/bin/tsc"))
                || !Files.isDirectory(project.resolve("node_modules/@grafana/schema"))) {
            Files.writeString(project.resolve("package.json"), "{\"private\": true}\n");
            Monitoring.Run npm = Monitoring.run(
                    project,
                    Duration.ofMinutes(5),
                    List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", SCHEMA, TYPESCRIPT));
            assumeTrue(
                    npm.exit() == 0, "npm could not install " + SCHEMA + " (registry unreachable?): " + npm.output());
        }
    }

    private static String typed(String dashboardJson) {
        return """
                import type { AnnotationQuery, Dashboard, DataQuery } from '@grafana/schema';

                // Grafana's Prometheus data source query, as annotations carry it
                interface PromQuery extends DataQuery {
                  expr: string;
                  legendFormat?: string;
                }

                type PrometheusDashboard = Omit<Dashboard, 'annotations'> & {
                  annotations?: { list?: Array<AnnotationQuery<PromQuery>> };
                };

                const dashboard: PrometheusDashboard = %s;

                export default dashboard;
                """
                .formatted(dashboardJson.strip());
    }

    private static Monitoring.Run tsc(Map<String, String> sources) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Files.writeString(project.resolve(s.getKey()), s.getValue(), StandardCharsets.UTF_8);
            names.add("\"" + s.getKey() + "\"");
        }
        Files.writeString(
                project.resolve("tsconfig.json"),
                "{\"compilerOptions\": {\"strict\": true, \"noEmit\": true, \"target\": \"ES2020\", \"module\":"
                        + " \"ESNext\", \"moduleResolution\": \"bundler\", \"skipLibCheck\": true, \"types\": []},"
                        + " \"files\": [" + String.join(", ", names) + "]}\n");
        return Monitoring.run(
                project,
                Duration.ofMinutes(3),
                List.of("node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"));
    }

    @Test
    void everyDashboardTypeChecksAgainstGrafanasDashboardType() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        Monitoring.foldersWithGoldens().forEach((folder, files) -> {
            String json = files.get("grafana-dashboard.json");
            assertThat(json).as(folder).isNotNull();
            sources.put(folder.replace('/', '_') + ".ts", typed(json));
        });
        assertThat(sources).containsKey("production.ts");
        Monitoring.Run run = tsc(sources);
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void aFieldGrafanaDoesNotKnowFailsTheCheck() throws Exception {
        String json = Monitoring.folders().get("production").get("grafana-dashboard.json");
        String broken = json.replaceFirst("\"collapsed\": false", "\"collapsed\": false, \"colapsed\": true")
                .replaceFirst("\"editable\": true", "\"editable\": \"yes\"");
        assertThat(broken).isNotEqualTo(json);
        Monitoring.Run run = tsc(Map.of("broken.ts", typed(broken)));
        assertThat(run.exit()).isNotZero();
        assertThat(run.output())
                .contains("'\"colapsed\"' does not exist")
                .contains("Type 'string' is not assignable to type 'boolean | undefined'");
    }
}
