package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.render.Headers;
import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Locale;

/**
 * {@code load-test.js}: the profile as a k6 script, one {@code ramping-arrival-rate} scenario per
 * service, so that {@code k6 run} sends the curve that was simulated. The base URL is given at run
 * time ({@code k6 run -e BASE_URL=https://arka.staging.example load-test.js}); each service's URL
 * defaults to {@code BASE_URL/<service>} and can be set with {@code -e <SERVICE>_URL=...}. Rates
 * are whole requests per second (k6's targets are integers): fractional CSV rates are rounded.
 */
public final class K6Script {
    private K6Script() {}

    public static String render(ScalingPlan plan, LoadProfile profile) {
        StringBuilder js = new StringBuilder(Headers.comment("//", plan));
        js.append("// Load profile \"")
                .append(profile.name())
                .append("\" as simulated by 'scaleplan simulate ")
                .append(plan.name())
                .append("'.\n")
                .append("// Run: k6 run -e BASE_URL=https://host load-test.js")
                .append(" (per service: -e SERVICE_NAME_URL=https://host/path)\n")
                .append("import http from 'k6/http';\n")
                .append("import { check } from 'k6';\n\n")
                .append("const BASE_URL = __ENV.BASE_URL;\n")
                .append("if (!BASE_URL) {\n")
                .append("  throw new Error('set the base URL: k6 run -e BASE_URL=https://host load-test.js');\n")
                .append("}\n\n")
                .append("export const options = {\n")
                .append("  discardResponseBodies: true,\n")
                .append("  scenarios: {\n");
        for (LoadProfile.ServiceLoad s : profile.services()) {
            long peak = Math.round(s.peakRps());
            js.append("    '")
                    .append(scenario(s.service()))
                    .append("': {\n")
                    .append("      executor: 'ramping-arrival-rate',\n")
                    .append("      exec: '")
                    .append(function(s.service()))
                    .append("',\n")
                    .append("      startRate: ")
                    .append(Math.round(s.points().get(0).rps()))
                    .append(",\n")
                    .append("      timeUnit: '1s',\n")
                    .append("      preAllocatedVUs: ")
                    .append(Math.max(1, peak / 10))
                    .append(",\n")
                    .append("      maxVUs: ")
                    .append(Math.max(10, peak))
                    .append(",\n")
                    .append("      stages: [\n");
            List<LoadProfile.Point> points = s.points();
            for (int i = 1; i < points.size(); i++) {
                long duration = points.get(i).second() - points.get(i - 1).second();
                js.append("        { target: ")
                        .append(Math.round(points.get(i).rps()))
                        .append(", duration: '")
                        .append(duration)
                        .append("s' },\n");
            }
            if (points.size() == 1) {
                js.append("        { target: ")
                        .append(Math.round(points.get(0).rps()))
                        .append(", duration: '1s' },\n");
            }
            js.append("      ],\n").append("    },\n");
        }
        js.append("  },\n").append("};\n");
        for (LoadProfile.ServiceLoad s : profile.services()) {
            String env = s.service().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
            String constant = "url_" + scenario(s.service());
            js.append("\nconst ")
                    .append(constant)
                    .append(" = __ENV['")
                    .append(env)
                    .append("'] || `${BASE_URL}/")
                    .append(s.service())
                    .append("`;\n\n")
                    .append("export function ")
                    .append(function(s.service()))
                    .append("() {\n")
                    .append("  const res = http.get(")
                    .append(constant)
                    .append(", { tags: { service: '")
                    .append(s.service())
                    .append("' } });\n")
                    .append("  check(res, { 'status is 2xx': (r) => r.status >= 200 && r.status < 300 });\n")
                    .append("}\n");
        }
        return js.toString();
    }

    /** {@code usage_metering}: a scenario name. */
    private static String scenario(String service) {
        return service.replace('-', '_');
    }

    /**
     * {@code hit_usage_metering}: the scenario's exec function. A DNS-1123 label maps one to one
     * onto {@code [a-z0-9_]}, and the prefix keeps it clear of JavaScript's reserved words, digits
     * first and this script's own names ({@code http}, {@code check}, {@code options}).
     */
    static String function(String service) {
        return "hit_" + scenario(service);
    }
}
