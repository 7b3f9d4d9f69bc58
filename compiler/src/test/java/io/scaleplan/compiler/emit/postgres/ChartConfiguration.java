package io.scaleplan.compiler.emit.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The chart's path of a setting, on a real server, as the Bitnami postgresql chart lays it out:
 * {@code primary.extendedConfiguration} becomes {@code conf.d/override.conf}, included by
 * postgresql.conf ({@code include_dir}); the server reloads it.
 */
public final class ChartConfiguration {
    private ChartConfiguration() {}

    /** The overlay's {@code primary.extendedConfiguration}. */
    public static String extendedConfiguration(String overlay) throws IOException {
        JsonNode values = new YAMLMapper().readTree(overlay);
        return values.at("/primary/extendedConfiguration").asText();
    }

    /** Writes {@code conf} as the server's {@code conf.d/override.conf} and reloads. */
    public static void apply(Connection c, String conf) throws SQLException, IOException {
        Path data = Path.of(show(c, "data_directory"));
        Path config = Path.of(show(c, "config_file"));
        Files.createDirectories(data.resolve("conf.d"));
        Files.writeString(data.resolve("conf.d/override.conf"), conf, StandardCharsets.UTF_8);
        if (!Files.readString(config).contains("include_dir = 'conf.d'")) {
            Files.writeString(config, "\ninclude_dir = 'conf.d'\n", StandardOpenOption.APPEND);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static String show(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
