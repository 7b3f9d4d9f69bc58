package io.scaleplan.compiler.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an event's folder ({@code generated/black-friday/}: {@code 01-pre-scale/}, {@code
 * 02-during/}, {@code 03-post-event/}). The post-event phase's files are the base plan's, byte for
 * byte, so the base plan is imported from them; each other phase is its {@code APPLY.md}: when it
 * applies and its changes from the phase before (replica ranges, expected loads, node pool bounds,
 * {@code max_connections}).
 */
final class EventReader {
    private static final Pattern PHASE_FOLDER = Pattern.compile("\\d\\d-(pre-scale|during|post-event)");
    private static final Pattern WHEN = Pattern.compile(
            "When: (?:(right|(\\d+) (minute|minutes|hour|hours)) (before the event starts|after the event ends)"
                    + "|when the event starts)\\..*");
    private static final Pattern BASE =
            Pattern.compile(".* These files are the base plan `([a-z0-9-]+)`, byte for byte\\.");
    private static final Pattern REPLICAS =
            Pattern.compile("- `([a-z0-9-]+)`: (\\d+)(?:\\.\\.(\\d+))? → (\\d+)(?:\\.\\.(\\d+))? replicas");
    private static final Pattern LOAD = Pattern.compile("- `([a-z0-9-]+)`: expected load (\\d+ rps|none) → (\\d+) rps");
    private static final Pattern NODES =
            Pattern.compile("- node pool `([a-z0-9-]+)`: \\d+\\.\\.\\d+ → (\\d+)\\.\\.(\\d+) nodes");
    private static final Pattern MAX_CONNECTIONS =
            Pattern.compile("- PostgreSQL `max_connections`: \\d+ → (\\d+) \\(restart\\)");

    /** A service's change in a phase: a new minimum or fixed count, a new maximum, a new expected load. */
    static final class ServiceChange {
        Integer replicas;
        Integer maxReplicas;
        Long expectedLoad;
    }

    /** A node pool's new bounds. */
    record NodesChange(String pool, int min, int max) {}

    /** One phase before the post-event one: its kind ({@code pre-scale}, {@code during}), offset and changes. */
    record Phase(
            String kind,
            long offsetSeconds,
            Map<String, ServiceChange> services,
            List<NodesChange> nodes,
            Optional<Integer> maxConnections) {}

    /** The event: its name and class, its base plan's name, the post-event lag, the phases before it. */
    record EventFacts(String name, String className, String baseName, long postEventSeconds, List<Phase> phases) {}

    private EventReader() {}

    /** The phase folders of {@code dir} by kind, in their order; empty when it is no event's folder. */
    static Map<String, Path> phases(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                Matcher m = PHASE_FOLDER.matcher(p.getFileName().toString());
                if (Files.isDirectory(p) && m.matches() && Files.isRegularFile(p.resolve("APPLY.md"))) {
                    out.put(m.group(1), p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The event of {@code phases} ({@link #phases}); the base plan is then read from the post-event folder.
     *
     * @throws ImportException when there is no post-event phase or an {@code APPLY.md} is not as scaleplan writes it
     */
    static EventFacts read(Path dir, Map<String, Path> phases, Estate estate) {
        Path post = phases.get("post-event");
        if (post == null) {
            throw new ImportException(
                    dir.toString(),
                    0,
                    0,
                    "the event has no post-event phase folder, whose files are the base plan's:"
                            + " import the base plan's folder and write the event by hand");
        }
        List<String> postLines = lines(post.resolve("APPLY.md"));
        String base = null;
        long lag = -1;
        for (String line : postLines) {
            Matcher m = BASE.matcher(line);
            if (m.matches()) {
                base = m.group(1);
            }
            lag = lag >= 0 ? lag : offset(line);
        }
        if (base == null || lag < 0) {
            throw new ImportException(
                    post.resolve("APPLY.md").toString(),
                    3,
                    1,
                    "not the APPLY.md scaleplan writes for a post-event phase");
        }
        String name = null;
        String className = null;
        for (String line : lines(phases.values().iterator().next().resolve("APPLY.md"))) {
            Matcher m = Importer.HEADER.matcher(line);
            if (m.matches()) {
                name = m.group(1);
                className = m.group(2);
                break;
            }
        }
        if (name == null) {
            throw new ImportException(
                    phases.values().iterator().next().resolve("APPLY.md").toString(),
                    1,
                    1,
                    "no scaleplan header names the event");
        }
        List<Phase> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : phases.entrySet()) {
            if (!e.getKey().equals("post-event")) {
                out.add(phase(e.getKey(), e.getValue().resolve("APPLY.md"), estate));
            }
        }
        estate.note(
                dir.toString(),
                0,
                "the event " + name + ": its base plan " + base + " is read from " + post.getFileName()
                        + "/ (the post-event phase applies it), the other phases from their APPLY.md");
        return new EventFacts(name, className, base, lag, out);
    }

    private static Phase phase(String kind, Path apply, Estate estate) {
        long offset = -1;
        Map<String, ServiceChange> services = new LinkedHashMap<>();
        List<NodesChange> nodes = new ArrayList<>();
        Optional<Integer> maxConnections = Optional.empty();
        boolean changes = false;
        int number = 0;
        for (String line : lines(apply)) {
            number++;
            offset = offset >= 0 ? offset : offset(line);
            if (line.startsWith("## ")) {
                changes = line.equals("## Changes");
                continue;
            }
            if (!changes || !line.startsWith("- ")) {
                continue;
            }
            Matcher m;
            if ((m = REPLICAS.matcher(line)).matches()) {
                ServiceChange c = services.computeIfAbsent(m.group(1), n -> new ServiceChange());
                boolean autoscaled = m.group(5) != null;
                if (!m.group(2).equals(m.group(4)) || !autoscaled) {
                    c.replicas = Integer.parseInt(m.group(4));
                }
                if (autoscaled && !m.group(3).equals(m.group(5))) {
                    c.maxReplicas = Integer.parseInt(m.group(5));
                }
            } else if ((m = LOAD.matcher(line)).matches()) {
                services.computeIfAbsent(m.group(1), n -> new ServiceChange()).expectedLoad =
                        Long.parseLong(m.group(3));
            } else if ((m = NODES.matcher(line)).matches()) {
                nodes.add(new NodesChange(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            } else if ((m = MAX_CONNECTIONS.matcher(line)).matches()) {
                maxConnections = Optional.of(Integer.parseInt(m.group(1)));
            } else {
                estate.warn(
                        apply.toString(),
                        number,
                        1,
                        "a change an event phase cannot state is left out: " + line.substring(2));
            }
        }
        if (offset < 0) {
            throw new ImportException(
                    apply.toString(),
                    3,
                    1,
                    "not the APPLY.md scaleplan writes for an event's phase (no \"When:\" line)");
        }
        return new Phase(kind, offset, services, nodes, maxConnections);
    }

    /** The seconds a {@code When:} line names, 0 for "when the event starts"; -1 for another line. */
    private static long offset(String line) {
        Matcher m = WHEN.matcher(line);
        if (!m.matches()) {
            return -1;
        }
        if (m.group(1) == null || m.group(1).equals("right")) {
            return 0;
        }
        long n = Long.parseLong(m.group(2));
        return m.group(3).startsWith("hour") ? n * 3600 : n * 60;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
