package io.scaleplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The start-up floor of a command (bench/floor.sh): loads and initialises, in order, the classes
 * that a run of the command loaded (its {@code -Xlog:class+load} log), from the same class-data
 * archive, and does nothing else. Classes the JVM generates at run time (lambda proxies, hidden
 * classes) cannot be loaded by name and are counted as skipped.
 */
public final class Floor {
    private Floor() {}

    /** {@code Floor LOG [--print]}: LOG as written by {@code -Xlog:class+load:file=LOG}. */
    public static void main(String[] args) throws IOException {
        List<String> lines = args.length == 0 ? List.of() : Files.readAllLines(Path.of(args[0]));
        ClassLoader app = ClassLoader.getSystemClassLoader();
        int loaded = 0;
        int skipped = 0;
        for (String line : lines) {
            int end = line.indexOf(" source: ");
            int start = line.lastIndexOf("] ", end) + 2;
            if (end < 0 || start < 2) {
                continue;
            }
            String name = line.substring(start, end);
            if (name.contains("$$Lambda$") || name.contains("/0x") || name.startsWith("jdk.proxy")) {
                skipped++;
                continue;
            }
            try {
                Class.forName(name, true, app);
                loaded++;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                skipped++;
            }
        }
        if (args.length > 1) {
            System.out.println(loaded + " loaded and initialised, " + skipped + " skipped");
        }
    }
}
