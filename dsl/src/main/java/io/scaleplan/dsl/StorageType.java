package io.scaleplan.dsl;

/**
 * The storage PostgreSQL's data lives on. It sets the planner's {@code random_page_cost} and the
 * {@code effective_io_concurrency} of PgTune's tuning.
 */
public enum StorageType {
    /** Solid-state disks (the default): random_page_cost 1.1, effective_io_concurrency 200. */
    SSD("ssd"),
    /** Spinning disks: random_page_cost 4, effective_io_concurrency 2. */
    HDD("hdd"),
    /** A storage area network: random_page_cost 1.1, effective_io_concurrency 300. */
    SAN("san"),
    /** NVMe disks: random_page_cost 1.1, effective_io_concurrency 1000. */
    NVME("nvme");

    private final String pgtuneName;

    StorageType(String pgtuneName) {
        this.pgtuneName = pgtuneName;
    }

    /** The name PgTune gives this storage: {@code ssd}, {@code hdd}, {@code san}, {@code nvme}. */
    public String pgtuneName() {
        return pgtuneName;
    }

    @Override
    public String toString() {
        return pgtuneName;
    }
}
