package io.scaleplan.compiler.output;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The output folder ({@code generated/}): brings it in line with what the plans produce.
 *
 * <ul>
 *   <li>A file is rewritten only when its bytes change, so a no-op build touches nothing.
 *   <li>Each write is atomic: a temporary file in the same folder, forced to disk, then renamed
 *       over the target. An interrupted run leaves every file either old or new, never torn.
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
            refuseForeignFiles(files);
            List<SyncResult> results = new ArrayList<>();
            for (Map.Entry<String, List<GeneratedFile>> e : byPlan.entrySet()) {
                results.add(syncPlan(e.getKey(), e.getValue()));
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

    /** Before anything is written: a produced path taken by a file scaleplan did not write stops the sync. */
    private void refuseForeignFiles(Collection<GeneratedFile> files) throws IOException {
        List<String> foreign = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path target = root.resolve(f.path());
            if (Files.exists(target) && !(Files.isRegularFile(target) && isOwn(target))) {
                foreign.add(f.path());
            }
        }
        if (!foreign.isEmpty()) {
            throw new java.nio.file.FileAlreadyExistsException(
                    String.join(", ", foreign),
                    null,
                    "exists and was not written by scaleplan (no marker on line 1); nothing was written:"
                            + " move it away");
        }
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

    private SyncResult syncPlan(String plan, List<GeneratedFile> files) throws IOException {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> produced = new java.util.HashSet<>();
        for (GeneratedFile f : files) {
            produced.add(f.path());
            Path target = root.resolve(f.path());
            byte[] bytes = f.bytes();
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                unchanged.add(f.path());
            } else {
                writeAtomically(target, bytes);
                written.add(f.path());
            }
        }
        List<String> removed = new ArrayList<>();
        for (Path p : ownFiles(root.resolve(plan))) {
            String rel = relative(p);
            if (!produced.contains(rel)) {
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
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> own = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (isOwn(p)) {
                    own.add(p);
                }
            }
        }
        return own;
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

    /** Writes {@code bytes} to {@code target} atomically: a forced temporary file in its folder, then a rename. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
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
