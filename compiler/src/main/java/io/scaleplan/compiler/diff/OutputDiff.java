package io.scaleplan.compiler.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between two states of the output folder (what is committed or on disk, and what
 * the plans produce), file by file in path order.
 *
 * @param files the files that differ, sorted by path
 */
public record OutputDiff(List<FileDiff> files) {

    public OutputDiff {
        files = files.stream()
                .sorted(java.util.Comparator.comparing(FileDiff::path))
                .toList();
    }

    /** Compares two states given as path → text (paths relative to the output root). */
    public static OutputDiff compare(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            FileDiff d = FileDiff.of(path, before.get(path), after.get(path));
            if (d != null) {
                files.add(d);
            }
        }
        return new OutputDiff(files);
    }

    /** {@link #compare} for file contents given as UTF-8 bytes. */
    public static OutputDiff compareBytes(Map<String, byte[]> before, Map<String, byte[]> after) {
        // equal bytes are an equal file: only the files that differ are decoded (at 5,000 services
        // a text copy of every file was a third of the heap)
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            byte[] was = before.get(path);
            byte[] is = after.get(path);
            if (was != null && is != null && Arrays.equals(was, is)) {
                continue;
            }
            FileDiff d = FileDiff.of(path, text(was), text(is));
            if (d != null) {
                files.add(d);
            }
        }
        return new OutputDiff(files);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the two states are the same. */
    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The plans with a differing file, sorted. */
    public List<String> plans() {
        return files.stream().map(FileDiff::plan).distinct().sorted().toList();
    }

    /** The differing files of each plan, plans sorted. */
    public Map<String, List<FileDiff>> byPlan() {
        Map<String, List<FileDiff>> out = new TreeMap<>();
        files.forEach(f -> out.computeIfAbsent(f.plan(), p -> new ArrayList<>()).add(f));
        return out;
    }

    /** {@code 1 changed, 2 added, 0 removed}. */
    public static String counts(List<FileDiff> files) {
        long changed = files.stream()
                .filter(f -> f.status() == FileDiff.Status.CHANGED)
                .count();
        long added =
                files.stream().filter(f -> f.status() == FileDiff.Status.ADDED).count();
        long removed = files.stream()
                .filter(f -> f.status() == FileDiff.Status.REMOVED)
                .count();
        return changed + " changed, " + added + " added, " + removed + " removed";
    }
}
