package io.scaleplan.bench;

import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import java.util.Locale;

/**
 * The estate as a plan on the class path, for the command line: its size comes from the system
 * property {@code scaleplan.bench.services} or the environment variable
 * {@code SCALEPLAN_BENCH_SERVICES} (default 10), the seed from {@code scaleplan.bench.seed} /
 * {@code SCALEPLAN_BENCH_SEED}, and {@code scaleplan.bench.changed} / {@code SCALEPLAN_BENCH_CHANGED}
 * = {@code true} changes one service.
 */
public final class SyntheticEstate implements PlanDefinition {

    @Override
    public ScalingPlan define() {
        int services = Integer.parseInt(setting("scaleplan.bench.services", "10"));
        long seed = Long.parseLong(setting("scaleplan.bench.seed", Long.toString(Estate.DEFAULT_SEED)));
        boolean changed = Boolean.parseBoolean(setting("scaleplan.bench.changed", "false"));
        return Estate.plan(Estate.shape(services, seed), changed);
    }

    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
