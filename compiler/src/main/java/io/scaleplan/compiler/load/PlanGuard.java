package io.scaleplan.compiler.load;

import java.io.PrintStream;

/**
 * Keeps plan code from deciding how a command ends. Plan code is arbitrary Java: it can call
 * {@code System.exit(0)} in {@code define()}, which would end a {@code compile} or {@code check}
 * with success before anything was checked. The CLI arms this guard for the whole command
 * ({@link #arm}); a shutdown hook then turns any exit that the CLI did not ask for into exit status
 * 70, naming the plan that was running (or the last one run, for a thread it left behind). The
 * CLI disarms the guard just before its own {@code System.exit}. {@code Runtime.halt} from plan
 * code is not caught: it skips shutdown hooks.
 */
public final class PlanGuard {
    /** The exit status of a command that plan code tried to end. */
    public static final int EXIT_STATUS = 70;

    private static volatile String running;
    private static volatile String last;
    private static volatile boolean armed;

    private PlanGuard() {}

    /** Installs the shutdown hook (once per JVM) and arms it; messages go to {@code err}. */
    public static synchronized void arm(PrintStream err) {
        if (!armed) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                if (armed) {
                                    String plan = running != null ? running : last;
                                    err.println("error: plan code called System.exit while scaleplan was running"
                                            + (plan == null ? "" : " (plan " + plan + ")")
                                            + ": a plan cannot end a command; nothing it decided counts (exit "
                                            + EXIT_STATUS + ")");
                                    err.flush();
                                    Runtime.getRuntime().halt(EXIT_STATUS);
                                }
                            },
                            "scaleplan-exit-guard"));
        }
        armed = true;
    }

    /** Lets the CLI's own exit through. */
    public static void disarm() {
        armed = false;
    }

    static void enter(String className) {
        running = className;
        last = className;
    }

    static void leave() {
        running = null;
    }
}
