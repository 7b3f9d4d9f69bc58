package io.scaleplan.dsl;

import java.util.Objects;

/**
 * Something outside the plan's services that holds PostgreSQL connections (a migration job, a BI
 * tool, pgbouncer's admin pool, the DBAs' psql sessions), counted in the connection budget.
 *
 * @param name what it is, for reports ({@code reporting-etl})
 * @param connections the most connections it opens at once
 * @param source where it was declared
 * @param database the PostgreSQL instance it connects to, by name; empty for the plan's default
 */
public record DatabaseClient(String name, int connections, SourceLocation source, java.util.Optional<String> database) {

    /** A client of the plan's default PostgreSQL. */
    public DatabaseClient(String name, int connections, SourceLocation source) {
        this(name, connections, source, java.util.Optional.empty());
    }

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public DatabaseClient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(database, "database");
        if (!Names.isDns1123Label(name)) {
            throw new IllegalArgumentException("not a valid client name: " + Names.show(name));
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1: " + connections);
        }
    }
}
