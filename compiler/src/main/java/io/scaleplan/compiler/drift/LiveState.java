package io.scaleplan.compiler.drift;

import io.scaleplan.compiler.importer.ImportException;
import io.scaleplan.compiler.importer.PgSettingsTable;
import io.scaleplan.compiler.importer.RedisReader;
import io.scaleplan.compiler.importer.YamlTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster says, from the files an operator saves: {@code kubectl get hpa,pdb,deploy -o
 * yaml} (a {@code List}, or single objects), {@code psql -c "SELECT name, setting, unit[,
 * pending_restart, sourcefile] FROM pg_settings"}, {@code redis-cli CONFIG GET '*'}. Each file's
 * kind is read from its content.
 *
 * @param objects the Kubernetes objects, lists flattened
 * @param postgres the pg_settings rows; empty when no such file was given
 * @param redis the CONFIG GET pairs; empty when no such file was given
 * @param notes files or documents that were skipped, and why
 * @param namedPostgres the pg_settings rows of named PostgreSQL instances ({@code --postgres orders=FILE}), by name
 * @param namedRedis the CONFIG GET pairs of named Redis instances ({@code --redis cart=FILE}), by name
 */
public record LiveState(
        List<YamlTree> objects,
        Optional<List<PgSettingsTable.Row>> postgres,
        Optional<List<RedisReader.Pair>> redis,
        List<String> notes,
        Map<String, List<PgSettingsTable.Row>> namedPostgres,
        Map<String, List<RedisReader.Pair>> namedRedis) {

    public LiveState {
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
        namedPostgres = Map.copyOf(namedPostgres);
        namedRedis = Map.copyOf(namedRedis);
    }

    /** The live state of the default instances only. */
    public LiveState(
            List<YamlTree> objects,
            Optional<List<PgSettingsTable.Row>> postgres,
            Optional<List<RedisReader.Pair>> redis,
            List<String> notes) {
        this(objects, postgres, redis, notes, Map.of(), Map.of());
    }

    /**
     * This state with the servers of named instances: {@code postgres} maps an instance's name to
     * psql's output of pg_settings on its server, {@code redis} to redis-cli's CONFIG GET output.
     *
     * @throws ImportException when a file is not the output it is given as
     * @throws UncheckedIOException when one cannot be read
     */
    public LiveState withInstances(Map<String, Path> postgres, Map<String, Path> redis) {
        Map<String, List<PgSettingsTable.Row>> pg = new LinkedHashMap<>(namedPostgres);
        postgres.forEach((name, path) -> {
            String text = text(path);
            if (!PgSettingsTable.looksLike(text)) {
                throw new ImportException(
                        path.toString(),
                        1,
                        1,
                        "--postgres " + name + ": not psql's output of SELECT name, setting, unit FROM pg_settings");
            }
            pg.put(name, PgSettingsTable.parse(text, path.toString()));
        });
        Map<String, List<RedisReader.Pair>> rd = new LinkedHashMap<>(namedRedis);
        redis.forEach((name, path) -> {
            String text = text(path);
            if (!RedisReader.looksLikeConfigGet(text)) {
                throw new ImportException(
                        path.toString(), 1, 1, "--redis " + name + ": not the output of redis-cli CONFIG GET '*'");
            }
            rd.put(name, RedisReader.configGet(text, path.toString()));
        });
        return new LiveState(objects, this.postgres, this.redis, notes, pg, rd);
    }

    private static String text(Path path) {
        String file = path.toString();
        try {
            return Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ImportException(file, 0, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code files}.
     *
     * @throws ImportException with file:line:column when one is malformed
     * @throws UncheckedIOException when one cannot be read
     */
    public static LiveState read(List<Path> files) {
        List<YamlTree> objects = new ArrayList<>();
        List<PgSettingsTable.Row> rows = null;
        List<RedisReader.Pair> pairs = null;
        List<String> notes = new ArrayList<>();
        for (Path path : files) {
            String file = path.toString();
            String text = text(path);
            if (PgSettingsTable.looksLike(text)) {
                rows = rows == null ? new ArrayList<>() : rows;
                rows.addAll(PgSettingsTable.parse(text, file));
            } else if (RedisReader.looksLikeConfigGet(text)) {
                pairs = pairs == null ? new ArrayList<>() : pairs;
                pairs.addAll(RedisReader.configGet(text, file));
            } else {
                for (YamlTree doc : YamlTree.parseAll(text, file)) {
                    flatten(doc, objects, notes);
                }
            }
        }
        return new LiveState(objects, Optional.ofNullable(rows), Optional.ofNullable(pairs), notes);
    }

    private static void flatten(YamlTree doc, List<YamlTree> out, List<String> notes) {
        if (!doc.isMap() || !doc.get("kind").isScalar()) {
            notes.add(doc.where() + ": skipped a document that is not a Kubernetes object");
            return;
        }
        String kind = doc.get("kind").text("");
        if (kind.equals("List") || kind.endsWith("List")) {
            doc.get("items").items().forEach(i -> flatten(i, out, notes));
        } else if (kind.equals("HorizontalPodAutoscaler")
                || kind.equals("PodDisruptionBudget")
                || kind.equals("Deployment")
                || kind.equals("StatefulSet")) {
            out.add(doc);
        } else {
            notes.add(doc.where() + ": skipped " + kind + " "
                    + doc.get("metadata").get("name").text("")
                    + ": drift compares HPAs, PDBs, Deployments and StatefulSets");
        }
    }
}
