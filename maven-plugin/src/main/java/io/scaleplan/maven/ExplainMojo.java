package io.scaleplan.maven;

import io.scaleplan.compiler.usecase.Explain;
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
        Optional<String> text = rule == null || rule.isBlank() ? Optional.of(Explain.index()) : Explain.rule(rule);
        if (text.isEmpty()) {
            throw new MojoFailureException("scaleplan: no rule " + rule + ": run mvn scaleplan:explain to list them");
        }
        AbstractPlanMojo.log(text.get(), getLog()::info);
    }
}
