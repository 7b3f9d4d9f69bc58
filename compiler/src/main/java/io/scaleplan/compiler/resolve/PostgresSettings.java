package io.scaleplan.compiler.resolve;

import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import java.util.List;
import java.util.Objects;

/**
 * The settings a plan's PostgreSQL runs with, each with its reason ({@link Tuning.Tuned#origin()}),
 * and the typed values the connection budget needs. The numbers come from the model (the stated
 * value, or PgTune's default for the workload), never from rendered text.
 *
 * @param postgres the plan's PostgreSQL
 * @param all every setting the chart's configuration carries, in order
 * @param maxConnections the primary's max_connections, stated or derived
 * @param superuserReserved superuser_reserved_connections, stated or PostgreSQL's default
 * @param reservedConnections reserved_connections (16+), stated or 0
 */
public record PostgresSettings(
        Postgres postgres, List<Tuning.Tuned> all, int maxConnections, int superuserReserved, int reservedConnections) {

    /** Superuser-reserved connections when the plan does not state them (PostgreSQL's default). */
    public static final int DEFAULT_SUPERUSER_RESERVED = 3;

    public PostgresSettings {
        Objects.requireNonNull(postgres, "postgres");
        all = List.copyOf(all);
    }

    /** The settings of {@code pg}. */
    public static PostgresSettings of(Postgres pg) {
        return new PostgresSettings(
                pg,
                Tuning.settings(pg),
                pg.stated(PgSetting.MAX_CONNECTIONS).orElseGet(() -> PgTune.defaultConnections(pg.workload())),
                statedInt(pg, "superuser_reserved_connections", DEFAULT_SUPERUSER_RESERVED),
                statedInt(pg, "reserved_connections", 0));
    }

    /** A stated integer setting that has no typed key: the plan's own value. */
    private static int statedInt(Postgres pg, String name, int otherwise) {
        int value = otherwise;
        for (PgSetting.Value v : pg.settings()) {
            if (v.key().name().equals(name)) {
                value = v.value() instanceof Integer i
                        ? i
                        : Integer.parseInt(v.value().toString());
            }
        }
        return value;
    }

    /** The settings that take effect only after a restart (context {@code postmaster}). */
    public List<Tuning.Tuned> restartRequired() {
        return all.stream()
                .filter(t -> t.requiresRestart(postgres.majorVersion()).orElse(false))
                .toList();
    }
}
