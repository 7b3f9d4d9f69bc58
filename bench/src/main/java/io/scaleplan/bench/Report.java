package io.scaleplan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns bench/run.sh's raw.tsv (one row per run) into the Markdown tables of bench/RESULTS.md:
 * medians per tool, scenario and N, the ratios the targets name, and the growth from 1,000 to
 * 5,000 services. {@code java -cp bench/target/classes io.scaleplan.bench.Report raw.tsv}
 */
public final class Report {
    private Report() {}

    /** Medians of one tool's scenario at one N. */
    record Median(double wall, double cpu, long rssKib) {}

    public static void main(String[] args) throws IOException {
        System.out.print(render(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    static String render(List<String> lines) {
        // key "tool scenario" → N → runs
        Map<String, Map<Integer, List<double[]>>> runs = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            runs.computeIfAbsent(f[0] + " " + f[1], k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(f[2]), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
        }
        Map<String, Map<Integer, Median>> medians = new TreeMap<>(Comparator.comparing(Report::order));
        runs.forEach((k, byN) -> byN.forEach((n, rs) -> medians.computeIfAbsent(k, x -> new TreeMap<>())
                .put(n, new Median(median(rs, 0), median(rs, 1), (long) median(rs, 2)))));
        TreeSet<Integer> sizes = new TreeSet<>();
        medians.values().forEach(m -> sizes.addAll(m.keySet()));

        StringBuilder b = new StringBuilder();
        b.append("### Medians: wall s / CPU s (user+sys) / peak RSS MiB\n\n| tool · scenario |");
        sizes.forEach(n -> b.append(String.format(Locale.ROOT, " N = %,d |", n)));
        b.append("\n| --- |");
        sizes.forEach(n -> b.append(" ---: |"));
        b.append('\n');
        medians.forEach((k, byN) -> {
            b.append("| ").append(k.replace(" ", " · ")).append(" |");
            for (int n : sizes) {
                Median m = byN.get(n);
                b.append(
                        m == null
                                ? " – |"
                                : String.format(
                                        Locale.ROOT, " %.2f / %.2f / %d |", m.wall(), m.cpu(), m.rssKib() / 1024));
            }
            b.append('\n');
        });

        b.append("\n### Ratios (median wall time)\n\n| N | cdk8s best layout | scaleplan full / cdk8s best |"
                + " no-op / full | check / full | diff / full |\n| ---: | --- | ---: | ---: | ---: | ---: |\n");
        for (int n : sizes) {
            Optional<Map.Entry<String, Median>> best = medians.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("cdk8s ") && e.getValue().containsKey(n))
                    .map(e -> Map.entry(e.getKey().substring(6), e.getValue().get(n)))
                    .min(Comparator.comparingDouble(e -> e.getValue().wall()));
            Median full = wall(medians, "scaleplan full", n);
            b.append(String.format(
                    Locale.ROOT,
                    "| %,d | %s | %s | %s | %s | %s |\n",
                    n,
                    best.map(e -> e.getKey()
                                    + String.format(
                                            Locale.ROOT,
                                            " (%.2f s)",
                                            e.getValue().wall()))
                            .orElse("–"),
                    ratio(full, best.map(Map.Entry::getValue).orElse(null)),
                    ratio(wall(medians, "scaleplan noop", n), full),
                    ratio(wall(medians, "scaleplan check", n), full),
                    ratio(wall(medians, "scaleplan diff", n), full)));
        }

        if (sizes.contains(1_000) && sizes.contains(5_000)) {
            b.append("\n### Growth from N = 1,000 to N = 5,000 (median wall; linear ≈ 5)\n\n"
                    + "| tool · scenario | wall | CPU |\n| --- | ---: | ---: |\n");
            medians.forEach((k, byN) -> {
                Median a = byN.get(1_000);
                Median z = byN.get(5_000);
                if (a != null && z != null) {
                    b.append(String.format(
                            Locale.ROOT,
                            "| %s | %.2f× | %.2f× |\n",
                            k.replace(" ", " · "),
                            z.wall() / a.wall(),
                            z.cpu() / Math.max(0.01, a.cpu())));
                }
            });
        }
        return b.toString();
    }

    private static Median wall(Map<String, Map<Integer, Median>> medians, String key, int n) {
        Map<Integer, Median> byN = medians.get(key);
        return byN == null ? null : byN.get(n);
    }

    private static String ratio(Median a, Median b) {
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f", a.wall() / b.wall());
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** scaleplan's scenarios in the order they run, then cdk8s's layouts. */
    private static String order(String key) {
        List<String> first = List.of("scaleplan full", "scaleplan noop", "scaleplan check", "scaleplan diff");
        int i = first.indexOf(key);
        return i >= 0 ? i + key : "9" + key;
    }
}
