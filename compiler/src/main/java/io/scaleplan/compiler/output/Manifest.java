package io.scaleplan.compiler.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The record of what scaleplan wrote into an output folder: one line per file, its SHA-256 and
 * its path relative to the folder, in {@code sha256sum}'s format, after two comment lines. It is
 * how scaleplan knows which files it may overwrite or delete, and which were edited by hand.
 *
 * <p>The manifest is committed with the folder, so it holds nothing but the files: the up-to-date
 * check's {@link Stamp} lives outside Git, in the build folder (see {@code
 * io.scaleplan.compiler.usecase.UpToDate}). Stamp lines an earlier version wrote here ({@code #
 * inputs:} and the like) are comments: ignored on read, dropped on the next write.
 *
 * @param files path → lower-case hex SHA-256, sorted by path
 */
public record Manifest(SortedMap<String, String> files) {
    /** The manifest's file name, at the output folder's root. */
    public static final String FILE_NAME = ".scaleplan-manifest";

    private static final String HEADER =
            "# scaleplan output manifest: the files scaleplan wrote in this folder, with their"
                    + " SHA-256.\n# scaleplan overwrites or deletes only the files listed here. Do not edit.\n";

    /**
     * What the listed files were compiled from, as the up-to-date check records it outside Git.
     *
     * @param inputs lower-case hex SHA-256 over every input that determines the outputs
     * @param plans the names of the plans compiled, sorted
     * @param charts the chart references those plans render with, sorted (their files are part of
     *     {@code inputs})
     * @param printed the lines the compile printed about the plans (their diagnostics, as the
     *     command line prints them), which an up-to-date answer prints again
     */
    public record Stamp(String inputs, List<String> plans, List<String> charts, List<String> printed) {
        public Stamp {
            if (!inputs.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a SHA-256: " + inputs);
            }
            plans = List.copyOf(new TreeSet<>(plans));
            charts = List.copyOf(new TreeSet<>(charts));
            for (String s : plans) {
                if (s.isEmpty() || s.contains(" ") || s.contains("\n")) {
                    throw new IllegalArgumentException("not a plan name: " + s);
                }
            }
            for (String c : charts) {
                if (c.contains("\n") || c.contains("\r")) {
                    throw new IllegalArgumentException("not a chart reference: " + c);
                }
            }
            printed = List.copyOf(printed);
            for (String line : printed) {
                if (line.contains("\n") || line.contains("\r")) {
                    throw new IllegalArgumentException("not one line: " + line);
                }
            }
        }
    }

    public Manifest {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A manifest that lists nothing. */
    public static Manifest empty() {
        return new Manifest(new TreeMap<>());
    }

    /** The manifest in {@code file}, if there is one. */
    public static Optional<Manifest> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SortedMap<String, String> files = new TreeMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new IOException(file + ":" + n + ": not a manifest line (SHA-256, two spaces, path): " + line);
            }
            files.put(line.substring(66), line.substring(0, 64));
        }
        return Optional.of(new Manifest(files));
    }

    /** The manifest as written to disk. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder(HEADER);
        files.forEach(
                (path, hash) -> text.append(hash).append("  ").append(path).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code path} is listed. */
    public boolean lists(String path) {
        return files.containsKey(path);
    }

    /** Whether {@code path} is listed with the hash of {@code bytes}. */
    public boolean matches(String path, byte[] bytes) {
        String hash = files.get(path);
        return hash != null && hash.equals(sha256(bytes));
    }

    /** This manifest with {@code path} recorded for {@code bytes}, or removed when {@code bytes} is null. */
    Manifest with(Map<String, byte[]> changes) {
        SortedMap<String, String> next = new TreeMap<>(files);
        changes.forEach((path, bytes) -> {
            if (bytes == null) {
                next.remove(path);
            } else {
                next.put(path, sha256(bytes));
            }
        });
        return new Manifest(next);
    }

    /** This manifest with {@code path} recorded with {@code hash}, or removed when {@code hash} is null. */
    Manifest withHashes(Map<String, String> changes) {
        SortedMap<String, String> next = new TreeMap<>(files);
        changes.forEach((path, hash) -> {
            if (hash == null) {
                next.remove(path);
            } else {
                next.put(path, hash);
            }
        });
        return new Manifest(next);
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
