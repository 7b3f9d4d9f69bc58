package io.scaleplan.compiler.importer;

import com.palantir.javapoet.CodeBlock;
import io.scaleplan.compiler.importer.Code.Chain;
import io.scaleplan.compiler.importer.Estate.IndexFact;
import io.scaleplan.compiler.importer.Estate.Origin;
import io.scaleplan.compiler.importer.Estate.PostgresFacts;
import io.scaleplan.compiler.importer.Estate.Setting;
import io.scaleplan.compiler.resolve.PgTune;
import io.scaleplan.dsl.DatabaseSize;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.StorageType;
import io.scaleplan.dsl.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .postgres(...)} of the imported plan: the instance PostgreSQL is tuned for, PgTune's
 * inputs (from scaleplan's own script header, or the workload, storage and database size whose
 * derivation matches the most imported settings), and the settings to state: those a file marks as
 * stated and those that differ from what scaleplan derives, or all of them with {@code --stated}.
 */
final class PostgresBlock {
    private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern PG_MEMORY = Pattern.compile("(\\d+)\\s*(kB|MB|GB|TB)?");
    private static final Map<String, String> SHORTCUTS = Map.of(
            "max_connections", "maxConnections",
            "shared_buffers", "sharedBuffers",
            "effective_cache_size", "effectiveCacheSize",
            "work_mem", "workMem",
            "maintenance_work_mem", "maintenanceWorkMem",
            "random_page_cost", "randomPageCost");

    private final Estate estate;
    private final PostgresFacts pg;
    private final boolean statedAll;
    private final List<String> comments;
    private final Workload workload;
    private final StorageType storage;
    private final DatabaseSize size;
    private final int major;
    private final long memoryKb;
    private final OptionalInt vcpus;
    private final boolean instanceAssumed;
    private final List<Setting> stated = new ArrayList<>();

    private final boolean instanceRead;

    PostgresBlock(Estate estate, boolean statedAll) {
        this(estate, estate.postgres(), statedAll);
    }

    /** The block of {@code pg}, the default instance or a named one. */
    PostgresBlock(Estate estate, PostgresFacts pg, boolean statedAll) {
        this.estate = estate;
        this.pg = pg;
        this.statedAll = statedAll;
        this.comments = new ArrayList<>(pg.comments);
        this.major = pg.majorVersion == null ? Postgres.DEFAULT_MAJOR : pg.majorVersion.value();
        if (pg.resources.memoryLimit != null) {
            memoryKb = pg.resources.memoryLimit.value().bytes() / 1024;
            long cores = pg.resources.cpuLimit == null
                    ? 0
                    : pg.resources.cpuLimit.value().millicores() / 1000;
            vcpus = cores >= 1 ? OptionalInt.of((int) cores) : OptionalInt.empty();
            instanceAssumed = false;
            instanceRead = false;
        } else if (pg.vcpus != null && pg.memory != null && kb(pg.memory).isPresent()) {
            // scaleplan's own script names the machine the plan stated
            memoryKb = kb(pg.memory).get();
            vcpus = OptionalInt.of(pg.vcpus);
            instanceAssumed = false;
            instanceRead = true;
        } else {
            instanceRead = false;
            Optional<Long> shared = setting("shared_buffers").flatMap(PostgresBlock::kb);
            memoryKb = shared.map(kb -> kb * 4).filter(kb -> kb >= 512 * 1024).orElse(8L * 1024 * 1024);
            vcpus = OptionalInt.of(setting("max_worker_processes")
                    .flatMap(PostgresBlock::integer)
                    .filter(v -> v >= 1 && v <= 1024)
                    .orElse(2));
            instanceAssumed = true;
            String how = shared.isPresent() ? "four times shared_buffers, PgTune's rule" : "no file says";
            String where = pg.settings.isEmpty()
                    ? ""
                    : " (" + pg.settings.values().iterator().next().where() + ")";
            estate.warn(
                    where.isEmpty() ? "PostgreSQL" : where.substring(2, where.lastIndexOf(':')),
                    0,
                    0,
                    "no file gives PostgreSQL's resource limits: instance(" + vcpus.getAsInt() + ", "
                            + PgTune.memory(memoryKb) + ") is assumed (" + how + "); set it to the machine it runs on");
            comments.add(
                    "ASSUMED: no imported file gives PostgreSQL's limits or machine; instance(...) below is a guess"
                            + " (" + how + ") from which the settings not stated are derived: set it");
        }
        Inputs chosen = choose();
        this.workload = chosen.workload();
        this.storage = chosen.storage();
        this.size = chosen.size();
        Map<String, String> derived = derive(workload, storage, size);
        int same = 0;
        for (Setting s : pg.settings.values()) {
            String d = derived.get(s.name());
            boolean equal = d != null && same(s.name(), s.value(), d);
            boolean state = statedAll || s.origin() == Origin.STATED || !equal;
            if (state) {
                stated.add(s);
            } else {
                same++;
            }
        }
        if (same > 0) {
            estate.note(
                    "PostgreSQL",
                    0,
                    same + " settings equal what scaleplan derives (" + workload.pgtuneName() + ", " + storage + ", "
                            + size + ") and are left to it; --stated states them");
        }
    }

