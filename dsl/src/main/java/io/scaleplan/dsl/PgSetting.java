package io.scaleplan.dsl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A typed key for one PostgreSQL server parameter: its name, the Java type of its value, the range
 * the server accepts, the major versions that have it and whether changing it needs a restart.
 * Use the constants with {@link Postgres.Builder#set(PgSetting, Object)}, so a misspelled name or a
 * value of the wrong type fails javac, and a value outside the server's range is a diagnostic:
 *
 * <pre>{@code
 * pg.set(PgSetting.WORK_MEM, mib(64))
 *   .set(PgSetting.RANDOM_PAGE_COST, 1.1)
 *   .set(PgSetting.JIT, false)
 *   .set(PgSetting.HUGE_PAGES, "try")
 * }</pre>
 *
 * <p>Ranges are {@code pg_settings.min_val}/{@code max_val} of PostgreSQL 17 and 18, which agree
 * for these keys (memory in kB, the unit PostgreSQL's {@code kB} means: 1024 bytes); tests check
 * them, and {@link #requiresRestart(int)}, against real 17 and 18 servers. For
 * parameters without a key, {@link Postgres.Builder#setting(String, String)} is the checked escape
 * hatch.
 *
 * @param <T> the value type: {@link Integer}, {@link Memory}, {@link Double}, {@link Boolean} or
 *     {@link String} (for enumerated values)
 */
public final class PgSetting<T> {

    /** How a value is typed and written. */
    public enum Kind {
        /** A whole number. */
        INTEGER,
        /** A {@link Memory} amount, written with PostgreSQL's units ({@code 4GB}, {@code 20164kB}). */
        MEMORY,
        /** A floating-point number. */
        REAL,
        /** {@code on} or {@code off}. */
        BOOLEAN,
        /** One of a closed set of words. */
        ENUM,
        /** A parameter scaleplan has no key for: text, checked but not typed. */
        CUSTOM
    }

    /** Marks a parameter that needs a restart in every supported version. */
    private static final int ALWAYS = Integer.MAX_VALUE;
    /** Marks a parameter a reload (or a new session) applies. */
    private static final int NEVER = 0;

    private static final Map<String, PgSetting<?>> KNOWN = new LinkedHashMap<>();
    private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /** Connections the server accepts at once (PgTune's "connections"). Restart. */
    public static final PgSetting<Integer> MAX_CONNECTIONS = integer("max_connections", 1, 262_143, ALWAYS);
    /** Memory for PostgreSQL's own page cache (PgTune: a quarter of memory). Restart. */
    public static final PgSetting<Memory> SHARED_BUFFERS = memory("shared_buffers", 128, 8_589_934_584L, ALWAYS);
    /** The planner's estimate of the OS and PostgreSQL caches together (PgTune: three quarters of memory). */
    public static final PgSetting<Memory> EFFECTIVE_CACHE_SIZE =
            memory("effective_cache_size", 8, 17_179_869_176L, NEVER);
    /** Memory for VACUUM, CREATE INDEX and ALTER TABLE ADD FOREIGN KEY. */
    public static final PgSetting<Memory> MAINTENANCE_WORK_MEM =
            memory("maintenance_work_mem", 64, 2_147_483_647L, NEVER);
    /** Memory per sort or hash step of a query, before it spills to disk. */
    public static final PgSetting<Memory> WORK_MEM = memory("work_mem", 64, 2_147_483_647L, NEVER);
    /** Shared memory for WAL not yet written (PgTune: 3 % of shared_buffers, at most 16MB). Restart. */
    public static final PgSetting<Memory> WAL_BUFFERS = memory("wal_buffers", 8, 2_097_144, ALWAYS);
    /** WAL kept for reuse, at least. */
    public static final PgSetting<Memory> MIN_WAL_SIZE = memory("min_wal_size", 2 * 1024, 2_147_483_647L * 1024, NEVER);
    /** WAL written between automatic checkpoints, at most. */
    public static final PgSetting<Memory> MAX_WAL_SIZE = memory("max_wal_size", 2 * 1024, 2_147_483_647L * 1024, NEVER);
    /** The share of the checkpoint interval over which a checkpoint's writes are spread (0 to 1). */
    public static final PgSetting<Double> CHECKPOINT_COMPLETION_TARGET =
            real("checkpoint_completion_target", 0, 1, NEVER);
    /** How detailed ANALYZE's statistics are (1 to 10000). */
    public static final PgSetting<Integer> DEFAULT_STATISTICS_TARGET =
            integer("default_statistics_target", 1, 10_000, NEVER);
    /** The planner's cost of a random page read against a sequential one (1.0). */
    public static final PgSetting<Double> RANDOM_PAGE_COST = real("random_page_cost", 0, Double.MAX_VALUE, NEVER);
    /** Concurrent disk reads one session may issue (0 to 1000). */
    public static final PgSetting<Integer> EFFECTIVE_IO_CONCURRENCY =
            integer("effective_io_concurrency", 0, 1000, NEVER);
    /** Background worker processes, parallel workers included. Restart. */
    public static final PgSetting<Integer> MAX_WORKER_PROCESSES = integer("max_worker_processes", 0, 262_143, ALWAYS);
    /** Parallel workers one Gather node may use. */
    public static final PgSetting<Integer> MAX_PARALLEL_WORKERS_PER_GATHER =
            integer("max_parallel_workers_per_gather", 0, 1024, NEVER);
    /** Parallel workers the whole server may use at once. */
    public static final PgSetting<Integer> MAX_PARALLEL_WORKERS = integer("max_parallel_workers", 0, 1024, NEVER);
    /** Parallel workers one CREATE INDEX or VACUUM may use. */
    public static final PgSetting<Integer> MAX_PARALLEL_MAINTENANCE_WORKERS =
            integer("max_parallel_maintenance_workers", 0, 1024, NEVER);
    /** Whether shared memory uses huge pages: {@code off}, {@code on} or {@code try}. Restart. */
    public static final PgSetting<String> HUGE_PAGES = enumerated("huge_pages", List.of("off", "on", "try"), ALWAYS);
    /** Whether queries are JIT-compiled (PgTune turns it off for short-query workloads). */
    public static final PgSetting<Boolean> JIT = bool("jit", NEVER);
    /**
     * WAL compression: {@code off}, {@code on}, and from PostgreSQL 15 {@code pglz}, {@code lz4} or
     * {@code zstd}.
     */
    public static final PgSetting<String> WAL_COMPRESSION =
            enumerated("wal_compression", List.of("off", "on", "pglz", "lz4", "zstd"), NEVER);
    /** Autovacuum workers at once. Restart up to PostgreSQL 17; a reload from 18. */
    public static final PgSetting<Integer> AUTOVACUUM_MAX_WORKERS = integer("autovacuum_max_workers", 1, 262_143, 17);
    /** Memory per autovacuum worker (defaults to maintenance_work_mem). */
    public static final PgSetting<Memory> AUTOVACUUM_WORK_MEM =
            memory("autovacuum_work_mem", 1024, 2_147_483_647L, NEVER);
    /** How asynchronous I/O is done: {@code sync}, {@code worker} or {@code io_uring}. PostgreSQL 18+. Restart. */
    public static final PgSetting<String> IO_METHOD = enumerated(
                    "io_method", List.of("sync", "worker", "io_uring"), ALWAYS)
            .since(18);
    /** I/O worker processes when io_method is {@code worker} (1 to 32). PostgreSQL 18+. */
    public static final PgSetting<Integer> IO_WORKERS =
            integer("io_workers", 1, 32, NEVER).since(18);
    /** How much WAL records: {@code minimal}, {@code replica} or {@code logical}. Restart. */
    public static final PgSetting<String> WAL_LEVEL =
            enumerated("wal_level", List.of("minimal", "replica", "logical"), ALWAYS);
    /** WAL sender processes (streaming replicas and backups) at once. Restart. */
    public static final PgSetting<Integer> MAX_WAL_SENDERS = integer("max_wal_senders", 0, 262_143, ALWAYS);

    private final String name;
    private final Kind kind;
    private final long min;
    private final long max;
    private final double realMin;
    private final double realMax;
    private final List<String> values;
    private final int restartUpTo;
    private int sinceMajor = Postgres.OLDEST_MAJOR;

    private PgSetting(
            String name,
            Kind kind,
            long min,
            long max,
            double realMin,
            double realMax,
            List<String> values,
            int restartUpTo) {
        this.name = name;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.realMin = realMin;
        this.realMax = realMax;
        this.values = List.copyOf(values);
        this.restartUpTo = restartUpTo;
    }

    private static <T> PgSetting<T> register(PgSetting<T> setting) {
        KNOWN.put(setting.name, setting);
        return setting;
    }

    private static PgSetting<Integer> integer(String name, long min, long max, int restartUpTo) {
        return register(new PgSetting<>(name, Kind.INTEGER, min, max, 0, 0, List.of(), restartUpTo));
    }

    private static PgSetting<Memory> memory(String name, long minKb, long maxKb, int restartUpTo) {
        return register(new PgSetting<>(name, Kind.MEMORY, minKb, maxKb, 0, 0, List.of(), restartUpTo));
    }

    private static PgSetting<Double> real(String name, double min, double max, int restartUpTo) {
        return register(new PgSetting<>(name, Kind.REAL, 0, 0, min, max, List.of(), restartUpTo));
    }

    private static PgSetting<Boolean> bool(String name, int restartUpTo) {
        return register(new PgSetting<>(name, Kind.BOOLEAN, 0, 0, 0, 0, List.of(), restartUpTo));
    }

    private static PgSetting<String> enumerated(String name, List<String> values, int restartUpTo) {
        return register(new PgSetting<>(name, Kind.ENUM, 0, 0, 0, 0, values, restartUpTo));
    }

    private PgSetting<T> since(int major) {
        this.sinceMajor = major;
        return this;
    }

    /** A key for a parameter scaleplan does not know; its value is checked text. */
    static PgSetting<String> custom(String name) {
        return new PgSetting<>(name, Kind.CUSTOM, 0, 0, 0, 0, List.of(), NEVER);
    }

    /** Every typed key, in declaration order. */
    public static List<PgSetting<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(KNOWN.values()));
    }

    /** The typed key of the parameter {@code name}, if scaleplan has one. */
    public static Optional<PgSetting<?>> byName(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /** The parameter's name as {@code pg_settings.name} spells it. */
    public String name() {
        return name;
    }

    /** How the value is typed. */
    public Kind kind() {
        return kind;
    }

    /** The oldest major version that has this parameter. */
    public int sinceMajor() {
        return sinceMajor;
    }

    /** Whether major version {@code major} has this parameter. */
    public boolean existsIn(int major) {
        return major >= sinceMajor;
    }

    /**
     * Whether a changed value takes effect only after a server restart ({@code pg_settings.context
     * = 'postmaster'}) in major version {@code major}. Unknown (custom) parameters answer {@code
     * false}; the compiler lists them apart.
     */
    public boolean requiresRestart(int major) {
        return major <= restartUpTo;
    }

    /** The smallest value the server accepts: a count, or kB for memory. */
    public long min() {
        return min;
    }

    /** The largest value the server accepts: a count, or kB for memory. */
    public long max() {
        return max;
    }

    /** The words an enumerated parameter accepts in major version {@code major}. */
    public List<String> values(int major) {
        if (this == WAL_COMPRESSION && major < 15) {
            return List.of("off", "on");
        }
        return values;
    }

    /** Why {@code value} is not acceptable for this parameter on major version {@code major}, if it is not. */
    Optional<String> problem(Object value, int major) {
        Objects.requireNonNull(value, name);
        if (!existsIn(major)) {
            return Optional.of(name + " exists from PostgreSQL " + sinceMajor + ", the plan targets " + major);
        }
        return switch (kind) {
            case INTEGER -> {
                long v = (Integer) value;
                yield v < min || v > max
                        ? Optional.of(name + " must be between " + min + " and " + max + ", was " + v)
                        : Optional.empty();
            }
            case MEMORY -> {
                Memory m = (Memory) value;
                if (m.bytes() % Memory.KIB != 0) {
                    yield Optional.of(name + " must be a whole number of kB (1024 bytes), was " + m.bytes() + " bytes");
                }
                long kb = m.bytes() / Memory.KIB;
                yield kb < min || kb > max
                        ? Optional.of(name + " must be between " + min + "kB and " + max + "kB, was " + kb + "kB")
                        : Optional.empty();
            }
            case REAL -> {
                double v = (Double) value;
                yield !(v >= realMin && v <= realMax)
                        ? Optional.of(
                                name + " must be between " + plain(realMin) + " and " + plain(realMax) + ", was " + v)
                        : Optional.empty();
            }
            case BOOLEAN -> Optional.empty();
            case ENUM ->
                values(major).contains((String) value)
                        ? Optional.empty()
                        : Optional.of(name + " must be one of " + values(major) + " on PostgreSQL " + major + ", was "
                                + Names.show((String) value));
            case CUSTOM -> customValueProblem((String) value);
        };
    }

    private Optional<String> customValueProblem(String value) {
        for (char c : value.toCharArray()) {
            if (c == '\'' || c == '\\' || c < 0x20 || c == 0x7f) {
                return Optional.of("value of " + name + " " + Names.show(value)
                        + " contains a quote, backslash, newline or control character, which cannot be written"
                        + " safely into postgresql.conf and SQL");
            }
        }
        if (value.isEmpty() || value.length() > 1024) {
            return Optional.of("value of " + name + " must be 1 to 1024 characters, was " + value.length());
        }
        return Optional.empty();
    }

    /** Whether {@code name} is spelled like a PostgreSQL parameter ({@code a_b} or {@code ext.a_b}). */
    static boolean isParameterName(String name) {
        return name != null && name.length() <= 63 && CUSTOM_NAME.matcher(name).matches();
    }

    private static String plain(double v) {
        return v == Double.MAX_VALUE
                ? "1.79769e+308"
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * A parameter set to a value by the plan.
     *
     * @param key the parameter
     * @param value its value, of the key's type
     * @param source where the plan set it
     */
    public record Value(PgSetting<?> key, Object value, SourceLocation source) {
        /**
         * Checks every invariant and copies collections into unmodifiable ones. Plans use the
         * builders, which report a wrong value with its source line before it gets here.
         */
        public Value {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }
}
