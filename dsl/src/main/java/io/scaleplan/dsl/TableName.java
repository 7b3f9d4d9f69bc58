package io.scaleplan.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * A table, optionally in a schema: {@code usage_events} or {@code billing.usage_events}. Without a
 * schema the server's {@code search_path} finds it, as in the runbook's SQL.
 *
 * @param schema the schema, if named
 * @param name the table's name
 */
public record TableName(Optional<String> schema, String name) {

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        schema.ifPresent(s -> SqlNames.problem("schema", s).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        }));
        SqlNames.problem("table", name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Parses {@code table} or {@code schema.table}; empty (and a diagnostic recorded) when invalid. */
    static Optional<TableName> parse(String text, Problems problems, RuleId ruleId, PlanElement element) {
        if (text == null) {
            problems.errorHere(ruleId, element, "table name is null");
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        Optional<String> schema = dot < 0 ? Optional.empty() : Optional.of(text.substring(0, dot));
        String name = dot < 0 ? text : text.substring(dot + 1);
        Optional<String> problem =
                schema.flatMap(s -> SqlNames.problem("schema", s)).or(() -> SqlNames.problem("table", name));
        if (problem.isPresent()) {
            problems.errorHere(ruleId, element, problem.get());
            return Optional.empty();
        }
        return Optional.of(new TableName(schema, name));
    }

    /** {@code schema.name} or {@code name}, unquoted, for messages. */
    @Override
    public String toString() {
        return schema.map(s -> s + ".").orElse("") + name;
    }
}
