package io.scaleplan.compiler.git;

import io.scaleplan.compiler.diff.FileDiff;
import io.scaleplan.compiler.diff.OutputDiff;
import io.scaleplan.compiler.diff.TextReport;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.output.GeneratedDirectory;
import io.scaleplan.compiler.output.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Writes the plans' outputs into the output folder and commits the files that changed, like {@code
 * git commit} with the change described. Options as setters, then {@link #call()} once.
 *
 * <p>Refuses, explains and changes nothing when: a merge, rebase or similar is in progress; HEAD is
 * detached and no branch is given; another process holds {@code .git/index.lock}; changes outside
 * the output folder are staged; a file the plans produce was not written by scaleplan; files under
 * the output folder were edited by hand (unless {@link #setForce forced}); switching branch would
 * touch uncommitted work.
 */
public final class CommitCommand {
    private final GeneratedTree tree;
    private final List<String> plans;
    private final List<GeneratedFile> files;
    private String branch;
    private String message;
    private boolean force;
    private List<Path> sources = List.of();
    private boolean called;

    CommitCommand(GeneratedTree tree, List<String> plans, List<GeneratedFile> files) {
        this.tree = tree;
        this.plans = plans;
        this.files = files;
    }

    /** Commit on this branch: created at HEAD if it does not exist, checked out if it does. */
    public CommitCommand setBranch(String branch) {
        this.branch = branch;
        return this;
    }

    /** The commit subject after the plans' names, instead of {@code update generated outputs}. */
    public CommitCommand setMessage(String message) {
        this.message = message;
        return this;
    }

    /**
     * The folders of the plans' sources (and the charts they bind to): their changes, staged or
     * not, new files included, are committed with the outputs, so that a commit's outputs are
     * those of its sources. Folders outside the work tree are ignored.
     */
    public CommitCommand setSources(java.util.Collection<Path> folders) {
        this.sources = List.copyOf(folders);
        return this;
    }

    /** Overwrite hand-edited files under the output folder (and name them in the commit body). */
    public CommitCommand setForce(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * Does it: checks, writes, stages, commits.
     *
     * @return the outcome; refusals are outcomes, not exceptions
     * @throws UncheckedIOException when the disk or the repository fails underneath
     */
    public CommitOutcome call() {
        if (called) {
            throw new IllegalStateException("a commit command runs once");
        }
        called = true;
        try {
            return run();
        } catch (GitRefusalException e) {
            return CommitOutcome.refused(e.refusal());
        } catch (IOException | GitAPIException | RuntimeException e) {
            if (isLock(e)) {
                return CommitOutcome.refused(lockRefusal());
            }
            if (e instanceof RuntimeException r
                    && (r instanceof UncheckedIOException || !(r.getCause() instanceof IOException))) {
                throw r;
            }
            throw new UncheckedIOException(
                    "git: " + e.getMessage(), e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private CommitOutcome run() throws IOException, GitAPIException {
        Repository repo = tree.repository();
        String prefix = tree.prefix() + "/";
        checkState(repo);
        Ref head = repo.exactRef(Constants.HEAD);
        boolean detached = head != null && !head.isSymbolic();
        if (detached && branch == null) {
            throw new GitRefusalException(
                    Refusal.Reason.DETACHED_HEAD,
                    "HEAD is detached: name the branch to commit on with --branch NAME",
                    List.of());
        }
        ObjectId headCommit = repo.resolve(Constants.HEAD + "^{commit}");
        String current = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
        String target = branch == null ? current : Constants.R_HEADS + branch;
        if (branch != null && !Repository.isValidRefName(target)) {
            throw new GitRefusalException(
                    Refusal.Reason.INVALID_BRANCH_NAME, "not a valid branch name: " + branch, List.of());
        }
        Ref targetRef = repo.exactRef(target);
        ObjectId targetCommit = targetRef == null ? null : targetRef.getObjectId();
        boolean checkout = targetRef != null && !target.equals(current) && !targetCommit.equals(headCommit);

        Status status = tree.git().status().call();
        List<String> sourcePrefixes = sourcePrefixes(repo);
        Set<String> staged = new TreeSet<>();
        staged.addAll(status.getAdded());
        staged.addAll(status.getChanged());
        staged.addAll(status.getRemoved());
        List<String> outside = staged.stream()
                .filter(p -> !p.startsWith(prefix) && !under(p, sourcePrefixes))
                .toList();
        if (!outside.isEmpty()) {
            throw new GitRefusalException(
                    Refusal.Reason.STAGED_OUTSIDE_OUTPUT,
                    "changes outside " + prefix
                            + (sourcePrefixes.isEmpty()
                                    ? ""
                                    : " and the plan sources (" + String.join(", ", sourcePrefixes) + ")")
                            + " are staged and would be swept into the commit: commit or unstage them first"
                            + " (git restore --staged PATH)",
                    outside);
        }
        Set<String> sourceChanges = new TreeSet<>();
        if (!sourcePrefixes.isEmpty()) {
            Set<String> candidates = new TreeSet<>(staged);
            candidates.addAll(status.getModified());
            candidates.addAll(status.getMissing());
            candidates.addAll(status.getUntracked());
            candidates.stream().filter(p -> under(p, sourcePrefixes)).forEach(sourceChanges::add);
        }
        if (checkout) {
            Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
            status.getUntracked().stream().filter(p -> p.startsWith(prefix)).forEach(dirty::add);
            if (!dirty.isEmpty()) {
                throw new GitRefusalException(
                        Refusal.Reason.WOULD_LOSE_WORK,
                        "checking out branch " + branch + " would overwrite or carry uncommitted changes:"
                                + " commit or stash them first",
                        List.copyOf(dirty));
            }
        }

        Map<String, byte[]> produced = GeneratedTree.produced(files);
        Map<String, byte[]> committed = tree.committedAt(checkout ? targetCommit : headCommit);
        if (produced.isEmpty() && !committed.isEmpty()) {
            throw new GitRefusalException(
                    Refusal.Reason.NO_OUTPUTS,
                    "the plans produce no file, but " + committed.size() + " outputs are committed under " + prefix
                            + ": scaleplan never commits the loss of every output (were the plans found?)",
                    List.of());
        }
        checkNotForeign(produced.keySet(), prefix);
        List<String> handEdits = checkout ? List.of() : handEdits(tree.onDisk(), committed, produced);
        if (!handEdits.isEmpty() && !force) {
            throw new GitRefusalException(
                    Refusal.Reason.HAND_EDITS,
                    "files under " + prefix + " were edited by hand (they differ from HEAD and from what the plans"
                            + " produce): move the change into the plan, or run again with --force to overwrite them",
                    handEdits.stream().map(p -> prefix + p).toList());
        }

        GeneratedDirectory output = GeneratedDirectory.open(tree.output());
        if (!checkout) {
            // what the output folder refuses (hand edits by its manifest, files it does not own), before any change
            output.verify(plans, files, true, force);
        }
        if (branch != null && !target.equals(current)) {
            switchTo(repo, target, checkout, headCommit, targetRef == null);
        }
        output.sync(plans, files, true, force);
        OutputDiff changes = OutputDiff.compareBytes(committed, produced);
        Optional<String> onBranch = Optional.ofNullable(repo.getBranch()).filter(b -> !ObjectId.isId(b));
        boolean manifestChanged = manifestChanged(prefix);
        if (changes.isEmpty() && sourceChanges.isEmpty() && !manifestChanged) {
            return new CommitOutcome(
                    CommitOutcome.Status.NO_CHANGES,
                    Optional.empty(),
                    onBranch,
                    changes,
                    handEdits,
                    Optional.empty(),
                    Optional.empty());
        }
        stage(changes, prefix);
        if (manifestChanged) {
            tree.git().add().addFilepattern(prefix + Manifest.FILE_NAME).call();
        }
        stageSources(sourceChanges, status);
        String text = changes.isEmpty() && sourceChanges.isEmpty()
                ? prefix.substring(0, prefix.length() - 1) + ": record the output manifest (" + Manifest.FILE_NAME
                        + ")\n"
                : message(changes, handEdits, prefix, sourceChanges);
        RevCommit commit = tree.git().commit().setMessage(text).call();
        return new CommitOutcome(
                CommitOutcome.Status.COMMITTED,
                Optional.of(commit.getId().name()),
                onBranch,
                changes,
                handEdits,
                Optional.of(text),
                Optional.empty());
    }

    /** Whether the output folder's manifest on disk differs from the index's (new, changed or removed). */
    private boolean manifestChanged(String prefix) throws GitAPIException {
        Status status = tree.git().status().addPath(prefix + Manifest.FILE_NAME).call();
        return !status.isClean();
    }

    private void checkState(Repository repo) {
        RepositoryState state = repo.getRepositoryState();
        if (state != RepositoryState.SAFE) {
            throw new GitRefusalException(
                    Refusal.Reason.OPERATION_IN_PROGRESS,
                    "a " + operation(state) + " is in progress: finish it or abort it (" + abort(state) + ") first",
                    List.of());
        }
        if (Files.exists(repo.getDirectory().toPath().resolve("index.lock"))) {
            throw new GitRefusalException(lockRefusal());
        }
    }

    private static String operation(RepositoryState state) {
        return switch (state) {
            case MERGING, MERGING_RESOLVED -> "merge";
            case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> "cherry-pick";
            case REVERTING, REVERTING_RESOLVED -> "revert";
            case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE -> "rebase";
            case APPLY -> "git am session";
            case BISECTING -> "bisect";
            default -> state.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abort(RepositoryState state) {
        return switch (state) {
            case BISECTING -> "git bisect reset";
            case APPLY -> "git am --abort";
            default -> "git " + operation(state) + " --abort";
        };
    }

    private Refusal lockRefusal() {
        Path lock = tree.repository().getDirectory().toPath().resolve("index.lock");
        return new Refusal(
                Refusal.Reason.LOCKED,
                "another Git process holds the repository lock " + lock
                        + ": wait for it to finish (if none is running, the lock is stale: remove the file yourself)",
                List.of());
    }

    private static boolean isLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Files the plans produce that exist on disk without the scaleplan marker: never overwritten. */
    private void checkNotForeign(Set<String> paths, String prefix) throws IOException {
        List<String> foreign = new ArrayList<>();
        for (String path : paths) {
            Path file = tree.output().resolve(path);
            if (Files.isRegularFile(file) && !GeneratedDirectory.isOwn(file)) {
                foreign.add(prefix + path);
            }
        }
        if (!foreign.isEmpty()) {
            throw new GitRefusalException(
                    Refusal.Reason.NOT_WRITTEN_BY_SCALEPLAN,
                    "the plans produce files that exist but were not written by scaleplan (no marker on line 1):"
                            + " scaleplan never overwrites them; move them away",
                    foreign);
        }
    }

    /** Scaleplan files on disk that differ both from the commit and from what the plans produce. */
    static List<String> handEdits(
            Map<String, byte[]> disk, Map<String, byte[]> committed, Map<String, byte[]> produced) {
        List<String> edited = new ArrayList<>();
        disk.forEach((path, bytes) -> {
            if (!Arrays.equals(bytes, committed.get(path)) && !Arrays.equals(bytes, produced.get(path))) {
                edited.add(path);
            }
        });
        return edited;
    }

    private void switchTo(Repository repo, String target, boolean checkout, ObjectId headCommit, boolean create)
            throws IOException, GitAPIException {
        if (checkout) {
            try {
                tree.git().checkout().setName(target).call();
            } catch (CheckoutConflictException e) {
                throw new GitRefusalException(
                        Refusal.Reason.WOULD_LOSE_WORK,
                        "checking out branch " + branch + " would overwrite uncommitted changes: commit or stash them"
                                + " first",
                        e.getConflictingPaths());
            }
            return;
        }
        if (create && headCommit != null) {
            RefUpdate create0 = repo.updateRef(target);
            create0.setNewObjectId(headCommit);
            create0.setExpectedOldObjectId(ObjectId.zeroId());
            create0.setRefLogMessage("branch: Created from HEAD by scaleplan", false);
            check(create0.update(), target);
        }
        RefUpdate link = repo.updateRef(Constants.HEAD);
        link.setRefLogMessage("checkout: moving to " + branch + " (scaleplan)", false);
        check(link.link(target), Constants.HEAD);
    }

    private static void check(RefUpdate.Result result, String ref) throws IOException {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
            case LOCK_FAILURE -> throw new LockFailedException(new java.io.File(ref));
            default -> throw new IOException("cannot update " + ref + ": " + result);
        }
    }

    private void stage(OutputDiff changes, String prefix) throws GitAPIException {
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (FileDiff f : changes.files()) {
            (f.status() == FileDiff.Status.REMOVED ? removes : adds).add(prefix + f.path());
        }
        stage(adds, removes);
    }

    /** Adds {@code adds} to the index and removes {@code removes} from it (the files stay on disk). */
    private void stage(List<String> adds, List<String> removes) throws GitAPIException {
        if (!adds.isEmpty()) {
            AddCommand add = tree.git().add();
            adds.forEach(add::addFilepattern);
            add.call();
        }
        if (!removes.isEmpty()) {
            RmCommand rm = tree.git().rm().setCached(true);
            removes.forEach(rm::addFilepattern);
            rm.call();
        }
    }

    /** The source folders as work-tree paths ending in {@code /}; those outside the work tree left out. */
    private List<String> sourcePrefixes(Repository repo) throws IOException {
        Path workTree = repo.getWorkTree().toPath().toRealPath();
        List<String> out = new ArrayList<>();
        for (Path folder : sources) {
            Path abs = folder.toAbsolutePath().normalize();
            Path real = Files.exists(abs) ? abs.toRealPath() : abs;
            if (real.startsWith(workTree) && !real.equals(workTree)) {
                String relative = workTree.relativize(real).toString().replace(java.io.File.separatorChar, '/');
                out.add(relative + "/");
            }
        }
        return out;
    }

    private static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(path::startsWith);
    }

    /** Stages the sources' changes: deleted files removed from the index, the others added. */
    private void stageSources(Set<String> paths, Status status) throws GitAPIException {
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String path : paths) {
            if (status.getMissing().contains(path)) {
                removes.add(path);
            } else if (!status.getRemoved().contains(path)) {
                adds.add(path);
            }
        }
        stage(adds, removes);
    }

    private String message(OutputDiff changes, List<String> handEdits, String prefix, Set<String> sourceChanges) {
        String planNames = changes.isEmpty() ? "plans" : String.join(", ", changes.plans());
        StringBuilder text = new StringBuilder(planNames)
                .append(": ")
                .append(
                        message == null || message.isBlank()
                                ? sourceChanges.isEmpty()
                                        ? "update generated outputs"
                                        : changes.isEmpty()
                                                ? "update plan sources (outputs unchanged)"
                                                : "update plans and generated outputs"
                                : message.strip())
                .append("\n\n");
        if (!sourceChanges.isEmpty()) {
            text.append("Plan sources:\n");
            sourceChanges.forEach(p -> text.append("  ").append(p).append('\n'));
            text.append('\n');
        }
        text.append(new TextReport(false, false).renderReview(changes, List.of()));
        if (!handEdits.isEmpty()) {
            text.append("\nHand edits overwritten (--force):\n");
            handEdits.forEach(p -> text.append("  ").append(prefix).append(p).append('\n'));
        }
        return text.toString();
    }
}