    private Optional<String> setting(String name) {
        return Optional.ofNullable(pg.settings.get(name)).map(Setting::value);
    }

    private record Inputs(Workload workload, StorageType storage, DatabaseSize size) {}

    /** PgTune's inputs: named by a scaleplan header, else those whose derivation matches the most settings. */
    private Inputs choose() {
        if (pg.workload != null && pg.storage != null && pg.databaseSize != null) {
            Optional<Workload> w = enumOf(Workload.values(), pg.workload, Workload::pgtuneName);
            Optional<StorageType> st = enumOf(StorageType.values(), pg.storage, StorageType::toString);
            Optional<DatabaseSize> ds = enumOf(DatabaseSize.values(), pg.databaseSize, DatabaseSize::toString);
            if (w.isPresent() && st.isPresent() && ds.isPresent()) {
                return new Inputs(w.get(), st.get(), ds.get());
            }
        }
        Inputs best = new Inputs(Workload.WEB, StorageType.SSD, DatabaseSize.ABOUT_MEMORY);
        int bestScore = score(best);
        for (Workload w : Workload.values()) {
            for (StorageType st : StorageType.values()) {
                for (DatabaseSize ds : DatabaseSize.values()) {
                    if (w == Workload.DESKTOP) {
                        continue;
                    }
                    Inputs candidate = new Inputs(w, st, ds);
                    int score = score(candidate);
                    if (score > bestScore) {
                        best = candidate;
                        bestScore = score;
                    }
                }
            }
        }
        return best;
    }

