package io.scaleplan.compiler.load;

/** The plans' sources did not compile: the message is javac's own diagnostics, as javac prints them. */
public final class PlanBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanBuildException(String javacOutput) {
        super(javacOutput);
    }
}
