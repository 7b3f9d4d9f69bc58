package io.scaleplan.compiler.check;

/** The rule catalogue as Markdown: {@code docs/rules.md}, and the text {@code explain} prints. */
public final class RulesDocument {
    private RulesDocument() {}

    /** The whole catalogue. */
    public static String markdown() {
        Rule example = Rules.RATE_TARGET_WITHOUT_HEADROOM;
        StringBuilder out = new StringBuilder();
        out.append("# Rules\n\n")
                .append(
                        "Every diagnostic scaleplan prints names one of these rules. `./scaleplan explain SP###` prints a")
                .append(" rule's entry. SP0xx rules are checked by the DSL's builders, where the value is given; SP1xx")
                .append(" rules by the compiler, across the whole plan.\n\n")
                .append("A plan can change a rule's severity (`severity(\"")
                .append(example.id())
                .append("\", Severity.ERROR)`) or accept a finding with a reason (`suppress(\"")
                .append(example.id())
                .append("\", \"why\")`, on the plan or on one service);")
                .append(" `--strict` reports every warning as an error. Both also take the rule's constant in")
                .append(" `io.scaleplan.dsl.RuleId`, where every id is defined once (`severity(RuleId.")
                .append(example.ruleId().name())
                .append(", Severity.ERROR)`); javac then rejects a misspelt rule.\n\n")
                .append("| id | constant | severity | title |\n| --- | --- | --- | --- |\n");
        for (Rule r : Rules.all()) {
            out.append("| [")
                    .append(r.id())
                    .append("](#")
                    .append(r.id().toLowerCase(java.util.Locale.ROOT))
                    .append(") | `")
                    .append(r.ruleId().name())
                    .append("` | ")
                    .append(r.severity().label())
                    .append(" | ")
                    .append(r.title())
                    .append(" |\n");
        }
        for (Rule r : Rules.all()) {
            out.append('\n').append(entry(r));
        }
        return out.toString();
    }

    /** One rule's entry. */
    /** One line per rule, {@code SP001  error    Name is not valid ...}: {@code scaleplan explain} without an id. */
    public static String index() {
        StringBuilder text = new StringBuilder();
        for (Rule r : Rules.all()) {
            text.append(String.format(
                    java.util.Locale.ROOT,
                    "%s  %-7s  %s%n",
                    r.id(),
                    r.severity().label(),
                    r.title()));
        }
        return text.toString();
    }

    public static String entry(Rule r) {
        return "## " + r.id() + "\n\n**" + r.title() + "** (default severity: "
                + r.severity().label() + ")\n\n" + r.explanation() + "\n\nFix: " + r.fix() + "\n";
    }
}
