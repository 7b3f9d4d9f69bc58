package io.scaleplan.compiler.emit.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * {@code pg_reload_conf()} only signals the postmaster; backends re-read the configuration a little
 * later. Tests that read a reloaded setting wait, bounded, until {@code pg_conf_load_time()} of the
 * session has moved past the time before the script ran.
 */
final class ConfigReload {
    private ConfigReload() {}

    static Timestamp loadTime(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_conf_load_time()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** Waits up to 10 s for {@code c}'s backend to load a configuration newer than {@code before}. */
    static void await(Connection c, Timestamp before) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!loadTime(c).after(before)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not reload its configuration within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
