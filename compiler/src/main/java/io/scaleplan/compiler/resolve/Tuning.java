package io.scaleplan.compiler.resolve;

import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.PostgresInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings a plan's PostgreSQL gets: PgTune's derived ones, each replaced by the plan's stated
 * value where it states one, then the stated settings PgTune does not derive, in the order stated.
 *
 * <p>Where PgTune prefers a value that some PostgreSQL builds lack ({@link #PORTABLE}: {@code
 * wal_compression = lz4}, {@code io_method = io_uring}), the derived setting carries the value every
 * build has instead, with PgTune's preference in its origin: the chart's configuration
 * (postgresql.conf) owns every setting, a server cannot choose among values there, and a value its
 * build lacks would stop it from starting. {@link PgTune#tune} keeps PgTune's own choice, which the
 * reference comparison checks; a plan that states {@code lz4} gets it, checked by the preflight of
 * {@code 10-settings.sql} like any other stated value.
 */
public final class Tuning {

    /**
     * One emitted setting.
     *
     * @param name the parameter
     * @param value the value as PostgreSQL reads it
     * @param origin where it came from: {@code stated at File.java:12} or the derivation
     * @param key the typed key, empty for a custom setting
     * @param typed the value as the key's type ({@link Integer}, {@link Memory} in whole kB, {@link
     *     Double}, {@link Boolean}, {@link String}); empty for a custom setting
     */
    public record Tuned(String name, String value, String origin, Optional<PgSetting<?>> key, Optional<Object> typed) {
        /**
         * Whether it needs a restart on {@code major}: the typed key's flag, else the context real
         * servers report ({@link PgSettingsTable}); empty for a parameter that is not built in
         * (an extension's, such as {@code pg_stat_statements.max}).
         */
        public Optional<Boolean> requiresRestart(int major) {
            return key.map(k -> k.requiresRestart(major)).or(() -> PgSettingsTable.requiresRestart(major, name));
        }

        /** Whether PgTune derived it (the plan does not state it). */
        public boolean derived() {
            return origin.startsWith("derived ");
        }
    }

    /**
     * A value PgTune prefers that a build may lack, and the value every build has.
     *
     * @param name the parameter
     * @param preferred PgTune's choice
     * @param portable what the chart's configuration carries unless the plan states otherwise
     * @param why the reason, as the origin of the setting says it
     */
    record Portable(String name, String preferred, String portable, String why) {}

    static final List<Portable> PORTABLE = List.of(
            new Portable("wal_compression", "lz4", "pglz", "which a build without lz4 lacks"),
            new Portable("io_method", "io_uring", "worker", "which a build without liburing lacks"));

    private Tuning() {}

    /** The value the chart's configuration carries for PgTune's {@code value} of {@code name}. */
    public static String portable(String name, String value) {
        return PORTABLE.stream()
                .filter(p -> p.name().equals(name) && p.preferred().equals(value))
                .map(Portable::portable)
                .findFirst()
                .orElse(value);
    }

    /** The inputs PgTune sees for {@code pg}: Linux, the instance, the workload, stated max_connections. */
    public static PgTune.Inputs inputs(Postgres pg) {
        PostgresInstance instance = pg.instance();
        return new PgTune.Inputs(
                pg.majorVersion(),
                PgTune.Os.LINUX,
                pg.workload(),
                instance.memory().bytes() / 1024,
                instance.vcpus().map(OptionalInt::of).orElse(OptionalInt.empty()),
                pg.stated(PgSetting.MAX_CONNECTIONS).map(OptionalInt::of).orElse(OptionalInt.empty()),
                instance.storage(),
                pg.databaseSize());
    }

    /** Every setting to emit, in order. */
    public static List<Tuned> settings(Postgres pg) {
        Map<String, Tuned> out = new LinkedHashMap<>();
        for (PgTune.Setting s : PgTune.tune(inputs(pg))) {
            Optional<Portable> portable = PORTABLE.stream()
                    .filter(p -> p.name().equals(s.name()) && p.preferred().equals(s.value()))
                    .findFirst();
            String value = portable.map(Portable::portable).orElse(s.value());
            String origin = "derived from " + s.from()
                    + portable.map(p -> "; PgTune prefers " + p.preferred() + ", " + p.why() + ": state " + p.name()
                                    + " " + p.preferred() + " in the plan for a server built with it")
                            .orElse("");
            Optional<PgSetting<?>> key = PgSetting.byName(s.name()).map(k -> k);
            out.put(s.name(), new Tuned(s.name(), value, origin, key, key.map(k -> derived(k, value))));
        }
        for (PgSetting.Value v : pg.settings()) {
            String name = v.key().name();
            Optional<PgSetting<?>> key = PgSetting.byName(name).map(k -> k);
            out.put(
                    name,
                    new Tuned(
                            name,
                            PgSql.value(v.key(), v.value()),
                            "stated at " + v.source(),
                            key,
                            key.map(k -> stated(k, v.value()))));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * PgTune's value as the key's type: the one place its text is read back, so that no consumer
     * parses a setting's text. PgTune writes memory in whole kB ({@code 4GB}, {@code 20164kB}).
     */
    private static Object derived(PgSetting<?> key, String text) {
        return switch (key.kind()) {
            case INTEGER -> Integer.valueOf(text);
            case MEMORY -> new Memory(kilobytes(text) * 1024);
            case REAL -> Double.valueOf(text);
            case BOOLEAN -> text.equals("on");
            case ENUM, CUSTOM -> text;
        };
    }

    /** A stated value as the chart's configuration carries it: memory in whole kB. */
    private static Object stated(PgSetting<?> key, Object value) {
        return key.kind() == PgSetting.Kind.MEMORY ? new Memory(((Memory) value).bytes() / 1024 * 1024) : value;
    }

    private static long kilobytes(String text) {
        if (text.endsWith("GB")) {
            return Long.parseLong(text.substring(0, text.length() - 2)) << 20;
        }
        if (text.endsWith("MB")) {
            return Long.parseLong(text.substring(0, text.length() - 2)) << 10;
        }
        if (text.endsWith("kB")) {
            return Long.parseLong(text.substring(0, text.length() - 2));
        }
        throw new IllegalArgumentException("not PgTune's memory text: " + text);
    }
}
