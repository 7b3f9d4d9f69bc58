package io.scaleplan.compiler.emit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.PgSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of the DSL's {@link PgSetting} catalogue against a running server's {@code pg_settings}. */
final class PgCatalogue {
    /** Enum values a server has only when built --with-lz4, --with-zstd or --with-liburing. */
    private static final Map<String, Set<String>> BUILD_OPTION_VALUES =
            Map.of("wal_compression", Set.of("lz4", "zstd"), "io_method", Set.of("io_uring"));

    private PgCatalogue() {}

    /** Checks every key's restart flag against pg_settings.context; returns the names checked. */
    static List<String> restartTable(Connection c, int major) throws SQLException {
        Map<String, String> context = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, context FROM pg_settings")) {
            while (rs.next()) {
                context.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> checked = new ArrayList<>();
        for (PgSetting<?> key : PgSetting.all()) {
            if (key.existsIn(major)) {
                assertThat(context).as("pg_settings has %s", key).containsKey(key.name());
                assertThat(key.requiresRestart(major))
                        .as("%s: context %s", key, context.get(key.name()))
                        .isEqualTo(context.get(key.name()).equals("postmaster"));
                checked.add(key.name());
            } else {
                assertThat(context).as("PostgreSQL %d has no %s", major, key).doesNotContainKey(key.name());
            }
        }
        return checked;
    }

    /** Checks every key's type, range and values against pg_settings. */
    static void ranges(Connection c, int major) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT vartype, unit, min_val, max_val, enumvals FROM pg_settings WHERE name = ?")) {
            for (PgSetting<?> key : PgSetting.all()) {
                if (!key.existsIn(major)) {
                    continue;
                }
                st.setString(1, key.name());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    String type = rs.getString(1);
                    switch (key.kind()) {
                        case INTEGER -> {
                            assertThat(type).as(key.name()).isEqualTo("integer");
                            assertThat(rs.getString(2)).as(key.name()).isNull();
                            assertThat(Long.parseLong(rs.getString(3)))
                                    .as(key.name())
                                    .isEqualTo(key.min());
                            assertThat(Long.parseLong(rs.getString(4)))
                                    .as(key.name())
                                    .isEqualTo(key.max());
                        }
                        case MEMORY -> {
                            assertThat(type).as(key.name()).isEqualTo("integer");
                            long unitKb =
                                    switch (rs.getString(2)) {
                                        case "kB" -> 1;
                                        case "8kB" -> 8;
                                        case "MB" -> 1024;
                                        default -> throw new AssertionError(key + " unit " + rs.getString(2));
                                    };
                            long serverMin = Long.parseLong(rs.getString(3));
                            // -1 means "derive it" (wal_buffers, autovacuum_work_mem); a Memory is never negative.
                            if (serverMin != -1) {
                                assertThat(serverMin * unitKb)
                                        .as(key.name() + " min kB")
                                        .isEqualTo(key.min());
                            }
                            assertThat(Long.parseLong(rs.getString(4)) * unitKb)
                                    .as(key.name() + " max kB")
                                    .isEqualTo(key.max());
                        }
                        case REAL -> assertThat(type).as(key.name()).isEqualTo("real");
                        case BOOLEAN -> assertThat(type).as(key.name()).isEqualTo("bool");
                        case ENUM -> {
                            assertThat(type).as(key.name()).isEqualTo("enum");
                            Set<String> values =
                                    Set.of((String[]) rs.getArray(5).getArray());
                            Set<String> ours = new HashSet<>(key.values(major));
                            assertThat(ours).as(key.name()).containsAll(values);
                            // values that exist only in servers built with an option (zonky's are built without)
                            ours.removeAll(values);
                            assertThat(ours)
                                    .as(key.name() + " values this server lacks")
                                    .isSubsetOf(BUILD_OPTION_VALUES.getOrDefault(key.name(), Set.of()));
                        }
                        case CUSTOM -> throw new AssertionError("a typed key is never custom: " + key);
                    }
                }
            }
        }
    }
}
