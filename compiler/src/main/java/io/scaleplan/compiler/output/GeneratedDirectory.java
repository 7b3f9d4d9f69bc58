package io.scaleplan.compiler.output;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The output folder ({@code generated/}): brings it in line with what the plans produce.
 *
 * <ul>
 *   <li>A file is rewritten only when its bytes change, so a no-op build touches nothing.
 *   <li>Each write is atomic: a temporary file in the same folder, renamed over the target. A
 *       killed run leaves every file either old or new, never torn. Files are not forced to disk
 *       one by one (an fsync per file made a 10,000-file compile several times slower, see
 *       bench/RESULTS.md): after a power loss the folder is as durable as the file system makes
 *       renamed files, and {@code scaleplan check} shows any file the plans would write otherwise.
 *   <li>A file the plans no longer produce is removed only if scaleplan wrote it (its first line
 *       carries {@link Headers#MARKER}); any other file is never modified or deleted, and a sync
 *       whose output would replace one writes nothing.
 * </ul>
 */
public final class GeneratedDirectory {
    private static final int MARKER_PROBE_BYTES = 512;

    private final Path root;

    private GeneratedDirectory(Path root) {
        this.root = root;
    }

    /** The output folder at {@code root}; it need not exist yet. */
    public static GeneratedDirectory open(Path root) {
        return new GeneratedDirectory(root.toAbsolutePath().normalize());
    }

    /** The folder's path. */
    public Path root() {
        return root;
    }

    /**
     * Writes {@code files} of {@code plans} and removes stale scaleplan files of those plans. With
     * {@code pruneOtherPlans}, scaleplan files of plans that no longer exist are removed too (use it
     * when {@code plans} is every plan there is).
     *
     * @throws UncheckedIOException when the disk refuses
     */
    public List<SyncResult> sync(Collection<String> plans, Collection<GeneratedFile> files, boolean pruneOtherPlans) {
        Map<String, List<GeneratedFile>> byPlan = new TreeMap<>();
        plans.forEach(p -> byPlan.put(p, new ArrayList<>()));
        for (GeneratedFile f : files) {
            List<GeneratedFile> list = byPlan.get(f.plan());
            if (list == null) {
                throw new IllegalArgumentException("file " + f.path() + " belongs to no plan being synced");
            }
            list.add(f);
        }
        try {
            Map<String, byte[]> current = refuseForeignFiles(files);
            Set<Path> folders = new HashSet<>();
            List<SyncResult> results = new ArrayList<>();
            for (Map.Entry<String, List<GeneratedFile>> e : byPlan.entrySet()) {
                results.add(syncPlan(e.getKey(), e.getValue(), current, folders));
            }
            if (pruneOtherPlans) {
                results.addAll(pruneRemovedPlans(byPlan.keySet()));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root + ": " + e.getMessage(), e);
        }
    }

    /** The current bytes of every scaleplan file under {@code plan}'s folder, by relative path. */
    public Map<String, byte[]> read(String plan) {
        Map<String, byte[]> out = new TreeMap<>();
        try {
            for (Path p : ownFiles(root.resolve(plan))) {
                out.put(relative(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Before anything is written: a produced path taken by a file scaleplan did not write stops the
     * sync. Returns the current bytes of the produced paths that are scaleplan files, read once here
     * for the comparison that decides what to rewrite.
     */
    private Map<String, byte[]> refuseForeignFiles(Collection<GeneratedFile> files) throws IOException {
        List<String> foreign = new ArrayList<>();
        Map<String, byte[]> current = new HashMap<>();
        Map<Path, Boolean> folderExists = new HashMap<>();
        for (GeneratedFile f : files) {
            Path target = root.resolve(f.path());
            // A folder that does not exist holds no file: a first compile stats each folder once.
            if (!folderExists.computeIfAbsent(target.getParent(), Files::isDirectory)) {
                continue;
            }
            if (Files.isRegularFile(target)) {
                byte[] bytes = Files.readAllBytes(target);
                if (isOwn(bytes)) {
                    current.put(f.path(), bytes);
                    continue;
                }
                foreign.add(f.path());
            } else if (Files.exists(target)) {
                foreign.add(f.path());
            }
        }
        if (!foreign.isEmpty()) {
            throw new FileAlreadyExistsException(
                    String.join(", ", foreign),
                    null,
                    "exists and was not written by scaleplan (no marker on line 1); nothing was written:"
                            + " move it away");
        }
        return current;
    }

    /**
     * The current bytes of every scaleplan file in the folder, by relative path; temporary files
     * left by an interrupted write are not included.
     */
    public Map<String, byte[]> readAll() {
        Map<String, byte[]> out = new TreeMap<>();
        try {
            for (Path p : ownFiles(root)) {
                String name = p.getFileName().toString();
                if (!(name.startsWith(".") && name.endsWith(".tmp"))) {
                    out.put(relative(p), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    private SyncResult syncPlan(String plan, List<GeneratedFile> files, Map<String, byte[]> current, Set<Path> folders)
            throws IOException {
        // A plan folder made by this sync holds only what it wrote: no stale file to look for.
        boolean existed = Files.isDirectory(root.resolve(plan));
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        for (GeneratedFile f : files) {
            produced.add(f.path());
            byte[] bytes = f.bytes();
            if (Arrays.equals(current.get(f.path()), bytes)) {
                unchanged.add(f.path());
            } else {
                Path target = root.resolve(f.path());
                if (folders.add(target.getParent())) {
                    Files.createDirectories(target.getParent());
                }
                writeAtomically(target, bytes);
                written.add(f.path());
            }
        }
        List<String> removed = new ArrayList<>();
        // Only files the plan no longer produces are candidates; produced ones are known to be ours.
        for (Path p : existed ? regularFiles(root.resolve(plan)) : List.<Path>of()) {
            String rel = relative(p);
            if (!produced.contains(rel) && isOwn(p)) {
                Files.delete(p);
                removed.add(rel);
            }
        }
        deleteEmptyFolders(root.resolve(plan));
        return new SyncResult(plan, written, unchanged, removed);
    }

    private List<SyncResult> pruneRemovedPlans(Set<String> current) throws IOException {
        List<SyncResult> results = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return results;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String plan = dir.getFileName().toString();
                if (current.contains(plan)) {
                    continue;
                }
                List<String> removed = new ArrayList<>();
                for (Path p : ownFiles(dir)) {
                    removed.add(relative(p));
                    Files.delete(p);
                }
                deleteEmptyFolders(dir);
                if (!removed.isEmpty()) {
                    results.add(new SyncResult(plan, List.of(), List.of(), removed));
                }
            }
        }
        return results;
    }

    /** Regular files under {@code dir} whose first line carries the scaleplan marker, sorted. */
    private static List<Path> ownFiles(Path dir) throws IOException {
        List<Path> own = new ArrayList<>();
        for (Path p : regularFiles(dir)) {
            if (isOwn(p)) {
                own.add(p);
            }
        }
        return own;
    }

    /** Regular files under {@code dir}, sorted. */
    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Whether scaleplan wrote this file: the marker stands on its first line. */
    public static boolean isOwn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return isOwn(in.readNBytes(MARKER_PROBE_BYTES));
        }
    }

    /** Whether a file of this content was written by scaleplan: the marker stands on its first line. */
    public static boolean isOwn(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, MARKER_PROBE_BYTES), StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String first = eol < 0 ? text : text.substring(0, eol);
        return first.contains(Headers.MARKER);
    }

    /** Writes a temporary file in the target's folder (which exists), then renames it over the target. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = writeNewTemporary(target, bytes);
        boolean moved = false;
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new file {@code .<name>.<random>.tmp} beside {@code target} holding {@code bytes}. Opened with
     * CREATE_NEW and no TRUNCATE_EXISTING: truncating a new file cost more than the rest of the write
     * on this project's machines (bench/RESULTS.md), and Files.createTempFile + write truncates.
     */
    private static Path writeNewTemporary(Path target, byte[] bytes) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            OutputStream out;
            try {
                out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try (out) {
                out.write(bytes);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return tmp;
        }
    }

    private static void deleteEmptyFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .toList()) {
                try (Stream<Path> children = Files.list(d)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                }
            }
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