    private static <E> Optional<E> enumOf(E[] values, String text, java.util.function.Function<E, String> name) {
        for (E e : values) {
            if (name.apply(e).equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private int score(Inputs in) {
        Map<String, String> derived = derive(in.workload(), in.storage(), in.size());
        int score = 0;
        for (Setting s : pg.settings.values()) {
            String d = derived.get(s.name());
            if (d != null && same(s.name(), s.value(), d)) {
                score++;
            }
        }
        return score;
    }

    private Map<String, String> derive(Workload w, StorageType st, DatabaseSize ds) {
        OptionalInt connections = setting("max_connections")
                .flatMap(PostgresBlock::integer)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (PgTune.Setting s : PgTune.tune(
                    new PgTune.Inputs(major, PgTune.Os.LINUX, w, Math.max(1, memoryKb), vcpus, connections, st, ds))) {
                // what scaleplan derives is what the chart carries: pglz where PgTune prefers lz4
                out.put(s.name(), io.scaleplan.compiler.resolve.Tuning.portable(s.name(), s.value()));
            }
            // max_connections is an input: what scaleplan derives for it is PgTune's default, without it
            for (PgTune.Setting s : PgTune.tune(new PgTune.Inputs(
                    major, PgTune.Os.LINUX, w, Math.max(1, memoryKb), vcpus, OptionalInt.empty(), st, ds))) {
                if (s.name().equals("max_connections")) {
                    out.put(s.name(), s.value());
                }
            }
        } catch (IllegalArgumentException e) {
            // inputs PgTune rejects derive nothing: every setting is then stated
        }
        return out;
    }

    /** Whether two values of a setting mean the same to PostgreSQL. */
    static boolean same(String name, String a, String b) {
        Optional<PgSetting<?>> key = PgSetting.byName(name).map(k -> k);
        if (key.isPresent() && key.get().kind() == PgSetting.Kind.MEMORY) {
            return kb(a).isPresent() && kb(a).equals(kb(b));
        }
        if (key.isPresent() && key.get().kind() == PgSetting.Kind.BOOLEAN) {
            return bool(a).isPresent() && bool(a).equals(bool(b));
        }
        try {
            return new BigDecimal(a.strip()).compareTo(new BigDecimal(b.strip())) == 0;
        } catch (NumberFormatException e) {
            return a.strip().equalsIgnoreCase(b.strip());
        }
    }

    /** A PostgreSQL memory value in kB: {@code 4GB}, {@code 13797kB}, {@code 16MB}. */
    static Optional<Long> kb(String value) {
        Matcher m = PG_MEMORY.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "kB" : m.group(2);
        return Optional.of(
                switch (unit) {
                    case "MB" -> n * 1024;
                    case "GB" -> n * 1024 * 1024;
                    case "TB" -> n * 1024 * 1024 * 1024;
                    default -> n;
                });
    }

    static Optional<Boolean> bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> Optional.of(true);
            case "off", "false", "no", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> integer(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    List<String> comments() {
        return comments;
    }

    Chain chain(Code code) {
        Chain c = new Chain();
        if (pg.hosting == null) {
            c.call("release($S)", pg.release == null ? Postgres.DEFAULT_RELEASE : pg.release.value());
        } else if (pg.hosting.managed()) {
            c.call("managed($T.$L, $S)", PlanWriter.managedService(), pg.hosting.service(), pg.hosting.identifier());
        } else {
            c.call("inChart($S)", pg.hosting.workload());
        }
        if (major != Postgres.DEFAULT_MAJOR) {
            c.call("majorVersion($L)", major);
        }
        if (workload != Workload.WEB) {
            c.call("workload($T.$L)", DslTypes.WORKLOAD, workload.name());
        }
        if (storage != StorageType.SSD) {
            c.call("storage($T.$L)", DslTypes.STORAGE_TYPE, storage.name());
        }
        if (size != DatabaseSize.ABOUT_MEMORY) {
            c.call("databaseSize($T.$L)", DslTypes.DATABASE_SIZE, size.name());
        }
        PlanWriter.resources(c, pg.resources, code);
        if (instanceAssumed || instanceRead) {
            c.call("instance($L, $L)", vcpus.getAsInt(), code.memory(new Memory(memoryKb * 1024)));
        }
        if (pg.readReplicas != null && pg.readReplicas.value() > 0) {
            c.call("readReplicas($L)", pg.readReplicas.value());
        }
        for (Setting s : stated) {
            setting(c, code, s);
        }
        for (IndexFact i : pg.indexes) {
            CodeBlock.Builder args = CodeBlock.builder().add("$S, $S", i.name(), i.table());
            i.columns().forEach(col -> args.add(", $S", col));
            c.call("index($L)", args.build());
        }
        if (!pg.vacuumAnalyze.isEmpty()) {
            CodeBlock.Builder args = CodeBlock.builder();
            for (int n = 0; n < pg.vacuumAnalyze.size(); n++) {
                args.add(n == 0 ? "$S" : ", $S", pg.vacuumAnalyze.get(n));
            }
            c.call("vacuumAnalyze($L)", args.build());
        }
        return c;
    }

    private void setting(Chain c, Code code, Setting s) {
        Optional<PgSetting<?>> key = PgSetting.byName(s.name()).map(k -> k);
        if (key.isEmpty()) {
            if (!CUSTOM_NAME.matcher(s.name()).matches() || s.value().matches("(?s).*['\\\\\\p{Cntrl}].*")) {
                unsupported(c, s, "a value a plan cannot state safely");
                return;
            }
            c.call("setting($S, $S)", s.name(), s.value());
            return;
        }
        Optional<Object> typed = typed(key.get(), s.value());
        Optional<String> problem = typed.flatMap(v -> problem(key.get(), v, major));
        if (typed.isEmpty() || problem.isPresent()) {
            unsupported(c, s, problem.orElse("not a value of its type"));
            return;
        }
        Object v = typed.get();
        CodeBlock literal =
                switch (key.get().kind()) {
                    case MEMORY -> code.memory((Memory) v);
                    case INTEGER -> CodeBlock.of("$L", Code.number((Integer) v));
                    case REAL -> CodeBlock.of("$L", realLiteral((Double) v));
                    case BOOLEAN -> CodeBlock.of("$L", v);
                    default -> CodeBlock.of("$S", v);
                };
        String shortcut = SHORTCUTS.get(s.name());
        if (shortcut != null) {
            c.call("$L($L)", shortcut, literal);
        } else {
            c.call("set($T.$L, $L)", PlanWriter.pgSetting(), s.name().toUpperCase(Locale.ROOT), literal);
        }
    }

    private void unsupported(Chain c, Setting s, String why) {
        String where = s.where();
        int colon = where.lastIndexOf(':');
        estate.warn(
                colon > 0 ? where.substring(0, colon) : where,
                colon > 0 ? parse(where.substring(colon + 1)) : 0,
                0,
                "setting " + s.name() + " = '" + s.value() + "' is not imported: " + why + "; kept as a comment");
        c.comment(List.of(s.name() + " = '" + s.value() + "' (" + where + ") not imported: " + why));
    }

    private static int parse(String s) {
        return integer(s).orElse(0);
    }

    private static String realLiteral(double v) {
        String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Why the server would reject {@code value} for {@code key} on {@code major}, as the plan model checks it. */
    static Optional<String> problem(PgSetting<?> key, Object value, int major) {
        try {
            new Postgres(
                    Postgres.DEFAULT_RELEASE,
                    major,
                    new io.scaleplan.dsl.PostgresInstance(
                            Optional.of(1), io.scaleplan.dsl.Units.gib(1), StorageType.SSD, false),
                    Workload.WEB,
                    DatabaseSize.ABOUT_MEMORY,
                    0,
                    List.of(new PgSetting.Value(key, value, io.scaleplan.dsl.SourceLocation.UNKNOWN)),
                    List.of(),
                    List.of(),
                    io.scaleplan.dsl.Resources.NONE,
                    io.scaleplan.dsl.SourceLocation.UNKNOWN);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The value as the typed key takes it, or empty when it is not one. */
    static Optional<Object> typed(PgSetting<?> key, String value) {
        String v = value.strip();
        try {
            return switch (key.kind()) {
                case INTEGER -> Optional.of(Integer.parseInt(v));
                case MEMORY -> kb(v).map(kb -> new Memory(kb * 1024));
                case REAL -> Optional.of(Double.parseDouble(v));
                case BOOLEAN -> bool(v).map(b -> b);
                case ENUM -> Optional.of(v.toLowerCase(Locale.ROOT));
                case CUSTOM -> Optional.of(v);
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
