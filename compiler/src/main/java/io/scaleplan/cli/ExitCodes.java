package io.scaleplan.cli;

/**
 * The exit codes of every command, stable so that CI scripts and hooks can rely on them. Usage
 * and internal codes follow BSD {@code sysexits.h}.
 */
public final class ExitCodes {
    /** Success: plans compiled and written, or nothing to do. */
    public static final int OK = 0;
    /** Differences found ({@code check} found {@code generated/} stale, {@code diff --exit-code}). */
    public static final int DIFFERENCES = 1;
    /** A plan has errors, the plans do not compile, or no plans were found; nothing was written. */
    public static final int PLAN_ERRORS = 2;
    /**
     * Refused (see the message): the repository is not in a state to diff or commit, outputs were
     * edited by hand, or the output folder is not scaleplan's; nothing was changed.
     */
    public static final int REFUSED = 3;
    /** The command line is wrong ({@code EX_USAGE}). */
    public static final int USAGE = 64;
    /** A bug in scaleplan ({@code EX_SOFTWARE}), or plan code called {@code System.exit}. */
    public static final int SOFTWARE = 70;
    /** Reading or writing files failed ({@code EX_IOERR}). */
    public static final int IO = 74;

    private ExitCodes() {}
}
