package io.scaleplan.compiler.git;

import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.output.GeneratedDirectory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The output folder ({@code generated/}) as part of the Git repository it lives in: a small facade
 * over JGit, shaped like its porcelain. Open it, ask what is committed, diff, or {@link #commit}.
 *
 * <pre>
 * try (GeneratedTree tree = GeneratedTree.open(Path.of("generated"))) {
 *     OutputDiff pending = tree.diffCommitted(plans, files, true);
 *     CommitOutcome outcome = tree.commit(plans, files).setBranch("scale-up").call();
 * }
 * </pre>
 *
 * Only files whose first line carries the scaleplan marker are ever compared, written or removed.
 */
public final class GeneratedTree implements AutoCloseable {
    private final Repository repository;
    private final Git git;
    private final Path output;
    private final String prefix;

    private GeneratedTree(Repository repository, Path output, String prefix) {
        this.repository = repository;
        this.git = new Git(repository);
        this.output = output;
        this.prefix = prefix;
    }

    /**
     * The output folder {@code outputDir} (it need not exist yet) in the repository found by walking
     * up from it to a {@code .git}.
     *
     * @throws GitRefusalException {@link Refusal.Reason#NOT_A_REPOSITORY} when there is none, or
     *     the output folder is the work tree's root
     */
    public static GeneratedTree open(Path outputDir) {
        Path abs = outputDir.toAbsolutePath().normalize();
        try {
            Path existing = abs;
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                throw notARepository(abs);
            }
            Path real = existing.toRealPath().resolve(existing.relativize(abs));
            FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(real.toFile());
            if (builder.getGitDir() == null) {
                throw notARepository(abs);
            }
            Repository repository = builder.setMustExist(true).build();
            if (repository.isBare()) {
                repository.close();
                throw notARepository(abs);
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String prefix = workTree.relativize(real).toString().replace(File.separatorChar, '/');
            if (prefix.isEmpty() || prefix.startsWith("..")) {
                repository.close();
                throw new GitRefusalException(
                        Refusal.Reason.NOT_A_REPOSITORY,
                        "the output folder " + abs + " must be a folder inside the work tree " + workTree,
                        List.of());
            }
            return new GeneratedTree(repository, real, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Git repository of " + abs + ": " + e.getMessage(), e);
        }
    }

    private static GitRefusalException notARepository(Path abs) {
        return new GitRefusalException(
                Refusal.Reason.NOT_A_REPOSITORY, "not inside a Git repository: " + abs, List.of());
    }

    /** The output folder's path in the work tree ({@code generated}), forward slashes. */
    public String prefix() {
        return prefix;
    }

    /** The output folder on disk. */
    public Path output() {
        return output;
    }

    Repository repository() {
        return repository;
    }

    Git git() {
        return git;
    }

    /** The scaleplan files of the output folder as committed at HEAD, by output-relative path; empty before the first commit. */
    public Map<String, byte[]> committed() {
        try {
            return committedAt(repository.resolve(Constants.HEAD + "^{commit}"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    /**
     * The scaleplan files of the output folder as committed at {@code ref}: a branch, tag, commit id
     * or expression such as {@code origin/main} or {@code HEAD~1}.
     *
     * @throws GitRefusalException {@link Refusal.Reason#UNKNOWN_REVISION} when it names no commit
     */
    public Map<String, byte[]> committedAt(String ref) {
        ObjectId commit;
        try {
            commit = repository.resolve(ref + "^{commit}");
        } catch (IOException | RuntimeException e) {
            commit = null;
        }
        if (commit == null) {
            throw new GitRefusalException(
                    Refusal.Reason.UNKNOWN_REVISION,
                    "no commit named " + ref + " in " + repository.getWorkTree()
                            + " (in CI, fetch the base branch first: git fetch origin "
                            + ref.replaceFirst("^origin/", "")
                            + ")",
                    List.of());
        }
        try {
            return committedAt(commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    /** The scaleplan files of the output folder in {@code commit}; empty when it is null. */
    Map<String, byte[]> committedAt(ObjectId commit) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (commit == null) {
            return files;
        }
        try (RevWalk walk = new RevWalk(repository);
                ObjectReader reader = repository.newObjectReader();
                TreeWalk tree = new TreeWalk(reader)) {
            RevCommit c = walk.parseCommit(commit);
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(prefix));
            while (tree.next()) {
                if (!tree.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.REGULAR_FILE)
                        && !tree.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE)) {
                    continue;
                }
                byte[] bytes = reader.open(tree.getObjectId(0)).getBytes();
                if (GeneratedDirectory.isOwn(bytes)) {
                    files.put(tree.getPathString().substring(prefix.length() + 1), bytes);
                }
            }
        }
        return files;
    }

    /** The scaleplan files of the output folder on disk, by output-relative path. */
    public Map<String, byte[]> onDisk() {
        return GeneratedDirectory.open(output).readAll();
    }

    /**
     * How what the plans produce differs from what is committed at HEAD. With {@code allPlans},
     * committed files of plans not in {@code plans} count as removed; otherwise only the folders of
     * {@code plans} are compared.
     */
    public OutputDiff diffCommitted(Collection<String> plans, Collection<GeneratedFile> files, boolean allPlans) {
        return OutputDiff.compareBytes(scope(committed(), plans, allPlans), produced(files));
    }

    /** The files of {@code state} that belong to {@code plans} (all of them with {@code allPlans}). */
    public static Map<String, byte[]> scope(Map<String, byte[]> state, Collection<String> plans, boolean allPlans) {
        Map<String, byte[]> out = new TreeMap<>();
        state.forEach((path, bytes) -> {
            int slash = path.indexOf('/');
            if (allPlans || plans.contains(slash < 0 ? path : path.substring(0, slash))) {
                out.put(path, bytes);
            }
        });
        return out;
    }

    /** The produced files as path → bytes. */
    public static Map<String, byte[]> produced(Collection<GeneratedFile> files) {
        Map<String, byte[]> out = new TreeMap<>();
        files.forEach(f -> out.put(f.path(), f.bytes()));
        return out;
    }

    /**
     * A command that writes {@code files} (every plan's outputs; scaleplan files of other plans are
     * removed) and commits what changed.
     */
    public CommitCommand commit(Collection<String> plans, Collection<GeneratedFile> files) {
        return new CommitCommand(this, List.copyOf(plans), List.copyOf(files));
    }

    @Override
    public void close() {
        git.close();
        repository.close();
    }
}
