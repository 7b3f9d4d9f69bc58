package io.scaleplan.compiler.output;

import java.util.List;

/**
 * The output folder is not in a state scaleplan may write into; nothing was changed. The message
 * says why and what to do; {@link #paths()} names the files concerned, relative to the folder.
 */
public final class OutputRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a write was refused. */
    public enum Reason {
        /** The folder is not empty and carries no manifest, and is not recognisably a scaleplan output folder. */
        NOT_AN_OUTPUT_FOLDER,
        /** A file the plans produce exists but scaleplan did not write it. */
        FOREIGN_FILE,
        /** Files scaleplan wrote were changed since (their bytes differ from the manifest). */
        HAND_EDITS
    }

    private final Reason reason;
    private final transient List<String> paths;

    public OutputRefusedException(Reason reason, String message, List<String> paths) {
        super(message);
        this.reason = reason;
        this.paths = List.copyOf(paths);
    }

    public Reason reason() {
        return reason;
    }

    /** The files concerned, relative to the output folder, sorted. */
    public List<String> paths() {
        return paths;
    }
}
