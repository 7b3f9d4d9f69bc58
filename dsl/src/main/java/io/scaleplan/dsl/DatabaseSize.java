package io.scaleplan.dsl;

/**
 * How large the database is against the server's memory, PgTune's "DB size vs RAM" input. A
 * database that fits in memory is read from cache, so random reads cost little and each query may
 * sort in more memory; one far larger than memory is read from disk.
 */
public enum DatabaseSize {
    /** Smaller than memory (PgTune {@code less_ram}): random_page_cost 1.1, work_mem × 1.3. */
    SMALLER_THAN_MEMORY("less_ram"),
    /** About the size of memory (PgTune {@code mid_ram}, the default): no adjustment. */
    ABOUT_MEMORY("mid_ram"),
    /** Larger than memory (PgTune {@code greater_ram}): work_mem × 0.9. */
    LARGER_THAN_MEMORY("greater_ram");

    private final String pgtuneName;

    DatabaseSize(String pgtuneName) {
        this.pgtuneName = pgtuneName;
    }

    /** The name PgTune gives this input: {@code less_ram}, {@code mid_ram}, {@code greater_ram}. */
    public String pgtuneName() {
        return pgtuneName;
    }

    @Override
    public String toString() {
        return pgtuneName;
    }
}
