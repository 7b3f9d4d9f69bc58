package io.scaleplan.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A PostgreSQL server of the plan: its major version, the instance it is tuned for, its workload,
 * read replicas, settings, indexes and maintenance. By default it is a Bitnami {@code postgresql}
 * release; {@link Builder#inChart(String)} puts it inside the team's chart and {@link
 * Builder#managed(ManagedService, String)} at a provider, each getting only the outputs that apply
 * there (see {@link Hosting}). The default instance is declared with {@link
 * ScalingPlan.Builder#postgres(java.util.function.Consumer)}, further ones by name with {@link
 * ScalingPlan.Builder#postgres(String, java.util.function.Consumer)}:
 *
 * <pre>{@code
 * .postgres(pg -> pg
 *         .release("postgresql")
 *         .workload(Workload.OLTP)
 *         .storage(StorageType.SSD)
 *         .requests(cores(2), gib(8))
 *         .limits(cores(4), gib(16))        // tuned for 4 vCPUs and 16 GiB
 *         .readReplicas(3)
 *         .maxConnections(500)
 *         .index("idx_usage_events_tenant_date", "usage_events", "tenant_id", "created_at")
 *         .vacuumAnalyze("usage_events"))
 * }</pre>
 *
 * compiles to {@code helm/postgresql-values.yaml} ({@code readReplicas.replicaCount}, {@code
 * primary.extendedConfiguration}, {@code primary.resources}) and to {@code sql/10-settings.sql}:
 *
 * <pre>
 * -- max_connections: stated at io/scaleplan/arka/Production.java:71
 * ALTER SYSTEM SET max_connections = '500';
 *
 * -- shared_buffers: derived from memory 16GB, workload oltp
 * ALTER SYSTEM SET shared_buffers = '4GB';
 * ...
 * SELECT pg_reload_conf();
 * </pre>
 *
 * plus {@code sql/20-indexes.sql}, {@code sql/30-maintenance.sql} and {@code sql/checks.sql}.
 *
 * <p>Settings the plan does not state are derived for Linux with <b>PgTune 2026</b>
 * (le0pard/pgtune HEAD 7caef27): the classic formulas (commit e2c7f39) with the 2026 rework over
 * them, which adds NVMe storage and the database size against memory as inputs, caps
 * maintenance_work_mem at 8GB, floors work_mem at 4MB, and derives huge_pages, jit,
 * wal_compression, the autovacuum settings and, on 18, io_method/io_workers. The inputs are the
 * instance (vCPUs, memory, storage), the {@link Workload}, the {@link DatabaseSize} and a stated
 * {@code max_connections}; a stated setting wins over the derived one. Each line of {@code
 * 10-settings.sql} says whether it was stated (and where) or derived (and from what).
 *
 * @param release the Helm release of the Bitnami chart ({@code postgresql})
 * @param majorVersion the PostgreSQL major version, {@value #OLDEST_MAJOR} to {@value #NEWEST_MAJOR}
 * @param instance what the server is tuned for
 * @param workload PgTune's DB type
 * @param databaseSize the database's size against memory
 * @param readReplicas streaming read replicas (Bitnami {@code readReplicas.replicaCount})
 * @param settings the settings the plan states, in the order stated, each parameter once
 * @param indexes indexes to build concurrently, names unique
 * @param vacuumAnalyze tables to {@code VACUUM (ANALYZE)}, in order
 * @param resources the primary's (and each read replica's) requests and limits
 * @param source where {@code postgres(...)} was called
 * @param name the instance's name, for a plan with several; empty for the plan's default instance
 *     ({@code postgres(spec)}), whose outputs keep the paths of a plan with one
 * @param hosting where the server lives: a Bitnami release (the default), the team's chart, or a
 *     managed service; {@link #release()} is meaningful for a Bitnami release only
 */
public record Postgres(
        String release,
        int majorVersion,
        PostgresInstance instance,
        Workload workload,
        DatabaseSize databaseSize,
        int readReplicas,
        List<PgSetting.Value> settings,
        List<Index> indexes,
        List<TableName> vacuumAnalyze,
        Resources resources,
        SourceLocation source,
        Optional<String> name,
        Hosting hosting) {

    /** The oldest major version scaleplan tunes for. */
    public static final int OLDEST_MAJOR = 13;
    /** The newest major version scaleplan tunes for. */
    public static final int NEWEST_MAJOR = 18;
    /** The default major version: the one the Bitnami chart ships. */
    public static final int DEFAULT_MAJOR = 17;
    /** The default Helm release name. */
    public static final String DEFAULT_RELEASE = "postgresql";

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Postgres {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(databaseSize, "databaseSize");
        settings = List.copyOf(settings);
        indexes = List.copyOf(indexes);
        vacuumAnalyze = List.copyOf(vacuumAnalyze);
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hosting, "hosting");
        if (!Names.isDns1123Label(release)) {
            throw new IllegalArgumentException("not a valid release name: " + Names.show(release));
        }
        name.ifPresent(n -> {
            if (!Names.isDns1123Label(n)) {
                throw new IllegalArgumentException("not a valid instance name: " + Names.show(n));
            }
        });
        if (hosting instanceof Hosting.Managed m && m.service().engine() != ManagedService.Engine.POSTGRES) {
            throw new IllegalArgumentException(m.service() + " is not a PostgreSQL service");
        }
        if (majorVersion < OLDEST_MAJOR || majorVersion > NEWEST_MAJOR) {
            throw new IllegalArgumentException("unsupported PostgreSQL major version: " + majorVersion);
        }
        if (readReplicas < 0) {
            throw new IllegalArgumentException("readReplicas must not be negative: " + readReplicas);
        }
        Set<String> names = new HashSet<>();
        for (PgSetting.Value v : settings) {
            if (!names.add(v.key().name())) {
                throw new IllegalArgumentException(
                        "setting stated twice: " + v.key().name());
            }
            v.key().problem(v.value(), majorVersion).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        Set<String> indexNames = new HashSet<>();
        for (Index i : indexes) {
            if (!indexNames.add(i.table().schema().orElse("") + "." + i.name())) {
                throw new IllegalArgumentException("index declared twice: " + i.name());
            }
        }
    }

    /** The plan's only (default) PostgreSQL, in a Bitnami release: the record as it was before instances had names. */
    public Postgres(
            String release,
            int majorVersion,
            PostgresInstance instance,
            Workload workload,
            DatabaseSize databaseSize,
            int readReplicas,
            List<PgSetting.Value> settings,
            List<Index> indexes,
            List<TableName> vacuumAnalyze,
            Resources resources,
            SourceLocation source) {
        this(
                release,
                majorVersion,
                instance,
                workload,
                databaseSize,
                readReplicas,
                settings,
                indexes,
                vacuumAnalyze,
                resources,
                source,
                Optional.empty(),
                Hosting.BITNAMI);
    }

    /** Whether the server is a Bitnami release scaleplan writes an overlay for. */
    public boolean isBitnami() {
        return hosting instanceof Hosting.Bitnami;
    }

    /** The plan element of this server: {@code postgres}, or {@code postgres orders} for a named one. */
    public PlanElement element(PlanElement plan) {
        return name.map(plan::postgres).orElseGet(plan::postgres);
    }

    /** How outputs name it: {@code PostgreSQL}, or {@code PostgreSQL orders}. */
    public String title() {
        return name.map(n -> "PostgreSQL " + n).orElse("PostgreSQL");
    }

    /** This server with {@code value} stated in place of any value of the same parameter: an event phase's change. */
    public Postgres withSetting(PgSetting.Value value) {
        List<PgSetting.Value> changed = new java.util.ArrayList<>();
        for (PgSetting.Value v : settings) {
            if (v.key() != value.key()) {
                changed.add(v);
            }
        }
        changed.add(value);
        return new Postgres(
                release,
                majorVersion,
                instance,
                workload,
                databaseSize,
                readReplicas,
                changed,
                indexes,
                vacuumAnalyze,
                resources,
                source,
                name,
                hosting);
    }

    /** The value the plan states for {@code key}, if it states one. */
    public <T> Optional<T> stated(PgSetting<T> key) {
        for (PgSetting.Value v : settings) {
            if (v.key() == key) {
                @SuppressWarnings("unchecked")
                T value = (T) v.value();
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Builds the PostgreSQL part of a plan. Every method checks its argument where it is called;
     * the plan's {@code build()} fails listing every problem.
     */
    public static final class Builder {
        private final Problems problems;
        private final PlanElement element;
        private final SourceLocation source;
        private final PodResources resources;
        private String release = DEFAULT_RELEASE;
        private int majorVersion = DEFAULT_MAJOR;
        private Integer vcpus;
        private Memory memory;
        private SourceLocation instanceAt;
        private StorageType storage = StorageType.SSD;
        private Workload workload = Workload.WEB;
        private DatabaseSize databaseSize = DatabaseSize.ABOUT_MEMORY;
        private int readReplicas;
        private SourceLocation replicasAt;
        private final Map<String, PgSetting.Value> settings = new LinkedHashMap<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<TableName> vacuum = new ArrayList<>();
        private final String name;
        private final HostingChoice hosting;
        private SourceLocation releaseAt;

        Builder(Problems problems, String planName, SourceLocation source) {
            this(problems, planName, null, source);
        }

        Builder(Problems problems, String planName, String name, SourceLocation source) {
            this.problems = problems;
            this.name = name;
            PlanElement plan = PlanElement.plan(planName);
            this.element = name == null ? plan.postgres() : plan.postgres(name);
            this.source = source;
            this.resources = new PodResources(problems, element);
            this.hosting = new HostingChoice(problems, element, ManagedService.Engine.POSTGRES);
            if (name != null && Names.isDns1123Label(name)) {
                this.release = name;
            }
        }

        /**
         * The Helm release of the Bitnami {@code postgresql} chart; default {@code postgresql}, or
         * the instance's name for a named one. Only for a Bitnami release: not with {@link
         * #inChart(String)} or {@link #managed(ManagedService, String)}.
         */
        public Builder release(String name) {
            problems.requireLabel(element, "Helm release", name);
            this.release = name;
            this.releaseAt = SourceLocation.capture();
            return this;
        }

        /**
         * The server is a workload of the team's own chart ({@code orders-db}), not a Bitnami
         * release: scaleplan writes no overlay and no {@code helm upgrade} for it, and its {@code
         * 10-settings.sql} sets each setting with {@code ALTER SYSTEM} (a file in the data
         * directory, {@code postgresql.auto.conf}), then reloads, listing what needs a restart.
         */
        public Builder inChart(String workload) {
            hosting.inChart(workload, true);
            return this;
        }

        /**
         * The server is a managed service ({@code managed(ManagedService.AWS_RDS, "orders-prod")}):
         * scaleplan writes the parameter values to set in its parameter group, flags or server
         * parameters ({@code parameters.conf}), never {@code ALTER SYSTEM} (RDS refuses it) or a
         * Helm release. Tuned for {@link #instance(int, Memory)}, the instance class's vCPUs and
         * memory.
         */
        public Builder managed(ManagedService service, String identifier) {
            hosting.managed(service, identifier);
            return this;
        }

        /**
         * The PostgreSQL major version, {@value Postgres#OLDEST_MAJOR} to {@value
         * Postgres#NEWEST_MAJOR}; default {@value Postgres#DEFAULT_MAJOR}, as the Bitnami chart
         * ships. It decides which settings exist and need a restart.
         */
        public Builder majorVersion(int major) {
            if (major < OLDEST_MAJOR || major > NEWEST_MAJOR) {
                problems.errorHere(
                        RuleId.INVALID_POSTGRES_VERSION,
                        element,
                        "PostgreSQL major version must be " + OLDEST_MAJOR + " to " + NEWEST_MAJOR + ", was " + major);
            } else {
                this.majorVersion = major;
            }
            return this;
        }

        /**
         * The machine PostgreSQL is tuned for, when the primary has no resource limits: {@code
         * instance(8, gib(32))}. With limits, leave it out (the limits are the instance); a stated
         * instance that disagrees with them is an error.
         */
        public Builder instance(int vcpus, Memory memory) {
            Objects.requireNonNull(memory, "memory");
            instanceAt = SourceLocation.capture();
            if (vcpus < 1 || vcpus > PostgresInstance.MAX_VCPUS) {
                problems.errorHere(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        "instance vCPUs must be 1 to " + PostgresInstance.MAX_VCPUS + " (max_parallel_workers' limit),"
                                + " was " + vcpus);
            }
            checkMemory(memory, "instance memory");
            this.vcpus = vcpus;
            this.memory = memory;
            return this;
        }

        private boolean checkMemory(Memory m, String what) {
            if (m.compareTo(PostgresInstance.MIN_MEMORY) < 0) {
                problems.errorHere(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        what + " must be at least 512Mi (PgTune's minimum), was " + m);
                return false;
            }
            if (m.bytes() % 1024 != 0) {
                problems.errorHere(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        what + " must be a whole number of KiB, was " + m.bytes() + " bytes");
                return false;
            }
            if (m.compareTo(PostgresInstance.MAX_MEMORY) > 0) {
                problems.errorHere(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        what + " must be at most 4Ti (derived settings stay in the server's ranges), was " + m);
                return false;
            }
            return true;
        }

        /** The storage the data lives on; default {@link StorageType#SSD}. */
        public Builder storage(StorageType type) {
            this.storage = Objects.requireNonNull(type, "type");
            return this;
        }

        /** What the server mostly does; default {@link Workload#WEB}. */
        public Builder workload(Workload workload) {
            this.workload = Objects.requireNonNull(workload, "workload");
            return this;
        }

        /** The database's size against memory; default {@link DatabaseSize#ABOUT_MEMORY}. */
        public Builder databaseSize(DatabaseSize size) {
            this.databaseSize = Objects.requireNonNull(size, "size");
            return this;
        }

        /** Streaming read replicas (Bitnami {@code readReplicas.replicaCount}); default 0. */
        public Builder readReplicas(int count) {
            if (count < 0) {
                problems.errorHere(
                        RuleId.INVALID_TUNING_INPUT, element, "readReplicas must be at least 0, was " + count);
            }
            this.readReplicas = count;
            this.replicasAt = SourceLocation.capture();
            return this;
        }

        /** The primary's (and each read replica's) CPU and memory requests. */
        public Builder requests(Cpu cpu, Memory memory) {
            resources.requests(cpu, memory);
            return this;
        }

        /**
         * The primary's (and each read replica's) CPU and memory limits. They are also the instance
         * PostgreSQL is tuned for: memory as is, CPUs as whole cores rounded down.
         */
        public Builder limits(Cpu cpu, Memory memory) {
            resources.limits(cpu, memory);
            return this;
        }

        /**
         * States a setting; it wins over the derived one. The value is checked against the server's
         * range and the target major version:
         * {@code set(PgSetting.EFFECTIVE_IO_CONCURRENCY, 256)}.
         */
        public <T> Builder set(PgSetting<T> key, T value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, key.name());
            SourceLocation at = SourceLocation.capture();
            PgSetting.Value first = settings.get(key.name());
            if (first != null) {
                problems.error(
                        RuleId.INVALID_PG_SETTING,
                        element,
                        key.name() + " is stated twice (first at " + first.source() + ")",
                        at);
                return this;
            }
            settings.put(key.name(), new PgSetting.Value(key, value, at));
            return this;
        }

        /**
         * The escape hatch for a parameter without a typed key: {@code setting("log_min_duration_statement",
         * "500ms")}. The name must be spelled like a parameter and the value may not hold quotes,
         * backslashes or control characters; the server checks the rest when the script runs.
         */
        public Builder setting(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (!PgSetting.isParameterName(name)) {
                problems.errorHere(
                        RuleId.INVALID_PG_SETTING,
                        element,
                        "setting name " + Names.show(name)
                                + " is not a PostgreSQL parameter name (lower-case letters, digits and '_', optionally"
                                + " prefixed by an extension name and '.')");
                return this;
            }
            if (PgSetting.byName(name).isPresent()) {
                problems.errorHere(
                        RuleId.INVALID_PG_SETTING,
                        element,
                        name + " has a typed key: use set(PgSetting." + name.toUpperCase(java.util.Locale.ROOT)
                                + ", ...) instead of setting(\"" + name + "\", ...)");
                return this;
            }
            return set(PgSetting.custom(name), value);
        }

        /** {@code max_connections}: also PgTune's "connections" input, so work_mem follows it. */
        public Builder maxConnections(int connections) {
            return set(PgSetting.MAX_CONNECTIONS, connections);
        }

        /** {@code shared_buffers}. Needs a restart. */
        public Builder sharedBuffers(Memory memory) {
            return set(PgSetting.SHARED_BUFFERS, memory);
        }

        /** {@code effective_cache_size}. */
        public Builder effectiveCacheSize(Memory memory) {
            return set(PgSetting.EFFECTIVE_CACHE_SIZE, memory);
        }

        /** {@code work_mem}: memory per sort or hash step. */
        public Builder workMem(Memory memory) {
            return set(PgSetting.WORK_MEM, memory);
        }

        /** {@code maintenance_work_mem}. */
        public Builder maintenanceWorkMem(Memory memory) {
            return set(PgSetting.MAINTENANCE_WORK_MEM, memory);
        }

        /** {@code random_page_cost}. */
        public Builder randomPageCost(double cost) {
            return set(PgSetting.RANDOM_PAGE_COST, cost);
        }

        /**
         * An index built with {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}: {@code
         * index("idx_usage_events_tenant_date", "usage_events", "tenant_id", "created_at")}. The
         * table may be schema-qualified ({@code billing.usage_events}).
         */
        public Builder index(String name, String table, String... columns) {
            Objects.requireNonNull(columns, "columns");
            SourceLocation at = SourceLocation.capture();
            boolean ok = true;
            Optional<String> nameProblem = SqlNames.problem("index name", name);
            if (nameProblem.isPresent()) {
                problems.error(RuleId.INVALID_SQL_IDENTIFIER, element, nameProblem.get(), at);
                ok = false;
            }
            Optional<TableName> parsed = TableName.parse(table, problems, RuleId.INVALID_SQL_IDENTIFIER, element);
            ok &= parsed.isPresent();
            if (columns.length == 0) {
                problems.error(RuleId.INVALID_INDEX, element, "index " + Names.show(name) + " names no columns", at);
                ok = false;
            }
            Set<String> seen = new HashSet<>();
            for (String c : columns) {
                Optional<String> p = SqlNames.problem("column", c);
                if (p.isPresent()) {
                    problems.error(RuleId.INVALID_SQL_IDENTIFIER, element, p.get(), at);
                    ok = false;
                } else if (!seen.add(c)) {
                    problems.error(
                            RuleId.INVALID_INDEX,
                            element,
                            "index " + Names.show(name) + " names column " + Names.show(c) + " twice",
                            at);
                    ok = false;
                }
            }
            if (!ok) {
                return this;
            }
            for (Index existing : indexes) {
                if (existing.name().equals(name)
                        && existing.table().schema().equals(parsed.get().schema())) {
                    problems.error(
                            RuleId.INVALID_INDEX,
                            element,
                            "index " + Names.show(name) + " is declared twice (first at " + existing.source() + ")",
                            at);
                    return this;
                }
            }
            indexes.add(new Index(name, parsed.get(), Arrays.asList(columns), at));
            return this;
        }

        /** Tables to {@code VACUUM (ANALYZE)} in {@code sql/30-maintenance.sql}, in this order. */
        public Builder vacuumAnalyze(String... tables) {
            for (String t : tables) {
                TableName.parse(t, problems, RuleId.INVALID_SQL_IDENTIFIER, element)
                        .ifPresent(name -> {
                            if (vacuum.contains(name)) {
                                problems.errorHere(
                                        RuleId.INVALID_INDEX, element, "table " + Names.show(t) + " is vacuumed twice");
                            } else {
                                vacuum.add(name);
                            }
                        });
            }
            return this;
        }

        /** Whole-object checks, then the instance; records problems, returns it when they allow. */
        boolean check() {
            boolean ok = true;
            ok &= hosting.check(
                    release,
                    releaseAt,
                    readReplicas > 0 ? "readReplicas(" + readReplicas + ")" : null,
                    "replicas",
                    replicasAt,
                    !resources.build().isEmpty(),
                    resources.source(),
                    ": give instance(vcpus, memory), its instance class");
            for (PgSetting.Value v : settings.values()) {
                Optional<String> p = v.key().problem(v.value(), majorVersion);
                if (p.isPresent()) {
                    problems.error(RuleId.INVALID_PG_SETTING, element, p.get(), v.source());
                    ok = false;
                }
            }
            Optional<Memory> limitMemory = resources.memoryLimit();
            if (limitMemory.isPresent()) {
                if (!checkMemoryAt(limitMemory.get(), "memory limit (the instance's memory)", resources.source())) {
                    ok = false;
                }
                if (memory != null && !memory.equals(limitMemory.get())) {
                    problems.error(
                            RuleId.INSTANCE_DISAGREES_WITH_LIMITS,
                            element,
                            "instance memory " + memory + " disagrees with the primary's memory limit "
                                    + limitMemory.get() + ": the limit is what PostgreSQL gets",
                            instanceAt);
                    ok = false;
                }
                Optional<Integer> limitCpus = resources.cpuLimit().flatMap(PostgresInstance::vcpusOf);
                if (limitCpus.isPresent() && limitCpus.get() > PostgresInstance.MAX_VCPUS) {
                    problems.error(
                            RuleId.INVALID_TUNING_INPUT,
                            element,
                            "CPU limit " + resources.cpuLimit().get() + " is more than " + PostgresInstance.MAX_VCPUS
                                    + " cores (max_parallel_workers' limit)",
                            resources.source());
                    ok = false;
                }
                if (vcpus != null && !limitCpus.equals(Optional.of(vcpus))) {
                    problems.error(
                            RuleId.INSTANCE_DISAGREES_WITH_LIMITS,
                            element,
                            "instance vCPUs " + vcpus + " disagree with the primary's CPU limit "
                                    + resources.cpuLimit().map(Cpu::toString).orElse("(none)")
                                    + " (" + limitCpus.map(String::valueOf).orElse("no whole core") + ")",
                            instanceAt);
                    ok = false;
                }
            } else if (memory == null) {
                problems.error(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        "no instance to tune for: give limits(cpu, memory) for the primary or instance(vcpus, memory)",
                        source);
                ok = false;
            }
            if (workload == Workload.DESKTOP && readReplicas > 0) {
                problems.error(
                        RuleId.REPLICAS_WITH_DESKTOP,
                        element,
                        readReplicas + " read replicas with workload desktop, whose tuning sets wal_level = minimal and"
                                + " max_wal_senders = 0: replicas could not stream",
                        replicasAt);
                ok = false;
            }
            return ok;
        }

        private boolean checkMemoryAt(Memory m, String what, SourceLocation at) {
            if (m.compareTo(PostgresInstance.MIN_MEMORY) < 0
                    || m.bytes() % 1024 != 0
                    || m.compareTo(PostgresInstance.MAX_MEMORY) > 0) {
                problems.error(
                        RuleId.INVALID_TUNING_INPUT,
                        element,
                        what + " must be a whole number of KiB from 512Mi (PgTune's minimum) to 4Ti, was " + m,
                        at);
                return false;
            }
            return true;
        }

        SourceLocation source() {
            return source;
        }

        Optional<String> name() {
            return Optional.ofNullable(name);
        }

        Postgres build() {
            PostgresInstance instance = resources.memoryLimit().isPresent()
                    ? new PostgresInstance(
                            resources.cpuLimit().flatMap(PostgresInstance::vcpusOf),
                            resources.memoryLimit().get(),
                            storage,
                            true)
                    : new PostgresInstance(Optional.of(vcpus), memory, storage, false);
            return new Postgres(
                    release,
                    majorVersion,
                    instance,
                    workload,
                    databaseSize,
                    readReplicas,
                    List.copyOf(settings.values()),
                    indexes,
                    vacuum,
                    resources.build(),
                    source,
                    Optional.ofNullable(name),
                    hosting.get());
        }
    }
}
