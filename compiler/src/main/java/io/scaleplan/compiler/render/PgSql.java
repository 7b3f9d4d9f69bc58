package io.scaleplan.compiler.render;

import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.PgSetting;
import io.scaleplan.dsl.TableName;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/** PostgreSQL text: identifiers quoted only when needed, and setting values in the server's units. */
public final class PgSql {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * The keywords that cannot be a table or column name unquoted: PostgreSQL's reserved ones and
     * those reserved except as function or type names ({@code pg_get_keywords()} catcode R and T; a
     * test compares this set with a real server's).
     */
    public static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "authorization",
            "binary",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "collation",
            "column",
            "concurrently",
            "constraint",
            "create",
            "cross",
            "current_catalog",
            "current_date",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "freeze",
            "from",
            "full",
            "grant",
            "group",
            "having",
            "ilike",
            "in",
            "initially",
            "inner",
            "intersect",
            "into",
            "is",
            "isnull",
            "join",
            "lateral",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "natural",
            "not",
            "notnull",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "outer",
            "overlaps",
            "placing",
            "primary",
            "references",
            "returning",
            "right",
            "select",
            "session_user",
            "similar",
            "some",
            "symmetric",
            "system_user",
            "table",
            "tablesample",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "verbose",
            "when",
            "where",
            "window",
            "with");

    private PgSql() {}

    /**
     * An identifier as SQL text: as is when PostgreSQL would read it back unchanged (lower case,
     * not a reserved word), else double-quoted. The DSL has already refused quotes and control
     * characters, so quoting never needs escapes.
     */
    public static String ident(String name) {
        if (name.indexOf('"') >= 0 || name.indexOf('\'') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unchecked identifier: " + name);
        }
        return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : "\"" + name + "\"";
    }

    /** A table as SQL text: {@code usage_events} or {@code billing.usage_events}. */
    public static String table(TableName table) {
        return table.schema().map(s -> ident(s) + ".").orElse("") + ident(table.name());
    }

    /** A string literal; the DSL has refused quotes, backslashes and control characters. */
    public static String literal(String text) {
        for (char c : text.toCharArray()) {
            if (c == '\'' || c == '\\' || c < 0x20) {
                throw new IllegalArgumentException("unchecked literal: " + text);
            }
        }
        return "'" + text + "'";
    }

    /** A stated value in PostgreSQL's text for the key's type: {@code 4GB}, {@code 1.1}, {@code off}. */
    public static String value(PgSetting<?> key, Object value) {
        return switch (key.kind()) {
            case INTEGER -> Integer.toString((Integer) value);
            case MEMORY -> memory(((Memory) value).bytes() / 1024);
            case REAL -> BigDecimal.valueOf((Double) value).stripTrailingZeros().toPlainString();
            case BOOLEAN -> (Boolean) value ? "on" : "off";
            case ENUM, CUSTOM -> (String) value;
        };
    }

    /** PostgreSQL's memory text as PgTune writes it: {@code 4GB}, {@code 1536MB}, {@code 20164kB} (units of 1024). */
    public static String memory(long kb) {
        long mb = 1024;
        long gb = mb * 1024;
        if (kb % gb == 0) {
            return kb / gb + "GB";
        }
        if (kb % mb == 0) {
            return kb / mb + "MB";
        }
        return kb + "kB";
    }
}
