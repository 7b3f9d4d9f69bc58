package io.scaleplan.compiler;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Client programs some tests also drive (psql, redis-cli), when the machine has them. */
public final class ExternalTools {
    private ExternalTools() {}

    /** Whether {@code command} (such as {@code psql --version}) runs and exits 0. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
