package io.scaleplan.compiler.resolve;

import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.dsl.DatabaseSize;
import io.scaleplan.dsl.StorageType;
import io.scaleplan.dsl.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * PgTune's tuning, as le0pard/pgtune computes it today: {@link #GENERATION}. That is the classic
 * formulas (commit e2c7f39) with the 2026 rework applied over them: NVMe storage and the database
 * size against memory as inputs, an 8 GB maintenance_work_mem cap, a 4 MB work_mem floor, huge_pages
 * from shared_buffers, and the jit, wal_compression, autovacuum and (PostgreSQL 18) io_method /
 * io_workers lines. Values are in PgTune's text ({@code 4GB}, {@code 20164kB}, {@code 0.9}) and
 * order. Pure arithmetic in kB (1024 bytes) with IEEE doubles where PgTune's JavaScript divides.
 *
 * <p>Plans always tune for Linux; the other operating systems exist so that every worked example
 * of the reference can be checked.
 */
public final class PgTune {
    /** The PgTune generation implemented here. */
    public static final String GENERATION = "PgTune 2026 (le0pard/pgtune HEAD 7caef27)";

    private static final long GB = 1_048_576L;
    private static final long MB = 1024L;

    /** PgTune's "OS type". */
    public enum Os {
        LINUX,
        WINDOWS,
        MAC
    }

    /**
     * PgTune's inputs.
     *
     * @param dbVersion the PostgreSQL major version
     * @param os the operating system
     * @param workload the DB type
     * @param totalKb total memory in kB
     * @param cpus CPUs, if given
     * @param connections connections, if given
     * @param storage data storage
     * @param databaseSize DB size against RAM
     */
    public record Inputs(
            int dbVersion,
            Os os,
            Workload workload,
            long totalKb,
            OptionalInt cpus,
            OptionalInt connections,
            StorageType storage,
            DatabaseSize databaseSize) {
        public Inputs {
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(cpus, "cpus");
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(databaseSize, "databaseSize");
            if (totalKb < 1) {
                throw new IllegalArgumentException("total memory must be positive: " + totalKb + "kB");
            }
        }
    }

    /**
     * One derived setting.
     *
     * @param name the parameter
     * @param value PgTune's text for it
     * @param from the inputs it was derived from, for the emitted comment
     */
    public record Setting(String name, String value, String from) {}

    private PgTune() {}

