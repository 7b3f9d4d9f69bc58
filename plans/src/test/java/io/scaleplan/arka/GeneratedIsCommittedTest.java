package io.scaleplan.arka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * In CI, on a clean clone: the generated/ this build wrote (the main job runs before the tests)
 * is byte for byte the generated/ committed at HEAD. A plan changed without its outputs fails here.
 * Developers see the same with {@code ./scaleplan check} or {@code ./scaleplan diff}; the test runs
 * only where {@code CI=true}, so that regenerating before committing does not fail the main job.
 */
@EnabledIfEnvironmentVariable(named = "CI", matches = "true")
class GeneratedIsCommittedTest {

    @Test
    void theBuildsOutputsAreTheCommittedOnes() throws IOException {
        Path root = ArkaPlans.root();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve(".git")), "not a Git checkout: " + root);
        Map<String, String> onDisk = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve("generated"))) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                onDisk.put(root.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        Map<String, String> committed = new TreeMap<>();
        try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(root.resolve(".git").toFile())
                        .build();
                RevWalk walk = new RevWalk(repo);
                TreeWalk tree = new TreeWalk(repo)) {
            ObjectId head = repo.resolve("HEAD");
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create("generated"));
            while (tree.next()) {
                committed.put(
                        tree.getPathString(),
                        new String(repo.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(onDisk.keySet())
                .as(
                        "files under generated/ written by this build vs committed at HEAD: run ./mvnw package and commit generated/")
                .containsExactlyElementsOf(committed.keySet());
        onDisk.forEach((path, text) -> assertThat(text)
                .as(path + " differs from HEAD: run ./mvnw package and commit generated/")
                .isEqualTo(committed.get(path)));
    }
}
