package io.scaleplan.compiler.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.compiler.resolve.PgTune.Os;
import io.scaleplan.dsl.DatabaseSize;
import io.scaleplan.dsl.StorageType;
import io.scaleplan.dsl.Workload;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * PgTune's worked examples (pgtune-formulas.md section 6), as section 6.9 adjusts them for the
 * current (2026) algorithm: the full expected output, line by line, in PgTune's order.
 */
class PgTuneTest {

    private static List<String> tune(
            int version, Os os, Workload db, long memoryKb, Integer cpus, Integer connections, StorageType storage) {
        return tune(version, os, db, memoryKb, cpus, connections, storage, DatabaseSize.ABOUT_MEMORY);
    }

    private static List<String> tune(
            int version,
            Os os,
            Workload db,
            long memoryKb,
            Integer cpus,
            Integer connections,
            StorageType storage,
            DatabaseSize size) {
        return PgTune.tune(new PgTune.Inputs(
                        version,
                        os,
                        db,
                        memoryKb,
                        cpus == null ? OptionalInt.empty() : OptionalInt.of(cpus),
                        connections == null ? OptionalInt.empty() : OptionalInt.of(connections),
                        storage,
                        size))
                .stream()
                .map(s -> s.name() + " = " + s.value())
                .toList();
    }

    private static final long GB = 1_048_576;

    @Test
    void example_6_1_pg16_linux_web_16gb_8cpus_ssd() {
        assertThat(tune(16, Os.LINUX, Workload.WEB, 16 * GB, 8, null, StorageType.SSD))
                .containsExactly(
                        "max_connections = 200",
                        "shared_buffers = 4GB",
                        "effective_cache_size = 12GB",
                        "maintenance_work_mem = 1GB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "effective_io_concurrency = 200",
                        "work_mem = 20164kB",
                        "huge_pages = try",
                        "jit = off",
                        "wal_compression = lz4",
                        "min_wal_size = 1GB",
                        "max_wal_size = 4GB",
                        "max_worker_processes = 8",
                        "max_parallel_workers_per_gather = 4",
                        "max_parallel_workers = 8",
                        "max_parallel_maintenance_workers = 4");
    }

    @Test
    void example_6_2_pg15_linux_oltp_64gb_16cpus_500conns_san() {
        assertThat(tune(15, Os.LINUX, Workload.OLTP, 64 * GB, 16, 500, StorageType.SAN))
                .containsExactly(
                        "max_connections = 500",
                        "shared_buffers = 16GB",
                        "effective_cache_size = 48GB",
                        "maintenance_work_mem = 4GB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "effective_io_concurrency = 300",
                        "work_mem = 32513kB",
                        "huge_pages = try",
                        "jit = off",
                        "wal_compression = lz4",
                        "autovacuum_max_workers = 4",
                        "autovacuum_work_mem = 2GB",
                        "min_wal_size = 2GB",
                        "max_wal_size = 8GB",
                        "max_worker_processes = 16",
                        "max_parallel_workers_per_gather = 4",
                        "max_parallel_workers = 16",
                        "max_parallel_maintenance_workers = 4");
    }

    @Test
    void example_6_3_pg14_windows_dw_32gb_12cpus_hdd() {
        assertThat(tune(14, Os.WINDOWS, Workload.DATA_WAREHOUSE, 32 * GB, 12, null, StorageType.HDD))
                .containsExactly(
                        "max_connections = 40",
                        "shared_buffers = 8GB",
                        "effective_cache_size = 24GB",
                        "maintenance_work_mem = 2047MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 500",
                        "random_page_cost = 4",
                        "work_mem = 80659kB",
                        "huge_pages = try",
                        "wal_compression = on",
                        "min_wal_size = 4GB",
                        "max_wal_size = 16GB",
                        "max_worker_processes = 12",
                        "max_parallel_workers_per_gather = 6",
                        "max_parallel_workers = 12",
                        "max_parallel_maintenance_workers = 4");
    }

    @Test
    void example_6_4_pg13_mac_desktop_4gb_2cpus_ssd() {
        assertThat(tune(13, Os.MAC, Workload.DESKTOP, 4 * GB, 2, null, StorageType.SSD))
                .containsExactly(
                        "max_connections = 20",
                        "shared_buffers = 256MB",
                        "effective_cache_size = 1GB",
                        "maintenance_work_mem = 256MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 7864kB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "work_mem = 7801kB",
                        "huge_pages = off",
                        "wal_compression = on",
                        "min_wal_size = 100MB",
                        "max_wal_size = 2GB",
                        "wal_level = minimal",
                        "max_wal_senders = 0");
    }

    @Test
    void example_6_5_pg17_linux_mixed_8gb_4cpus_hdd() {
        assertThat(tune(17, Os.LINUX, Workload.MIXED, 8 * GB, 4, null, StorageType.HDD))
                .containsExactly(
                        "max_connections = 100",
                        "shared_buffers = 2GB",
                        "effective_cache_size = 6GB",
                        "maintenance_work_mem = 512MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 4",
                        "effective_io_concurrency = 2",
                        "work_mem = 10082kB",
                        "huge_pages = try",
                        "jit = off",
                        "wal_compression = lz4",
                        "min_wal_size = 1GB",
                        "max_wal_size = 4GB",
                        "max_worker_processes = 4",
                        "max_parallel_workers_per_gather = 2",
                        "max_parallel_workers = 4",
                        "max_parallel_maintenance_workers = 2");
    }

