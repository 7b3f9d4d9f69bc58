package io.scaleplan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The file-system floor of a full compile (bench/files-floor.sh): the files of an output folder,
 * read into memory first, written again into a new folder and nothing else: no plan, no model, no
 * rendering, no hashing, no staging or renames, no manifest. {@code FilesFloor FROM TO [THREADS]}
 * writes the files of FROM below TO with THREADS writers (default 1; with more, each writes its
 * share of every folder) and prints how long the writing took in process.
 */
public final class FilesFloor {
    private FilesFloor() {}

    public static void main(String[] args) throws Exception {
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(from.relativize(p), Files.readAllBytes(p));
            }
        }
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        long start = System.nanoTime();
        List<Path> folders = files.keySet().stream()
                .map(Path::getParent)
                .filter(p -> p != null)
                .distinct()
                .toList();
        Files.createDirectories(to);
        for (Path folder : folders) {
            Files.createDirectories(to.resolve(folder));
        }
        List<Map.Entry<Path, byte[]>> all = new ArrayList<>(files.entrySet());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = t;
            done.add(pool.submit(() -> {
                for (int i = share; i < all.size(); i += threads) {
                    try {
                        Files.write(to.resolve(all.get(i).getKey()), all.get(i).getValue());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%d files, %d bytes, %d writer(s): written in %d ms%n", files.size(), bytes, threads, ms);
    }
}
