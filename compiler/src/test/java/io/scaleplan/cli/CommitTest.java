package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code commit} on real repositories, checked with JGit and with the git command line. */
class CommitTest {
    @TempDir
    Path dir;

    @Test
    void commitMakesOneWellFormedCommitOfTheChangedFilesOnly() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Files.writeString(repo.file("plans/Plan.java"), "class Plan { int max = 50; }\n");
        ObjectId before = head(repo);

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        String id = head(repo).name();
        assertThat(Repo.withoutMonitoring(run.out()))
                .isEqualTo(
                        """
                        [main %s] production: update generated outputs
                        production: 5 changed, 0 added, 0 removed
                        ~ production/CAPACITY.md
                            production · CAPACITY.md · Services · usage-metering · max pods: 20 → 50
                        ~ production/k8s/usage-metering-hpa.yaml
                            production · usage-metering HPA · spec.maxReplicas: 20 → 50
                        ~ production/plan.yaml
                            production · plan.yaml · services.usage-metering.maxReplicas: 20 → 50
                        """
                                .formatted(id.substring(0, 7)));
        assertThat(repo.gitCli("log", "--format=%P|%an <%ae>|%cn <%ce>", "-1"))
                .isEqualTo(before.name() + "|Plan Author <author@example.com>|Plan Author <author@example.com>\n");
        assertThat(Repo.withoutMonitoring(repo.gitCli("log", "--format=%B", "-1")))
                .isEqualTo(
                        """
                        production: update generated outputs

                        production
                          usage-metering · maxReplicas: 20 → 50
                        impact
                          restarts: none; the changes apply without restarting anything
                        files
                        production: 5 changed, 0 added, 0 removed
                        ~ production/CAPACITY.md
                            production · CAPACITY.md · Services · usage-metering · max pods: 20 → 50
                        ~ production/k8s/usage-metering-hpa.yaml
                            production · usage-metering HPA · spec.maxReplicas: 20 → 50
                        ~ production/plan.yaml
                            production · plan.yaml · summarised above

                        """);
        assertThat(repo.gitCli("show", "--stat", "--format=", "HEAD"))
                .isEqualTo(
                        """
                         generated/.scaleplan-manifest                        | 10 +++++-----
                         generated/production/CAPACITY.md                     |  2 +-
                         generated/production/k8s/usage-metering-hpa.yaml     |  2 +-
                         generated/production/monitoring/alerts.rules.yaml    |  2 +-
                         generated/production/monitoring/prometheus-rule.yaml |  2 +-
                         generated/production/plan.yaml                       |  2 +-
                         6 files changed, 10 insertions(+), 10 deletions(-)
                        """);
        repo.gitCli("fsck", "--strict", "--no-dangling");
        assertThat(repo.gitCli("rev-list", "--count", "HEAD")).isEqualTo("2\n");
        // without a source root or --sources, scaleplan does not know the plan's source: it stays out
        assertThat(repo.gitCli("status", "--porcelain")).isEqualTo(" M plans/Plan.java\n");
    }

    @Test
    void outputsAlreadyWrittenByCompileAreNotHandEdits() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "compile", "-q").exit())
                .isZero();

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.gitCli("show", "--name-only", "--format=", "HEAD"))
                .isEqualTo("generated/.scaleplan-manifest\n"
                        + "generated/production/CAPACITY.md\n"
                        + "generated/production/k8s/usage-metering-hpa.yaml\n"
                        + "generated/production/monitoring/alerts.rules.yaml\n"
                        + "generated/production/monitoring/prometheus-rule.yaml\n"
                        + "generated/production/plan.yaml\n");
        assertThat(repo.gitCli("status", "--porcelain")).isEmpty();
    }

    @Test
    void nothingChangedMeansNoCommit() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        ObjectId before = head(repo);
        Map<String, byte[]> snapshot = repo.snapshot();

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(20), "commit");

        assertThat(run)
                .isEqualTo(new Repo.Run(
                        0, "nothing to commit: " + repo.output + " already matches the plans at HEAD\n", ""));
        assertThat(head(repo)).isEqualTo(before);
        Repo.assertSameSnapshot(snapshot, repo.snapshot());
    }

    @Test
    void aRemovedServiceIsCommittedAsDeletionsAndForeignFilesStay() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Files.writeString(repo.output.resolve("production/NOTES.md"), "written by a person\n");
        try (Git git = repo.git()) {
            git.add().addFilepattern("generated/production/NOTES.md").call();
            git.commit().setMessage("notes").call();
        }

        Repo.Run run = repo.scaleplan(new TestPlan(20, false), "commit", "--message", "retire policy-engine");

        assertThat(run.exit()).isZero();
        assertThat(repo.gitCli("log", "--format=%s", "-1")).isEqualTo("production: retire policy-engine\n");
        assertThat(repo.gitCli("show", "--name-status", "--format=", "HEAD"))
                .isEqualTo(
                        """
                        M\tgenerated/.scaleplan-manifest
                        M\tgenerated/production/APPLY.md
                        M\tgenerated/production/CAPACITY.md
                        M\tgenerated/production/helm/arka-values.yaml
                        M\tgenerated/production/k8s/kustomization.yaml
                        D\tgenerated/production/k8s/policy-engine-hpa.yaml
                        M\tgenerated/production/monitoring/alerts.rules.yaml
                        M\tgenerated/production/monitoring/alerts.test.yaml
                        M\tgenerated/production/monitoring/prometheus-rule.yaml
                        M\tgenerated/production/plan.yaml
                        """);
        assertThat(Files.readString(repo.output.resolve("production/NOTES.md"))).isEqualTo("written by a person\n");
        assertThat(repo.gitCli("status", "--porcelain")).isEmpty();
        repo.gitCli("fsck", "--strict", "--no-dangling");
    }

    @Test
    void branchIsCreatedAtHeadAndTheCommitLandsThere() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        ObjectId main = head(repo);

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit", "--branch", "scale-up");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("[scale-up ");
        assertThat(repo.gitCli("rev-parse", "main")).isEqualTo(main.name() + "\n");
        assertThat(repo.gitCli("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("scale-up\n");
        assertThat(repo.gitCli("rev-parse", "scale-up~1")).isEqualTo(main.name() + "\n");
        repo.gitCli("fsck", "--strict", "--no-dangling");
    }

    @Test
    void existingBranchIsCheckedOutWhenTheWorkTreeIsClean() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        assertThat(repo.scaleplan(TestPlan.maxReplicas(30), "commit", "-b", "scale-up")
                        .exit())
                .isZero();
        repo.gitCli("checkout", "-q", "main");

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit", "-b", "scale-up");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("production · usage-metering HPA · spec.maxReplicas: 30 → 50");
        assertThat(repo.gitCli("rev-list", "--count", "scale-up")).isEqualTo("3\n");
        assertThat(repo.gitCli("rev-list", "--count", "main")).isEqualTo("1\n");
    }

    @Test
    void detachedHeadWithABranchCommitsOnTheNewBranch() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        ObjectId main = head(repo);
        repo.gitCli("checkout", "-q", "--detach", "HEAD");

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit", "--branch", "from-detached");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.gitCli("rev-parse", "from-detached~1")).isEqualTo(main.name() + "\n");
        assertThat(repo.gitCli("symbolic-ref", "HEAD")).isEqualTo("refs/heads/from-detached\n");
    }

    @Test
    void forceOverwritesHandEditsAndNamesThemInTheBody() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Path hpa = repo.output.resolve("production/k8s/usage-metering-hpa.yaml");
        Files.writeString(hpa, Files.readString(hpa).replace("minReplicas: 3", "minReplicas: 4"));

        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(50), "commit", "--force");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.gitCli("log", "--format=%b", "-1"))
                .endsWith(
                        """
                        Hand edits overwritten (--force):
                          generated/production/k8s/usage-metering-hpa.yaml

                        """);
        assertThat(Files.readString(hpa)).contains("minReplicas: 3").contains("maxReplicas: 50");
    }

    @Test
    void firstCommitInAnEmptyRepository() throws Exception {
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Plan Author");
            config.setString("user", null, "email", "author@example.com");
            config.save();
        }
        Repo.Run run = Repo.at(dir).scaleplan(TestPlan.maxReplicas(20), "commit");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Repo.at(dir).gitCli("show", "--stat", "--format=%s", "HEAD"))
                .startsWith("production: update generated outputs\n")
                .contains(" generated/.scaleplan-manifest ")
                .containsPattern(" 13 files changed, [0-9]+ insertions\\(\\+\\)\n$");
    }

    private static ObjectId head(Repo repo) throws Exception {
        try (Git git = repo.git()) {
            RevCommit c = git.log().setMaxCount(1).call().iterator().next();
            return c.getId();
        }
    }

    @Test
    void thePlanSourceIsCommittedWithItsOutputsStagedOrNot() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Files.writeString(repo.root.resolve("plans/Plan.java"), "class Plan { int max = 50; }\n");
        Files.writeString(repo.root.resolve("plans/Helper.java"), "class Helper {}\n");
        repo.gitCli("add", "plans/Plan.java");

        Repo.Run run = repo.scaleplan(
                TestPlan.maxReplicas(50),
                "commit",
                "--sources",
                repo.root.resolve("plans").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.gitCli("log", "--format=%s", "-1"))
                .isEqualTo("production: update plans and generated outputs\n");
        assertThat(repo.gitCli("show", "--name-only", "--format=", "HEAD"))
                .isEqualTo(
                        """
                        generated/.scaleplan-manifest
                        generated/production/CAPACITY.md
                        generated/production/k8s/usage-metering-hpa.yaml
                        generated/production/monitoring/alerts.rules.yaml
                        generated/production/monitoring/prometheus-rule.yaml
                        generated/production/plan.yaml
                        plans/Helper.java
                        plans/Plan.java
                        """);
        assertThat(repo.gitCli("log", "--format=%B", "-1"))
                .contains("Plan sources:\n  plans/Helper.java\n  plans/Plan.java\n");
        assertThat(repo.gitCli("status", "--porcelain")).isEmpty();
    }

    @Test
    void aSourceOnlyChangeIsCommittedAloneAndOtherStagedFilesAreRefused() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Files.writeString(repo.root.resolve("plans/Plan.java"), "// a comment\nclass Plan {}\n");
        Files.writeString(repo.root.resolve("README.md"), "# platform, edited\n");
        repo.gitCli("add", "README.md");
        String sources = repo.root.resolve("plans").toString();

        Repo.Run refused = repo.scaleplan(TestPlan.maxReplicas(20), "commit", "--sources", sources);
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err())
                .contains("changes outside generated/ and the plan sources (plans/) are staged")
                .contains("\n  README.md\n")
                .endsWith("nothing was changed\n");

        repo.gitCli("restore", "--staged", "README.md");
        Repo.Run run = repo.scaleplan(TestPlan.maxReplicas(20), "commit", "--sources", sources);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(repo.gitCli("show", "--name-only", "--format=%s", "HEAD"))
                .isEqualTo("plans: update plan sources (outputs unchanged)\n\nplans/Plan.java\n");
        assertThat(repo.gitCli("status", "--porcelain")).isEqualTo(" M README.md\n");
    }
}