    @Test
    void example_6_6_pg10_linux_oltp_2gb_6cpus_50conns_ssd() {
        assertThat(tune(10, Os.LINUX, Workload.OLTP, 2 * GB, 6, 50, StorageType.SSD))
                .containsExactly(
                        "max_connections = 50",
                        "shared_buffers = 512MB",
                        "effective_cache_size = 1536MB",
                        "maintenance_work_mem = 128MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "effective_io_concurrency = 200",
                        "work_mem = 9362kB",
                        "huge_pages = off",
                        "wal_compression = on",
                        "min_wal_size = 2GB",
                        "max_wal_size = 8GB",
                        "max_worker_processes = 6",
                        "max_parallel_workers_per_gather = 3",
                        "max_parallel_workers = 6");
    }

    @Test
    void example_6_7_pg12_windows_web_768mb_ssd() {
        assertThat(tune(12, Os.WINDOWS, Workload.WEB, 768 * 1024, null, null, StorageType.SSD))
                .containsExactly(
                        "max_connections = 200",
                        "shared_buffers = 192MB",
                        "effective_cache_size = 576MB",
                        "maintenance_work_mem = 48MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 5898kB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "work_mem = 4MB",
                        "huge_pages = off",
                        "jit = off",
                        "wal_compression = on",
                        "min_wal_size = 1GB",
                        "max_wal_size = 4GB");
    }

    @Test
    void example_6_8_pg16_linux_desktop_512mb_1000conns_hdd() {
        assertThat(tune(16, Os.LINUX, Workload.DESKTOP, 512 * 1024, null, 1000, StorageType.HDD))
                .containsExactly(
                        "max_connections = 1000",
                        "shared_buffers = 32MB",
                        "effective_cache_size = 128MB",
                        "maintenance_work_mem = 32MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 983kB",
                        "default_statistics_target = 100",
                        "random_page_cost = 4",
                        "effective_io_concurrency = 2",
                        "work_mem = 4MB",
                        "huge_pages = off",
                        "wal_compression = lz4",
                        "min_wal_size = 100MB",
                        "max_wal_size = 2GB",
                        "wal_level = minimal",
                        "max_wal_senders = 0");
    }

    @Test
    void head_only_pg18_windows_dw_128gb_40cpus_nvme_larger_than_memory() {
        assertThat(tune(
                        18,
                        Os.WINDOWS,
                        Workload.DATA_WAREHOUSE,
                        128 * GB,
                        40,
                        null,
                        StorageType.NVME,
                        DatabaseSize.LARGER_THAN_MEMORY))
                .containsExactly(
                        "max_connections = 40",
                        "shared_buffers = 32GB",
                        "effective_cache_size = 96GB",
                        "maintenance_work_mem = 8GB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 500",
                        "random_page_cost = 4",
                        "work_mem = 188743kB",
                        "huge_pages = try",
                        "wal_compression = lz4",
                        "autovacuum_max_workers = 5",
                        "autovacuum_work_mem = 2GB",
                        "io_method = worker",
                        "io_workers = 10",
                        "min_wal_size = 4GB",
                        "max_wal_size = 16GB",
                        "max_worker_processes = 40",
                        "max_parallel_workers_per_gather = 20",
                        "max_parallel_workers = 40",
                        "max_parallel_maintenance_workers = 4");
    }

    @Test
    void head_only_pg18_linux_web_32gb_32cpus_nvme_smaller_than_memory() {
        assertThat(tune(
                        18,
                        Os.LINUX,
                        Workload.WEB,
                        32 * GB,
                        32,
                        null,
                        StorageType.NVME,
                        DatabaseSize.SMALLER_THAN_MEMORY))
                .containsExactly(
                        "max_connections = 200",
                        "shared_buffers = 8GB",
                        "effective_cache_size = 24GB",
                        "maintenance_work_mem = 2GB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "effective_io_concurrency = 1000",
                        "work_mem = 47004kB",
                        "huge_pages = try",
                        "jit = off",
                        "wal_compression = lz4",
                        "autovacuum_max_workers = 5",
                        "autovacuum_work_mem = 2GB",
                        "io_method = io_uring",
                        "min_wal_size = 1GB",
                        "max_wal_size = 4GB",
                        "max_worker_processes = 32",
                        "max_parallel_workers_per_gather = 4",
                        "max_parallel_workers = 32",
                        "max_parallel_maintenance_workers = 4");
    }

    @Test
    void memoryTextUsesTheLargestExactUnitOf1024() {
        assertThat(PgTune.memory(4_194_304)).isEqualTo("4GB");
        assertThat(PgTune.memory(1_572_864)).isEqualTo("1536MB");
        assertThat(PgTune.memory(2_096_128)).isEqualTo("2047MB");
        assertThat(PgTune.memory(20_164)).isEqualTo("20164kB");
    }
}
