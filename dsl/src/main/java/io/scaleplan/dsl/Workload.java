package io.scaleplan.dsl;

import java.util.Locale;

/**
 * What a PostgreSQL server mostly does, PgTune's "DB type". It picks the share of memory given to
 * caches, the WAL sizes, the statistics target and the connection default when the plan states
 * none.
 */
public enum Workload {
    /** Web application: many short reads and writes (PgTune {@code web}; 200 connections). */
    WEB("web"),
    /** Online transaction processing: many small writes (PgTune {@code oltp}; 300 connections). */
    OLTP("oltp"),
    /** Data warehouse: few large analytical queries (PgTune {@code dw}; 40 connections). */
    DATA_WAREHOUSE("dw"),
    /**
     * A developer's desktop (PgTune {@code desktop}; 20 connections). Its tuning sets {@code
     * wal_level = minimal}, which turns off streaming replication, so it cannot have read replicas.
     */
    DESKTOP("desktop"),
    /** A mix of the above (PgTune {@code mixed}; 100 connections). */
    MIXED("mixed");

    private final String pgtuneName;

    Workload(String pgtuneName) {
        this.pgtuneName = pgtuneName;
    }

    /** The name PgTune gives this workload: {@code web}, {@code oltp}, {@code dw}, ... */
    public String pgtuneName() {
        return pgtuneName;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
