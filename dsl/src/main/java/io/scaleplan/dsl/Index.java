package io.scaleplan.dsl;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A B-tree index the plan wants, built with {@code CREATE INDEX CONCURRENTLY} so that writes to the
 * table go on while it is built. The index lives in its table's schema.
 *
 * @param name the index's name, unique in the schema ({@code idx_usage_events_tenant_date})
 * @param table the indexed table
 * @param columns the key columns, in order; at least one, none twice
 * @param source where {@code index(...)} was called
 */
public record Index(String name, TableName table, List<String> columns, SourceLocation source) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        Objects.requireNonNull(source, "source");
        SqlNames.problem("index name", name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no columns");
        }
        for (String c : columns) {
            SqlNames.problem("column", c).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("index " + name + " names a column twice: " + columns);
        }
    }
}
