package io.scaleplan.cli;

import io.scaleplan.compiler.git.Refusal;
import io.scaleplan.compiler.output.OutputRefusedException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How a command reports what the use cases refuse or fail at, and the exit code it ends with. */
final class Failures {
    private Failures() {}

    /** Prints a refusal of the output folder: the reason, each file concerned, and that nothing changed. */
    static int refused(OutputRefusedException e, PrintWriter err) {
        err.println("refused: " + e.getMessage());
        if (e.reason() == OutputRefusedException.Reason.HAND_EDITS) {
            e.paths().forEach(p -> err.println("    edited by hand: " + p));
        }
        err.println("nothing was changed");
        err.flush();
        return ExitCodes.REFUSED;
    }

    /** Prints a refusal of the repository and that nothing changed. */
    static int refused(Refusal refusal, PrintWriter err) {
        err.println("refused: " + refusal.explain());
        err.println("nothing was changed");
        err.flush();
        return ExitCodes.REFUSED;
    }

    /** Prints an error (a Git refusal to read, a usage mistake) and returns {@code exitCode}. */
    static int error(String message, PrintWriter err, int exitCode) {
        err.println("error: " + message);
        err.flush();
        return exitCode;
    }

    /** Prints a failed read or write and returns {@link ExitCodes#IO}. */
    static int io(UncheckedIOException e, PrintWriter err) {
        return error(e.getMessage(), err, ExitCodes.IO);
    }
}
