package io.scaleplan.compiler.check;

import static io.scaleplan.compiler.check.PlanRule.finding;

import io.scaleplan.compiler.render.PgSql;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.Index;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.Postgres;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SourceLocation;
import io.scaleplan.dsl.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * SP132: a table, schema, index or column name that PostgreSQL accepts only double-quoted. The SQL
 * quotes it, so it is safe, but it is almost always a mistake ({@code usage_events; DROP TABLE
 * usage_events; --}); a plan that means it suppresses SP132 with its reason.
 */
final class IdentifierRule implements PlanRule {

    @Override
    public List<Diagnostic> check(ResolvedPlan resolved) {
        ScalingPlan plan = resolved.plan();
        List<Diagnostic> out = new ArrayList<>();
        for (Postgres pg : plan.databases()) {
            check(out, pg, PlanRule.element(plan));
        }
        return out;
    }

    private static void check(List<Diagnostic> out, Postgres pg, PlanElement planElement) {
        PlanElement element = pg.element(planElement);
        for (Index index : pg.indexes()) {
            check(out, element, "index name", index.name(), index.source());
            table(out, element, index.table(), index.source());
            for (String column : index.columns()) {
                check(out, element, "column", column, index.source());
            }
        }
        for (TableName table : pg.vacuumAnalyze()) {
            table(out, element, table, pg.source());
        }
    }

    private static void table(List<Diagnostic> out, PlanElement element, TableName table, SourceLocation at) {
        table.schema().ifPresent(s -> check(out, element, "schema", s, at));
        check(out, element, "table", table.name(), at);
    }

    private static void check(List<Diagnostic> out, PlanElement element, String what, String name, SourceLocation at) {
        String sql = PgSql.ident(name);
        if (!sql.equals(name)) {
            out.add(finding(
                    Rules.IDENTIFIER_NEEDS_QUOTING,
                    element,
                    what + " \"" + name + "\" is not a plain PostgreSQL identifier (lower-case letters, digits and _,"
                            + " not a reserved word): the SQL can only name it quoted, as " + sql,
                    at));
        }
    }
}
