package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.chart.ChartLocator;
import io.scaleplan.compiler.load.LoadedPlan;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.processor.PlanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The up-to-date check of {@code compile}/{@code generate} and {@code check}, as Gradle's or
 * Bazel's: a run that compiled every plan records a digest of every input that determines the
 * outputs ({@link Manifest.Stamp}) in a stamp file kept outside Git, in the build folder next to
 * the plans' compile cache ({@code plans/target/scaleplan-plans/up-to-date/}), one per output
 * folder, with the SHA-256 of the manifest's bytes it was written with. The committed manifest
 * holds only the files, so a compile leaves it exactly as the Maven plugin writes it. A later run
 * whose inputs have the same digest, over a folder whose manifest has the recorded bytes and whose
 * every file still matches its manifest hash (and that holds nothing else), answers without
 * loading, compiling or emitting. Any doubt is the full path: no stamp ({@code mvn clean}), a
 * damaged one, a manifest changed behind the stamp's back ({@code git checkout} of another
 * {@code generated/}, another tool's write), a digest that cannot be taken (plans of unknown
 * origin, a link in a chart), a leftover of an interrupted run, an unlisted, missing or edited
 * file.
 *
 * <p>The inputs: the plans' code (their sources' digest, or their classes'), scaleplan's own code
 * (every class of the compiler and the DSL it runs with, by content), the files of every chart the
 * plans render for the chart oracle (found as the compile finds them), the options that change
 * outputs ({@code --strict}, the regenerate command in the headers) and the {@code SCALEPLAN_*}
 * environment variables a plan may read (the launcher's own are left out). Plans are assumed to be
 * functions of those: a plan that reads other files, other variables or the clock is not tracked.
 * The stamp keeps what the compile printed about the plans (their warnings), so an up-to-date
 * answer prints exactly what a compile would.
 */
public final class UpToDate {
    private UpToDate() {}

    private static final String VERSION = "scaleplan-up-to-date-2";

    /** The stamps' folder below an adapter's state folder. */
    static final String STAMPS = "up-to-date";

    /** How a recorded diagnostic names the folder of the plans' sources. */
    static final String SOURCE_ROOT = "${source-root}/";

    /** The launcher's variables: where things are and how the JVM runs, not what plans compute. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of(
            "SCALEPLAN_ROOT",
            "SCALEPLAN_SOURCE_ROOT",
            "SCALEPLAN_PLANS_MODULE",
            "SCALEPLAN_CLASS_PATH",
            "SCALEPLAN_JAVA_OPTS",
            "SCALEPLAN_CDS",
            "SCALEPLAN_CDS_DIR");

    /**
     * What the adapter knows of the inputs before anything is loaded.
     *
     * @param plans the digest of the plans' code (see {@link #digestOf(List)}); empty when unknown,
     *     and then nothing is ever up to date
     * @param options every option that changes the outputs, as {@code name=value}
     * @param environment the process environment (the {@code SCALEPLAN_*} variables count)
     * @param charts how charts are found, as the compile finds them
     * @param printed once compiled: the lines printed about the plans (their diagnostics), which an
     *     up-to-date answer prints again; not an input
     * @param sourceRoot the folder the printed diagnostics name sources below: recorded as {@value
     *     #SOURCE_ROOT}, so that the stamp names no folder of this machine
     * @param state the build folder (outside Git) the stamps are kept in; empty: nothing is ever
     *     up to date
     */
    public record Inputs(
            Optional<String> plans,
            List<String> options,
            Map<String, String> environment,
            ChartLocator charts,
            List<String> printed,
            Optional<Path> sourceRoot,
            Optional<Path> state) {
        public Inputs {
            options = List.copyOf(options);
            environment = Map.copyOf(environment);
            printed = List.copyOf(printed);
        }

        /** These inputs, once compiled, with what the compile printed about the plans. */
        public Inputs printing(List<String> lines) {
            return new Inputs(plans, options, environment, charts, lines, sourceRoot, state);
        }

        private Optional<String> prefix() {
            return sourceRoot.map(r -> r.toString().replace('\\', '/') + "/");
        }

        /** The printed lines as recorded: the source root's folder as {@value #SOURCE_ROOT}; empty if ambiguous. */
        Optional<List<String>> recorded() {
            List<String> out = new ArrayList<>();
            for (String line : printed) {
                if (line.startsWith(SOURCE_ROOT) || line.contains("\n") || line.contains("\r")) {
                    return Optional.empty();
                }
                Optional<String> prefix = prefix();
                out.add(
                        prefix.isPresent() && line.startsWith(prefix.get())
                                ? SOURCE_ROOT + line.substring(prefix.get().length())
                                : line);
            }
            return Optional.of(out);
        }

        /** Recorded lines as this run prints them. */
        List<String> shown(List<String> recorded) {
            return recorded.stream()
                    .map(line -> line.startsWith(SOURCE_ROOT) && prefix().isPresent()
                            ? prefix().get() + line.substring(SOURCE_ROOT.length())
                            : line)
                    .toList();
        }

        /**
         * The inputs of a command line compile in the project at {@code root}: the plans' digest,
         * {@code --strict}, the default regenerate command, the folder diagnostics name sources
         * from (relative to {@code root} when below it, so that another checkout has the same
         * digest), this process's environment, charts found from the working folder; the stamps
         * kept in {@code state}.
         */
        public static Inputs of(
                Optional<String> plans, boolean strict, Optional<Path> sourceRoot, Path root, Path state) {
            Path project = root.toAbsolutePath().normalize();
            String shownRoot = sourceRoot
                    .map(r -> r.isAbsolute() && r.normalize().startsWith(project)
                            ? "<root>/" + project.relativize(r.normalize())
                            : r.toString())
                    .orElse("");
            return new Inputs(
                    plans,
                    List.of(
                            "strict=" + strict,
                            "regenerate=" + io.scaleplan.compiler.render.Headers.DEFAULT_COMMAND,
                            "sourceRoot=" + shownRoot.replace('\\', '/')),
                    System.getenv(),
                    ChartLocator.fromWorkingDirectory(),
                    List.of(),
                    sourceRoot,
                    Optional.of(state));
        }

        /** Inputs that are never up to date (plans of unknown origin). */
        public static Inputs unknown() {
            return new Inputs(
                    Optional.empty(),
                    List.of(),
                    Map.of(),
                    ChartLocator.fromWorkingDirectory(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * An up-to-date answer: the folder's manifest and the stamp it was recorded with.
     *
     * @param manifest the output folder's manifest
     * @param stamp the stamp of the run that wrote it
     */
    public record Answer(Manifest manifest, Manifest.Stamp stamp) {}

    /**
     * The folder's manifest and stamp when the folder is up to date for {@code inputs}: a stamp with
     * the same digest, recorded for the manifest's bytes as they are, every file there with its hash
     * and nothing else. Empty means: take the full path.
     */
    public static Optional<Answer> answer(Path output, Inputs inputs) {
        if (inputs.plans().isEmpty() || inputs.state().isEmpty()) {
            return Optional.empty();
        }
        Optional<Recorded> recorded = readStamp(stampFile(inputs.state().get(), output));
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Manifest.Stamp stamp = recorded.get().stamp();
        GeneratedDirectory folder = GeneratedDirectory.open(output);
        Optional<Manifest> manifest;
        try {
            byte[] bytes = Files.readAllBytes(output.resolve(Manifest.FILE_NAME));
            if (!Manifest.sha256(bytes).equals(recorded.get().manifest())) {
                return Optional.empty();
            }
            manifest = folder.manifest();
        } catch (IOException | UncheckedIOException damaged) {
            return Optional.empty();
        }
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Set<String> plans = Set.copyOf(stamp.plans());
        if (!manifest.get().files().keySet().stream().allMatch(p -> plans.contains(planOf(p)))) {
            return Optional.empty();
        }
        Optional<String> now = digest(inputs, stamp.charts()).map(d -> seal(d, stamp.plans(), stamp.printed()));
        if (now.isEmpty() || !now.get().equals(stamp.inputs())) {
            return Optional.empty();
        }
        return folder.holdsExactly(manifest.get()) ? Optional.of(new Answer(manifest.get(), stamp)) : Optional.empty();
    }

    /**
     * Forgets the stamp of {@code output}, before the folder is written: a run that fails or is
     * interrupted leaves no stamp.
     */
    static void forget(Path output, Inputs inputs) {
        inputs.state().ifPresent(state -> {
            try {
                Files.deleteIfExists(stampFile(state, output));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot remove the up-to-date stamp of " + output + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Records the stamp of {@code output} once written from {@code compiled}: only when every plan
     * was compiled and the inputs' digest can be taken; with the SHA-256 of the manifest's bytes.
     * A stamp that cannot be written is no stamp (the next run compiles).
     */
    static void record(Path output, CompiledPlans compiled, Inputs inputs) {
        Optional<Manifest.Stamp> stamp = stamp(compiled, inputs);
        if (stamp.isEmpty() || inputs.state().isEmpty()) {
            return;
        }
        Path file = stampFile(inputs.state().get(), output);
        try {
            Manifest.Stamp s = stamp.get();
            StringBuilder text = new StringBuilder(VERSION).append('\n');
            text.append("manifest ")
                    .append(Manifest.sha256(Files.readAllBytes(output.resolve(Manifest.FILE_NAME))))
                    .append('\n');
            text.append("inputs ").append(s.inputs()).append('\n');
            text.append("plans ").append(String.join(" ", s.plans())).append('\n');
            s.charts().forEach(c -> text.append("chart ").append(c).append('\n'));
            s.printed().forEach(line -> text.append("| ").append(line).append('\n'));
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            // no stamp: the next run takes the full path
        }
    }

    /** A stamp as kept on disk, with the SHA-256 of the manifest bytes it was recorded for. */
    private record Recorded(String manifest, Manifest.Stamp stamp) {}

    /** The stamp file of {@code output}: below {@code state}, named by the output folder's absolute path. */
    public static Path stampFile(Path state, Path output) {
        String key = output.toAbsolutePath().normalize().toString();
        return state.resolve(STAMPS)
                .resolve(Manifest.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".stamp");
    }

    private static Optional<Recorded> readStamp(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        if (lines.size() < 4
                || !lines.get(0).equals(VERSION)
                || !lines.get(1).startsWith("manifest ")
                || !lines.get(2).startsWith("inputs ")
                || !lines.get(3).startsWith("plans ")) {
            return Optional.empty();
        }
        String manifest = lines.get(1).substring("manifest ".length());
        if (!manifest.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        List<String> charts = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        for (String line : lines.subList(4, lines.size())) {
            if (line.startsWith("chart ") && printed.isEmpty()) {
                charts.add(line.substring("chart ".length()));
            } else if (line.startsWith("| ")) {
                printed.add(line.substring(2));
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new Recorded(
                    manifest,
                    new Manifest.Stamp(
                            lines.get(2).substring("inputs ".length()),
                            List.of(lines.get(3).substring("plans ".length()).split(" ")),
                            charts,
                            printed)));
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    /**
     * The stamp for the outputs of {@code compiled}: only when every plan was compiled and the
     * inputs' digest can be taken.
     */
    static Optional<Manifest.Stamp> stamp(CompiledPlans compiled, Inputs inputs) {
        Optional<List<String>> printed = inputs.recorded();
        if (!compiled.ok()
                || !compiled.allPlans()
                || inputs.plans().isEmpty()
                || printed.isEmpty()
                || (inputs.printed().isEmpty() && !compiled.diagnostics().isEmpty())) {
            return Optional.empty();
        }
        Set<String> charts = new TreeSet<>();
        for (LoadedPlan p : compiled.selected()) {
            p.plan().ifPresent(plan -> addChart(plan, charts));
            p.event().ifPresent(event -> {
                addChart(event.base(), charts);
                event.phases().stream().map(EventPhase::plan).forEach(plan -> addChart(plan, charts));
            });
        }
        List<String> chartList = List.copyOf(charts);
        List<String> plans = List.copyOf(new TreeSet<>(compiled.plans()));
        return digest(inputs, chartList)
                .map(d -> new Manifest.Stamp(seal(d, plans, printed.get()), plans, chartList, printed.get()));
    }

    private static void addChart(ScalingPlan plan, Set<String> charts) {
        for (io.scaleplan.dsl.Namespace ns : plan.namespaces()) {
            if (!ns.release().isPlainManifests()) {
                charts.add(ns.release().chart());
            }
        }
    }

    /** The plan a folder-relative output path belongs to: its first segment. */
    static String planOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The digest of every input, or empty when one cannot be taken. */
    private static Optional<String> digest(Inputs inputs, List<String> charts) {
        MessageDigest sha = sha256();
        field(sha, VERSION);
        field(sha, inputs.plans().orElseThrow());
        Optional<String> code = codeDigest();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        field(sha, code.get());
        inputs.options().forEach(o -> field(sha, "option " + o));
        new TreeMap<>(inputs.environment()).forEach((name, value) -> {
            if (name.startsWith("SCALEPLAN_") && !LAUNCHER_VARIABLES.contains(name)) {
                field(sha, "env " + name + "=" + value);
            }
        });
        for (String chart : charts) {
            field(sha, "chart " + chart);
            Optional<Path> folder = inputs.charts().find(chart);
            if (folder.isEmpty()) {
                field(sha, "not found");
                continue;
            }
            Optional<String> files = digestOf(List.of(folder.get()));
            if (files.isEmpty()) {
                return Optional.empty();
            }
            field(sha, files.get());
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * The recorded digest: the inputs' and the rest of the stamp's, so that a stamp whose plans or
     * printed lines were edited (by hand, or mixed by a merge) is no stamp.
     */
    private static String seal(String inputs, List<String> plans, List<String> printed) {
        MessageDigest sha = sha256();
        field(sha, inputs);
        field(sha, "plans");
        plans.forEach(p -> field(sha, p));
        field(sha, "printed");
        printed.forEach(l -> field(sha, l));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** scaleplan's own code: the compiler's, the DSL's and the annotation processor's classes, by content. */
    private static Optional<String> codeDigest() {
        Set<Path> locations = new LinkedHashSet<>();
        for (Class<?> c : List.of(PlanCompiler.class, PlanDefinition.class, PlanProcessor.class)) {
            try {
                locations.add(Path.of(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | NullPointerException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return digestOf(List.copyOf(locations));
    }

    /**
     * A digest of the content of {@code paths}, in order: a folder by every file under it (relative
     * path and bytes), a jar by every entry (name, CRC-32 and size, from its central directory, see
     * {@link #jar}), another file by its bytes, a missing path as missing. Empty when a path holds a link or
     * cannot be read: then nothing is up to date.
     */
    public static Optional<String> digestOf(List<Path> paths) {
        MessageDigest sha = sha256();
        try {
            for (Path path : paths) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException missing) {
                    field(sha, "missing");
                    continue;
                }
                if (a.isDirectory()) {
                    field(sha, "folder");
                    if (!folder(path, sha)) {
                        return Optional.empty();
                    }
                } else if (!a.isRegularFile()) {
                    return Optional.empty();
                } else if (path.getFileName().toString().endsWith(".jar")) {
                    field(sha, "jar");
                    jar(path, sha);
                } else {
                    field(sha, "file");
                    sha.update(ByteBuffer.wrap(Files.readAllBytes(path)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    private static boolean folder(Path root, MessageDigest sha) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    files.add(p);
                } else if (!a.isDirectory()) {
                    return false;
                }
            }
        }
        files.sort(null);
        for (Path p : files) {
            field(sha, root.relativize(p).toString().replace('\\', '/'));
            sha.update(ByteBuffer.wrap(Files.readAllBytes(p)));
            sha.update((byte) 0);
        }
        return true;
    }

    /**
     * A jar by its entries' names, CRC-32s and sizes (not their times: a rebuild of the same code is
     * the same jar), read from its central directory as they are stored and summed with CRC-32 and
     * Adler-32 (both native): every command digests the CLI jar (6,900 entries), and decoding the
     * entries into {@link ZipEntry}s, sorting them and feeding them to SHA-256 took 45 to 110 ms of
     * an up-to-date {@code check}'s 300, the JVM's code being cold (bench/RESULTS.md). The entries'
     * CRC-32s stand for their bytes either way. A jar this does not read (ZIP64, a damaged central
     * directory) is digested through {@link ZipFile}.
     */
    private static void jar(Path path, MessageDigest sha) throws IOException {
        byte[] directory = centralDirectory(path);
        if (directory == null) {
            zipEntries(path, sha);
            return;
        }
        CRC32 crc = new CRC32();
        Adler32 adler = new Adler32();
        int entries = 0;
        for (int at = 0; at < directory.length; entries++) {
            if (at + 46 > directory.length || u32(directory, at) != 0x02014b50L) {
                zipEntries(path, sha);
                return;
            }
            int name = u16(directory, at + 28);
            int next = at + 46 + name + u16(directory, at + 30) + u16(directory, at + 32);
            if (next > directory.length) {
                zipEntries(path, sha);
                return;
            }
            // CRC-32 (at 16), then the size (24) and the name's length (28), then the name (46)
            crc.update(directory, at + 16, 4);
            crc.update(directory, at + 24, 6);
            crc.update(directory, at + 46, name);
            adler.update(directory, at + 16, 4);
            adler.update(directory, at + 24, 6);
            adler.update(directory, at + 46, name);
            at = next;
        }
        field(sha, entries + " entries " + Long.toHexString(crc.getValue()) + " " + Long.toHexString(adler.getValue()));
    }

    /** The central directory of the zip file at {@code path}, or null when it is not a plain (non-ZIP64) one. */
    private static byte[] centralDirectory(Path path) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = file.size();
            int tail = (int) Math.min(size, 22 + 0xFFFF);
            ByteBuffer end = ByteBuffer.allocate(tail);
            readFully(file, end, size - tail);
            byte[] bytes = end.array();
            for (int at = tail - 22; at >= 0; at--) {
                if (u32(bytes, at) == 0x06054b50L && at + 22 + u16(bytes, at + 20) == tail) {
                    long length = u32(bytes, at + 12);
                    long offset = u32(bytes, at + 16);
                    if (u16(bytes, at + 10) == 0xFFFF
                            || length == 0xFFFFFFFFL
                            || offset == 0xFFFFFFFFL
                            || offset + length > size - tail + at
                            || length > Integer.MAX_VALUE - 8) {
                        return null;
                    }
                    ByteBuffer directory = ByteBuffer.allocate((int) length);
                    readFully(file, directory, offset);
                    return directory.array();
                }
            }
            return null;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (file.read(into, position + into.position()) < 0) {
                throw new java.io.EOFException();
            }
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }

    /** A jar by every entry, decoded, in name order. */
    private static void zipEntries(Path path, MessageDigest sha) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement());
            }
            entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
            for (ZipEntry e : entries) {
                if (e.getCrc() < 0) {
                    throw new ZipException(path + ": " + e.getName() + " has no CRC");
                }
                field(sha, e.getName() + " " + Long.toHexString(e.getCrc()) + " " + e.getSize());
            }
        }
    }

    private static void field(MessageDigest sha, String value) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
