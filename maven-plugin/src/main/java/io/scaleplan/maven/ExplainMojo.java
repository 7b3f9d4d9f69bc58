package io.scaleplan.maven;

import io.scaleplan.compiler.check.Rule;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.check.RulesDocument;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code scaleplan explain}: every rule, one line each, or one rule's explanation and fix
 * ({@code mvn scaleplan:explain -Dscaleplan.rule=SP120}). Needs no project.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractMojo {

    /** The rule id, as a diagnostic prints it; none lists every rule. */
    @Parameter(property = "scaleplan.rule")
    String rule;

    @Override
    public void execute() throws MojoFailureException {
        String text;
        if (rule == null || rule.isBlank()) {
            text = RulesDocument.index();
        } else {
            Optional<Rule> found = Rules.byId(rule.strip().toUpperCase(Locale.ROOT));
            if (found.isEmpty()) {
                throw new MojoFailureException(
                        "scaleplan: no rule " + rule + ": run mvn scaleplan:explain to list them");
            }
            text = RulesDocument.entry(found.get());
        }
        for (String line : text.split("\n")) {
            getLog().info(line);
        }
    }
}
