package io.scaleplan.cli;

import io.scaleplan.compiler.output.OutputRefusedException;
import java.io.PrintWriter;

/** Prints a refusal of the output folder: the reason, each file concerned, and that nothing changed. */
final class Refusals {
    private Refusals() {}

    /** Prints {@code e} and returns {@link ExitCodes#REFUSED}. */
    static int print(OutputRefusedException e, PrintWriter err) {
        err.println("refused: " + e.getMessage());
        if (e.reason() == OutputRefusedException.Reason.HAND_EDITS) {
            e.paths().forEach(p -> err.println("    edited by hand: " + p));
        }
        err.println("nothing was changed");
        err.flush();
        return ExitCodes.REFUSED;
    }
}