    /** PgTune's settings for {@code in}, in PgTune's output order, lines it leaves out omitted. */
    public static List<Setting> tune(Inputs in) {
        Workload db = in.workload();
        boolean windowsOld = in.os() == Os.WINDOWS && in.dbVersion() <= 17;
        String mem = "memory " + memory(in.totalKb());
        String wl = "workload " + db.pgtuneName();
        String cpuText = "vCPUs " + (in.cpus().isPresent() ? in.cpus().getAsInt() : "not given");
        List<Setting> out = new ArrayList<>();

        int connections = in.connections().isPresent() && in.connections().getAsInt() > 0
                ? in.connections().getAsInt()
                : defaultConnections(db);
        out.add(new Setting(
                "max_connections",
                Integer.toString(connections),
                in.connections().isPresent() ? "stated max_connections" : "PgTune's default for " + wl));

        long sharedBuffers = db == Workload.DESKTOP ? in.totalKb() / 16 : in.totalKb() / 4;
        out.add(new Setting("shared_buffers", memory(sharedBuffers), mem + ", " + wl));

        long cache = db == Workload.DESKTOP ? in.totalKb() / 4 : in.totalKb() * 3 / 4;
        out.add(new Setting("effective_cache_size", memory(cache), mem + ", " + wl));

        long maintenance = db == Workload.DATA_WAREHOUSE ? in.totalKb() / 8 : in.totalKb() / 16;
        long cap = windowsOld ? 2 * GB : 8 * GB;
        if (maintenance >= cap) {
            maintenance = windowsOld ? 2 * GB - MB : cap;
        }
        out.add(new Setting("maintenance_work_mem", memory(maintenance), mem + ", " + wl));

        out.add(new Setting("checkpoint_completion_target", "0.9", "PgTune's constant"));

        long wal = 3 * sharedBuffers / 100;
        if (wal > 16 * MB) {
            wal = 16 * MB;
        }
        if (wal > 14 * MB && wal < 16 * MB) {
            wal = 16 * MB;
        }
        if (wal < 32) {
            wal = 32;
        }
        out.add(new Setting("wal_buffers", memory(wal), "3% of shared_buffers, at most 16MB"));

        out.add(new Setting("default_statistics_target", db == Workload.DATA_WAREHOUSE ? "500" : "100", wl));

        String randomPageCost;
        if (in.databaseSize() == DatabaseSize.SMALLER_THAN_MEMORY) {
            randomPageCost = "1.1";
        } else if (in.storage() == StorageType.HDD || db == Workload.DATA_WAREHOUSE) {
            randomPageCost = "4";
        } else {
            randomPageCost = "1.1";
        }
        out.add(new Setting(
                "random_page_cost",
                randomPageCost,
                "storage " + in.storage() + ", " + wl + ", database size " + in.databaseSize()));

        if (in.os() == Os.LINUX) {
            String concurrency =
                    switch (in.storage()) {
                        case HDD -> "2";
                        case SSD -> "200";
                        case SAN -> "300";
                        case NVME -> "1000";
                    };
            out.add(new Setting("effective_io_concurrency", concurrency, "storage " + in.storage()));
        }

        boolean parallel = in.cpus().isPresent() && in.cpus().getAsInt() >= 4;
        int cpus = in.cpus().orElse(0);
        int workers = parallel ? cpus : 8;
        double base = (double) (in.totalKb() - sharedBuffers) / ((connections + workers) * 3);
        long workMem =
                switch (db) {
                    case WEB, OLTP -> (long) Math.floor(base);
                    case DATA_WAREHOUSE, MIXED -> (long) Math.floor(base / 2);
                    case DESKTOP -> (long) Math.floor(base / 6);
                };
        if (in.databaseSize() == DatabaseSize.SMALLER_THAN_MEMORY) {
            workMem = (long) Math.floor(workMem * 1.3);
        } else if (in.databaseSize() == DatabaseSize.LARGER_THAN_MEMORY) {
            workMem = (long) Math.floor(workMem * 0.9);
        }
        if (workMem < 4 * MB) {
            workMem = 4 * MB;
        }
        if (windowsOld && workMem > 2 * GB - MB) {
            workMem = 2 * GB - MB;
        }
        out.add(new Setting(
                "work_mem",
                memory(workMem),
                mem + ", max_connections " + connections + ", " + cpuText + ", " + wl + ", database size "
                        + in.databaseSize()));

        boolean hugePages = in.os() != Os.MAC && sharedBuffers >= 2 * GB;
        out.add(new Setting("huge_pages", hugePages ? "try" : "off", "shared_buffers " + memory(sharedBuffers)));

        if (in.dbVersion() >= 12 && (db == Workload.WEB || db == Workload.OLTP || db == Workload.MIXED)) {
            out.add(new Setting("jit", "off", wl));
        }
        if (in.dbVersion() >= 15) {
            out.add(new Setting("wal_compression", "lz4", "PostgreSQL " + in.dbVersion()));
        } else if (in.dbVersion() >= 10) {
            out.add(new Setting("wal_compression", "on", "PostgreSQL " + in.dbVersion()));
        }
        if (cpus >= 32) {
            out.add(new Setting("autovacuum_max_workers", "5", cpuText));
        } else if (cpus >= 16) {
            out.add(new Setting("autovacuum_max_workers", "4", cpuText));
        }
        if (maintenance >= 2 * GB) {
            out.add(new Setting(
                    "autovacuum_work_mem",
                    windowsOld ? memory(2 * GB - MB) : memory(2 * GB),
                    "maintenance_work_mem " + memory(maintenance)));
        }
        if (in.dbVersion() >= 18) {
            boolean uring = in.os() == Os.LINUX;
            out.add(new Setting(
                    "io_method",
                    uring ? "io_uring" : "worker",
                    "PostgreSQL " + in.dbVersion() + " on " + in.os().name().toLowerCase(java.util.Locale.ROOT)));
            if (in.cpus().isPresent() && !uring) {
                int ioWorkers = Math.min(32, Math.max(3, in.cpus().getAsInt() / 4));
                if (ioWorkers > 3) {
                    out.add(new Setting("io_workers", Integer.toString(ioWorkers), cpuText));
                }
            }
        }

        long[] walSizes =
                switch (db) {
                    case WEB, MIXED -> new long[] {GB, 4 * GB};
                    case OLTP -> new long[] {2 * GB, 8 * GB};
                    case DATA_WAREHOUSE -> new long[] {4 * GB, 16 * GB};
                    case DESKTOP -> new long[] {100 * MB, 2 * GB};
                };
        out.add(new Setting("min_wal_size", memory(walSizes[0]), wl));
        out.add(new Setting("max_wal_size", memory(walSizes[1]), wl));

        if (parallel) {
            int perGather = (cpus + 1) / 2;
            if (db != Workload.DATA_WAREHOUSE) {
                perGather = Math.min(perGather, 4);
            }
            out.add(new Setting("max_worker_processes", Integer.toString(cpus), cpuText));
            out.add(new Setting("max_parallel_workers_per_gather", Integer.toString(perGather), cpuText + ", " + wl));
            if (in.dbVersion() >= 10) {
                out.add(new Setting("max_parallel_workers", Integer.toString(cpus), cpuText));
            }
            if (in.dbVersion() >= 11) {
                out.add(new Setting(
                        "max_parallel_maintenance_workers", Integer.toString(Math.min((cpus + 1) / 2, 4)), cpuText));
            }
        }
        if (db == Workload.DESKTOP) {
            out.add(new Setting("wal_level", "minimal", wl));
            out.add(new Setting("max_wal_senders", "0", wl));
        }
        return List.copyOf(out);
    }

    /** PgTune's max_connections for {@code workload} when the plan states none. */
    public static int defaultConnections(Workload workload) {
        return switch (workload) {
            case WEB -> 200;
            case OLTP -> 300;
            case DATA_WAREHOUSE -> 40;
            case DESKTOP -> 20;
            case MIXED -> 100;
        };
    }

    /** PgTune's memory text: {@code 4GB}, {@code 1536MB}, {@code 20164kB} (units of 1024). */
    public static String memory(long kb) {
        return PgSql.memory(kb);
    }
}
