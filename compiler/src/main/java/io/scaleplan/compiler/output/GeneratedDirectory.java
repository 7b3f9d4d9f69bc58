package io.scaleplan.compiler.output;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.InOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder ({@code generated/}): brings it in line with what the plans produce, owning
 * only what it wrote.
 *
 * <ul>
 *   <li><b>A manifest</b> ({@value Manifest#FILE_NAME} at the folder's root) lists every file
 *       scaleplan wrote, with its SHA-256. Only listed files are ever overwritten or deleted; a
 *       listed file whose bytes differ from the manifest was edited by hand and stops the run
 *       (unless forced). A file the plans produce that exists unlisted stops the run. A non-empty
 *       folder without a manifest is refused, unless it is recognisably a scaleplan output folder
 *       written before manifests existed: every file in a plan-named subfolder, every file
 *       carrying the scaleplan marker on its first line. Then it is adopted once.
 *   <li><b>All or nothing.</b> Every new byte is staged first, in a temporary file beside its
 *       target ({@code .<name>.scaleplan-<random>.tmp}), with the new manifest staged as
 *       {@code .scaleplan-manifest.pending}. A folder the run creates is staged in staging
 *       folders of the same form beside it, one per writer, which hold its files under their own
 *       names (no temporary and rename per file: a full compile into a new folder makes one
 *       directory entry per file); the first is renamed into place as one, the others' files are
 *       renamed into it, so every file appears whole.
 *       A failure while staging (a full disk) removes the temporaries and staging folders and
 *       leaves the folder byte-identical. Only then are the temporaries renamed over their
 *       targets, the staging folders renamed into place, stale files deleted and the manifest
 *       renamed into place. Renames within a folder need no new space. A run killed between its
 *       renames leaves the pending manifest, whose hashes the next run accepts too; temporaries
 *       and staging folders of a killed run are never read as outputs, are removed by the next
 *       run and reported by {@link #leftovers()}. So no path a user reads ever holds part of a
 *       file: each is absent, old or new.
 *   <li>A file is rewritten only when its bytes change, so a no-op build touches nothing. Files
 *       are not forced to disk one by one (an fsync per file made a 10,000-file compile several
 *       times slower, see bench/RESULTS.md): the guarantee is against an interrupted process, not
 *       against the machine losing power before the kernel wrote its pages back. From {@link
 *       #PARALLEL_FILES} files on, the files are hashed and compared on every core, and a new
 *       folder's files written by one writer per core, each in its own staging folder (two
 *       writers in one folder wait on the kernel's lock for it).
 * </ul>
 */
public final class GeneratedDirectory {
    /** The staged next manifest, renamed over the manifest as the last step of a run. */
    public static final String PENDING_MANIFEST = Manifest.FILE_NAME + ".pending";

    /**
     * From this many files on, a sync hashes and compares them on every core, and writes new
     * folders' files with one writer per core; below it, on the calling thread (a small estate
     * pays no pool; bench/RESULTS.md, issue 22's fourth part).
     */
    static final int PARALLEL_FILES = 256;

    private static final int MARKER_PROBE_BYTES = 512;
    private static final int WRITE_SLICE = 256 * 1024;
    private static final String TEMPORARY_TAG = ".scaleplan-";
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.scaleplan-[0-9a-z]+\\.tmp");
    private static final Pattern PLAN_FOLDER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** Writes the bytes of one staged file; a seam for tests that make the k-th write fail. */
    @FunctionalInterface
    public interface StagingWriter {
        /** Writes {@code bytes} into the new file {@code file}, which this call creates. */
        void write(Path file, byte[] bytes) throws IOException;
    }

    private final Path root;
    private final StagingWriter writer;

    private GeneratedDirectory(Path root, StagingWriter writer) {
        this.root = root;
        this.writer = writer;
    }

    /** The output folder at {@code root}; it need not exist yet. */
    public static GeneratedDirectory open(Path root) {
        return new GeneratedDirectory(root.toAbsolutePath().normalize(), GeneratedDirectory::writeNew);
    }

    /** This folder, staging its files through {@code writer} (tests inject failures here). */
    public GeneratedDirectory withWriter(StagingWriter writer) {
        return new GeneratedDirectory(root, writer);
    }

    /** The folder's path. */
    public Path root() {
        return root;
    }

    /** As {@link #sync(Collection, Collection, boolean, boolean)}, refusing hand edits. */
    public List<SyncResult> sync(Collection<String> plans, Collection<GeneratedFile> files, boolean pruneOtherPlans) {
        return sync(plans, files, pruneOtherPlans, false);
    }

    /**
     * Writes {@code files} of {@code plans} and removes the listed files of those plans that they
     * no longer produce. With {@code pruneOtherPlans}, the listed files of plans that no longer
     * exist are removed too (use it when {@code plans} is every plan there is). With {@code
     * force}, hand-edited files are overwritten (or removed) rather than refused.
     *
     * @throws OutputRefusedException when the folder is not scaleplan's, a produced path is taken by
     *     a file scaleplan did not write, or (without {@code force}) files were edited by hand;
     *     nothing was changed
     * @throws UncheckedIOException when the disk refuses; when that happens before the first rename
     *     (staging), nothing was changed, and the message names the file and the cause
     */
    public List<SyncResult> sync(
            Collection<String> plans, Collection<GeneratedFile> files, boolean pruneOtherPlans, boolean force) {
        try {
            Changes changes = prepare(plans, files, pruneOtherPlans, force);
            removeLeftovers();
            apply(changes);
            return changes.results();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Runs every check of {@link #sync(Collection, Collection, boolean, boolean)} and changes
     * nothing: throws what {@code sync} would refuse with.
     */
    public void verify(
            Collection<String> plans, Collection<GeneratedFile> files, boolean pruneOtherPlans, boolean force) {
        try {
            prepare(plans, files, pruneOtherPlans, force);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The folder's manifest, if it has one. */
    public Optional<Manifest> manifest() {
        try {
            return Manifest.read(root.resolve(Manifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + root.resolve(Manifest.FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the folder holds exactly what {@code manifest} lists: every listed file with its
     * hash, and nothing else (no unlisted file, no leftover of an interrupted run, no pending
     * manifest, no link). Reads and hashes every file; changes nothing.
     */
    public boolean holdsExactly(Manifest manifest) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    return false;
                }
                if (p.getParent().equals(root) && p.getFileName().toString().equals(Manifest.FILE_NAME)) {
                    continue;
                }
                if (!manifest.lists(relative(p))) {
                    return false;
                }
                found.add(p);
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        if (found.size() != manifest.files().size()) {
            return false;
        }
        // two cores from PARALLEL_FILES files on: hashing 100 MB of outputs is most of an
        // up-to-date answer at 5,000 services; a small folder starts no thread
        return (found.size() < PARALLEL_FILES ? found.stream() : found.parallelStream()).allMatch(p -> {
            try {
                return manifest.matches(relative(p), Files.readAllBytes(p));
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Temporary files a killed run left behind (relative paths, sorted), and a pending manifest:
     * the next sync removes them.
     */
    public List<String> leftovers() {
        try {
            List<String> out = new ArrayList<>();
            for (Path p : temporaries()) {
                out.add(relative(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The current bytes of every scaleplan file in the folder, by relative path; the manifest and
     * temporary files left by an interrupted write are not included.
     */
    public Map<String, byte[]> readAll() {
        Map<String, byte[]> out = new TreeMap<>();
        try {
            for (Path p : regularFiles(root)) {
                if (!isBookkeeping(p) && isOwn(p)) {
                    out.put(relative(p), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** What a sync will do, decided before anything is touched. */
    private record Changes(
            Map<String, GeneratedFile> writes,
            List<String> deletes,
            Set<String> folders,
            Manifest manifest,
            boolean manifestChanged,
            List<SyncResult> results) {}

    private Changes prepare(
            Collection<String> plans, Collection<GeneratedFile> files, boolean pruneOtherPlans, boolean force)
            throws IOException {
        Map<String, List<String>> written = new TreeMap<>();
        Map<String, List<String>> unchanged = new TreeMap<>();
        Map<String, List<String>> removed = new TreeMap<>();
        plans.forEach(p -> {
            written.put(p, new ArrayList<>());
            unchanged.put(p, new ArrayList<>());
            removed.put(p, new ArrayList<>());
        });
        for (GeneratedFile f : files) {
            if (!written.containsKey(f.plan())) {
                throw new IllegalArgumentException("file " + f.path() + " belongs to no plan being synced");
            }
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new OutputRefusedException(
                    OutputRefusedException.Reason.NOT_AN_OUTPUT_FOLDER,
                    root + " is a file, not an output folder: choose another --output",
                    List.of());
        }
        Optional<Manifest> listed = Manifest.read(root.resolve(Manifest.FILE_NAME));
        Optional<Manifest> pending = Manifest.read(root.resolve(PENDING_MANIFEST));
        Manifest manifest = listed.isPresent() ? listed.get() : pending.isPresent() ? pending.get() : adopt();
        Manifest alsoKnown = pending.orElse(Manifest.empty());

        Map<String, GeneratedFile> writes = new TreeMap<>();
        Map<String, String> record = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        Set<String> edited = new TreeSet<>();
        Set<String> produced = new HashSet<>();
        Listings listings = Listings.of(files.stream().map(f -> root.resolve(f.path())));
        // each file is hashed and compared with what is on disk on its own: on every core at 5,000 services
        List<Probe> probes = inOrder(List.copyOf(files), f -> probe(f, listings, manifest, alsoKnown));
        for (Probe p : probes) {
            GeneratedFile f = p.file();
            produced.add(f.path());
            record.put(f.path(), p.hash());
            switch (p.state()) {
                case UNCHANGED -> {
                    unchanged.get(f.plan()).add(f.path());
                    continue;
                }
                case FOREIGN -> foreign.add(f.path());
                case EDITED -> edited.add(f.path());
                case NEW, CHANGED -> {
                    // written below
                }
            }
            writes.put(f.path(), f);
            written.get(f.plan()).add(f.path());
        }
        if (!foreign.isEmpty()) {
            throw new OutputRefusedException(
                    OutputRefusedException.Reason.FOREIGN_FILE,
                    "the plans produce files that exist in " + root + " but were not written by scaleplan (not in "
                            + Manifest.FILE_NAME + "): " + String.join(", ", foreign)
                            + "; scaleplan never overwrites them: move them away",
                    foreign);
        }

        List<String> deletes = new ArrayList<>();
        Set<String> folders = new TreeSet<>();
        Set<String> candidates = new TreeSet<>(manifest.files().keySet());
        candidates.addAll(alsoKnown.files().keySet());
        for (String path : candidates) {
            String plan = planOf(path);
            if (produced.contains(path) || !(pruneOtherPlans || written.containsKey(plan))) {
                continue;
            }
            record.put(path, null);
            Path target = root.resolve(path);
            if (!Files.isRegularFile(target)) {
                continue;
            }
            byte[] current = Files.readAllBytes(target);
            if (!manifest.matches(path, current) && !alsoKnown.matches(path, current)) {
                edited.add(path);
            }
            deletes.add(path);
            folders.add(plan);
            removed.computeIfAbsent(plan, p -> new ArrayList<>()).add(path);
        }
        if (!edited.isEmpty() && !force) {
            throw new OutputRefusedException(
                    OutputRefusedException.Reason.HAND_EDITS,
                    "files in " + root + " were edited by hand (their bytes differ from what scaleplan wrote, as "
                            + Manifest.FILE_NAME + " records): " + String.join(", ", edited)
                            + "; move the change into the plan, or run again with --force to overwrite them",
                    List.copyOf(edited));
        }
        Manifest next = manifest.withHashes(record);
        // byte for byte: a manifest with the stamp lines of an earlier version is rewritten without them
        boolean manifestChanged =
                listed.isEmpty() || !Arrays.equals(Files.readAllBytes(root.resolve(Manifest.FILE_NAME)), next.bytes());
        List<SyncResult> results = new ArrayList<>();
        for (String plan : removed.keySet()) {
            if (written.containsKey(plan)) {
                results.add(new SyncResult(plan, written.get(plan), unchanged.get(plan), removed.get(plan)));
            } else {
                results.add(new SyncResult(plan, List.of(), List.of(), removed.get(plan)));
            }
        }
        return new Changes(writes, deletes, folders, next, manifestChanged, results);
    }

    /** What is at a produced file's path, against the bytes it is to have. */
    private enum State {
        /** Nothing: the file is new. */
        NEW,
        /** The file has these bytes already. */
        UNCHANGED,
        /** scaleplan's earlier bytes (as a manifest lists them): to be rewritten. */
        CHANGED,
        /** Listed, but its bytes are not what scaleplan wrote: edited by hand. */
        EDITED,
        /** Something scaleplan did not write (unlisted, or not a regular file). */
        FOREIGN
    }

    /**
     * One produced file, hashed, and what is at its path.
     *
     * @param hash the SHA-256 of the file's bytes, for the manifest
     */
    private record Probe(GeneratedFile file, String hash, State state) {}

    private Probe probe(GeneratedFile f, Listings listings, Manifest manifest, Manifest alsoKnown) throws IOException {
        // Only hashes and the files themselves are kept, not their bytes: at 5,000 services the
        // outputs are 49 MB, and a second copy of them does not fit the launcher's heap.
        byte[] bytes = f.bytes();
        String hash = Manifest.sha256(bytes);
        Path target = root.resolve(f.path());
        if (!listings.mayExist(target)) {
            // its folder does not exist or does not hold that name: no stat needed
            return new Probe(f, hash, State.NEW);
        }
        if (Files.isRegularFile(target)) {
            byte[] current = Files.readAllBytes(target);
            if (Arrays.equals(current, bytes)) {
                return new Probe(f, hash, State.UNCHANGED);
            }
            if (!manifest.lists(f.path()) && !alsoKnown.lists(f.path())) {
                return new Probe(f, hash, State.FOREIGN);
            }
            String was = Manifest.sha256(current);
            boolean ours = was.equals(manifest.files().get(f.path()))
                    || was.equals(alsoKnown.files().get(f.path()));
            return new Probe(f, hash, ours ? State.CHANGED : State.EDITED);
        }
        return new Probe(f, hash, Files.exists(target) ? State.FOREIGN : State.NEW);
    }

    /**
     * The manifest of a folder that has none: empty for an empty (or missing) folder; the files of
     * a folder written by scaleplan before manifests (every file in a plan-named subfolder, with the
     * marker on its first line); otherwise refused.
     */
    private Manifest adopt() throws IOException {
        if (!Files.isDirectory(root)) {
            return Manifest.empty();
        }
        List<String> strangers = new ArrayList<>();
        Map<String, byte[]> found = new TreeMap<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path p : top.sorted().toList()) {
                String name = p.getFileName().toString();
                if (isBookkeeping(p)) {
                    continue;
                }
                if (!Files.isDirectory(p) || !PLAN_FOLDER.matcher(name).matches()) {
                    strangers.add(name);
                }
            }
        }
        // only a folder of plan-named folders is walked: a repository root (or its parent) is refused at its top
        for (Path p : strangers.isEmpty() ? regularFiles(root) : List.<Path>of()) {
            if (isBookkeeping(p)) {
                continue;
            }
            String rel = relative(p);
            if (rel.indexOf('/') < 0) {
                continue;
            }
            if (isOwn(p)) {
                found.put(rel, Files.readAllBytes(p));
            } else {
                strangers.add(rel);
            }
        }
        if (!strangers.isEmpty()) {
            List<String> shown = strangers.size() > 5 ? strangers.subList(0, 5) : strangers;
            throw new OutputRefusedException(
                    OutputRefusedException.Reason.NOT_AN_OUTPUT_FOLDER,
                    root + " is not empty and has no " + Manifest.FILE_NAME + ", and holds what scaleplan did not"
                            + " write (" + String.join(", ", shown)
                            + (strangers.size() > shown.size()
                                    ? " and " + (strangers.size() - shown.size()) + " more"
                                    : "")
                            + "): scaleplan writes only into an empty folder or one it wrote. Choose another"
                            + " --output, or empty this one",
                    strangers);
        }
        return Manifest.empty().with(found);
    }

    private void apply(Changes changes) throws IOException {
        List<Path[]> staged = new ArrayList<>();
        List<Path> temporaries = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        Set<Path> folders = new HashSet<>();
        // each new folder's staging folders, one per writer
        Map<Path, List<Path>> fresh = new TreeMap<>();
        Path pending = root.resolve(PENDING_MANIFEST);
        boolean pendingWritten = false;
        Path current = null;
        try {
            if (!changes.writes().isEmpty() || changes.manifestChanged()) {
                createFolders(root, made, folders);
            }
            List<Path> targets = new ArrayList<>();
            List<Path> writeAt = new ArrayList<>();
            List<Integer> writerOf = new ArrayList<>();
            int writers = changes.writes().size() < PARALLEL_FILES
                    ? 1
                    : Runtime.getRuntime().availableProcessors();
            int freshFiles = 0;
            Map<Path, Optional<Path>> newFolderOf = new HashMap<>();
            for (String path : changes.writes().keySet()) {
                current = root.resolve(path);
                Path folder = current.getParent();
                Optional<Path> top = newFolderOf.computeIfAbsent(folder, f -> outermostMissing(f, folders));
                if (top.isPresent()) {
                    // new folders' files are shared out among the writers, each in its own staging folder
                    int w = freshFiles++ % writers;
                    List<Path> stagings = fresh.computeIfAbsent(top.get(), t -> new ArrayList<>());
                    while (stagings.size() <= w) {
                        stagings.add(stagingFolder(top.get()));
                    }
                    Path at = stagings.get(w)
                            .resolve(top.get().relativize(current).toString());
                    createFolders(at.getParent(), new ArrayList<>(), folders);
                    writeAt.add(at);
                    writerOf.add(w);
                } else {
                    createFolders(folder, made, folders);
                    writeAt.add(null);
                    writerOf.add(0);
                }
                targets.add(current);
            }
            current = null;
            staged.addAll(stageAll(
                    targets,
                    writeAt,
                    writerOf,
                    writers,
                    List.copyOf(changes.writes().values()),
                    temporaries));
            if (changes.manifestChanged()) {
                current = root.resolve(Manifest.FILE_NAME);
                Path tmp = stage(current, changes.manifest().bytes())[0];
                temporaries.add(tmp);
                move(tmp, pending);
                pendingWritten = true;
            }
        } catch (IOException | RuntimeException e) {
            Throwable failure = e;
            if (e instanceof FailedWrite w) {
                current = w.target;
                failure = w.getCause();
            }
            for (Path tmp : temporaries) {
                Files.deleteIfExists(tmp);
            }
            for (List<Path> stagings : fresh.values()) {
                for (Path staging : stagings) {
                    deleteTree(staging);
                }
            }
            if (pendingWritten) {
                Files.deleteIfExists(pending);
            }
            for (int i = made.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(made.get(i));
            }
            String cause = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            throw new IOException(
                    "cannot write " + current + ": " + cause + "; nothing was changed in " + root
                            + " (every temporary file was removed)",
                    failure);
        }
        for (Path[] s : staged) {
            if (s != null) {
                move(s[0], s[1]);
            }
        }
        for (Map.Entry<Path, List<Path>> f : fresh.entrySet()) {
            // a new folder appears with the first writer's files, each whole: one rename for all of
            // them; the other writers' files are renamed into it one by one
            List<Path> stagings = f.getValue();
            Files.move(stagings.get(0), f.getKey(), StandardCopyOption.ATOMIC_MOVE);
            Set<Path> there = new HashSet<>();
            for (Path other : stagings.subList(1, stagings.size())) {
                for (Path file : regularFiles(other)) {
                    Path target = f.getKey().resolve(other.relativize(file).toString());
                    if (there.add(target.getParent())) {
                        Files.createDirectories(target.getParent());
                    }
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
                deleteTree(other);
            }
        }
        for (String path : changes.deletes()) {
            Files.deleteIfExists(root.resolve(path));
        }
        for (String plan : changes.folders()) {
            deleteEmptyFolders(root.resolve(plan));
        }
        if (pendingWritten) {
            move(pending, root.resolve(Manifest.FILE_NAME));
        } else {
            Files.deleteIfExists(pending);
        }
    }

    /**
     * The outermost folder below the root, on the way from the root to {@code folder}, that does
     * not exist yet ({@code folder} itself when only it is missing); empty when {@code folder}
     * exists. {@code known} holds folders known to exist.
     */
    private Optional<Path> outermostMissing(Path folder, Set<Path> known) {
        Path top = null;
        for (Path d = folder; !d.equals(root) && !known.contains(d); d = d.getParent()) {
            if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                // not a folder: making the folder fails while staging, as it should
                return Optional.empty();
            }
            top = d;
        }
        return Optional.ofNullable(top);
    }

    /**
     * A new, empty folder {@code .<name>.scaleplan-<random>.tmp} beside {@code folder}, where the
     * files of the new {@code folder} are written under their own names, then renamed into place
     * as one: one directory entry per file instead of a temporary and a rename each.
     */
    private static Path stagingFolder(Path folder) throws IOException {
        while (true) {
            Path tmp = temporary(folder);
            try {
                return Files.createDirectory(tmp);
            } catch (FileAlreadyExistsException clash) {
                // not ours: another name
            }
        }
    }

    /** Deletes {@code dir} and everything in it (a staging folder: only what this run wrote). */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A staged write that failed: which target, and why (the cause). */
    private static final class FailedWrite extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path target;

        FailedWrite(Path target, Throwable cause) {
            super(cause);
            this.target = target;
        }
    }

    /**
     * Stages {@code files}: each whose {@code writeAt} is null in a temporary beside its target
     * (whose folder exists), giving a {@code {temporary, target}} pair, each temporary also added
     * to {@code temporaries} as soon as it exists; each other one written under its own name at
     * {@code writeAt}, in a staging folder (null pair). In the targets' order; the first failure is
     * thrown as {@link FailedWrite}, once every writer has stopped (nothing is written after it).
     *
     * <p>{@code writers} writers, the file {@code i} written by writer {@code writerOf(i)}: this
     * thread is writer 0 and writes every temporary; the others (on the common pool) write only
     * into their own staging folders. Creating a file takes its folder's lock in the kernel: two
     * writers in one folder spent two to three times the system time waiting for each other, two
     * in two folders create at once (bench/RESULTS.md, issue 22's fourth part).
     */
    private List<Path[]> stageAll(
            List<Path> targets,
            List<Path> writeAt,
            List<Integer> writerOf,
            int writers,
            List<GeneratedFile> files,
            Collection<Path> temporaries)
            throws IOException {
        int n = targets.size();
        Path[][] staged = new Path[n][];
        AtomicReference<FailedWrite> failed = new AtomicReference<>();
        IntFunction<Runnable> writer = w -> () -> {
            for (int i = 0; i < n && failed.get() == null; i++) {
                if (writerOf.get(i) != w) {
                    continue;
                }
                try {
                    if (writeAt.get(i) != null) {
                        this.writer.write(writeAt.get(i), files.get(i).bytes());
                    } else {
                        staged[i] = stage(targets.get(i), files.get(i).bytes());
                        temporaries.add(staged[i][0]);
                    }
                } catch (IOException | RuntimeException e) {
                    failed.compareAndSet(null, new FailedWrite(targets.get(i), e));
                }
            }
        };
        List<ForkJoinTask<?>> others = new ArrayList<>();
        for (int w = 1; w < writers; w++) {
            others.add(ForkJoinPool.commonPool().submit(writer.apply(w)));
        }
        writer.apply(0).run();
        others.forEach(ForkJoinTask::join);
        if (failed.get() != null) {
            throw failed.get();
        }
        return Arrays.asList(staged);
    }

    /**
     * Creates {@code dir} and its missing parents, recording each folder made, outermost first;
     * {@code known} holds the folders known to exist, so each folder is looked at once per run.
     */
    private static void createFolders(Path dir, List<Path> made, Set<Path> known) throws IOException {
        if (known.contains(dir)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !known.contains(d) && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
            made.add(d);
        }
        for (Path d = dir; d != null && known.add(d); d = d.getParent()) {
            // every folder up to the root exists now
        }
    }

    /**
     * Writes {@code bytes} into a new temporary file beside {@code target}: {@code {temporary,
     * target}}. The name is random; a clash (the file exists) draws another, with no stat before.
     */
    private Path[] stage(Path target, byte[] bytes) throws IOException {
        while (true) {
            Path tmp = temporary(target);
            try {
                writer.write(tmp, bytes);
                return new Path[] {tmp, target};
            } catch (FileAlreadyExistsException clash) {
                // not ours: another name
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }

    /**
     * The names in each folder, read once per folder before the files are looked at (then only
     * read, from every core): a produced file whose folder does not exist, or does not list its
     * name, needs no stat of its own (a full compile into a new folder).
     */
    private record Listings(Map<Path, Set<String>> names) {

        static Listings of(Stream<Path> files) throws IOException {
            Map<Path, Set<String>> names = new HashMap<>();
            for (Path folder : (Iterable<Path>) files.map(Path::getParent).distinct()::iterator) {
                Set<String> in = new HashSet<>();
                if (Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
                        for (Path p : dir) {
                            in.add(p.getFileName().toString());
                        }
                    }
                }
                names.put(folder, in);
            }
            return new Listings(names);
        }

        boolean mayExist(Path file) {
            return names.get(file.getParent()).contains(file.getFileName().toString());
        }
    }

    /** One step on one file, which may fail as the disk does. */
    @FunctionalInterface
    private interface FileWork<T, R> {
        R apply(T item) throws IOException;
    }

    /**
     * {@code work} applied to each of {@code items}, in their order: on every core when there are
     * at least {@link #PARALLEL_FILES} of them, else on this thread. Returns when every call has
     * returned; the first failure (in the items' order) is thrown.
     */
    private static <T, R> List<R> inOrder(List<T> items, FileWork<T, R> work) throws IOException {
        try {
            return InOrder.map(items, PARALLEL_FILES, item -> {
                try {
                    return work.apply(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void removeLeftovers() throws IOException {
        for (Path p : temporaries()) {
            deleteTree(p);
        }
    }

    /** Temporary files, and staging folders (not walked into), of an interrupted run; sorted. */
    private List<Path> temporaries() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(root) && isTemporary(dir)) {
                    out.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && isTemporary(file)) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static boolean isTemporary(Path p) {
        return TEMPORARY.matcher(p.getFileName().toString()).matches();
    }

    /** The manifests, a temporary file, or anything in a staging folder. */
    private boolean isBookkeeping(Path p) {
        String name = p.getFileName().toString();
        if (p.getParent().equals(root) && (name.equals(Manifest.FILE_NAME) || name.equals(PENDING_MANIFEST))) {
            return true;
        }
        for (Path d = p; d != null && !d.equals(root); d = d.getParent()) {
            if (isTemporary(d)) {
                return true;
            }
        }
        return false;
    }

    private static String planOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
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
        Path tmp = new GeneratedDirectory(target.getParent(), GeneratedDirectory::writeNew).stage(target, bytes)[0];
        boolean moved = false;
        try {
            move(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A random name {@code .<name>.scaleplan-<random>.tmp} beside {@code target}. */
    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMPORARY_TAG
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    }

    /**
     * Creates {@code file} and writes {@code bytes}. Opened with CREATE_NEW and no TRUNCATE_EXISTING:
     * truncating a new file cost more than the rest of the write on this project's machines
     * (bench/RESULTS.md), and Files.createTempFile + write truncates. Written in slices of at most
     * {@value #WRITE_SLICE} bytes: the file channel copies each write into a direct buffer that its
     * thread keeps (up to 16 of them), so one write of a 4 MB file left 4 MB of native memory per
     * writing thread behind; a slice bounds that at the slice's size.
     */
    private static void writeNew(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int at = 0; at < bytes.length; at += WRITE_SLICE) {
                out.write(bytes, at, Math.min(WRITE_SLICE, bytes.length - at));
            }
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
