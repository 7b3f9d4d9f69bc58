package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} and {@code check} on a real repository whose plan changed after the last commit. */
class DiffAndCheckTest {
    private static final String FILES =
            """
            production: 5 changed, 0 added, 0 removed
            ~ production/CAPACITY.md
                production · CAPACITY.md · Services · usage-metering · max pods: 20 → 50
            ~ production/k8s/usage-metering-hpa.yaml
                production · usage-metering HPA · spec.maxReplicas: 20 → 50
            ~ production/plan.yaml
            """;
    private static final String CHANGE =
            """
            production
              usage-metering · maxReplicas: 20 → 50
            impact
              restarts: none; the changes apply without restarting anything
            files
            """
                    + FILES
                    + "    production · plan.yaml · summarised above\n";
    private static final String STALE = FILES
            + """
                production · plan.yaml · services.usage-metering.maxReplicas: 20 → 50
            """;

    @TempDir
    Path dir;

    @Test
    void diffShowsAPlanChangeAsTheExactSemanticDiff() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(TestPlan.maxReplicas(50), "diff");

        assertThat(diff.err()).isEmpty();
        assertThat(Repo.withoutMonitoring(diff.out())).isEqualTo(CHANGE);
        // the plan's series, which the alert and the dashboard's line compare with, moves: one line
        assertThat(diff.out())
                .contains("~ production/monitoring/prometheus-rule.yaml\n"
                        + "    production · arka-scaleplan PrometheusRule · spec.groups[name=scaleplan-arka-plan].rules[record=scaleplan_plan:max_replicas{service=\"usage-metering\"}].expr:"
                        + " vector(20) → vector(50)\n")
                .contains("~ production/monitoring/alerts.rules.yaml\n")
                .doesNotContain("grafana-dashboard.json");
        assertThat(diff.exit()).isZero();
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--exit-code")
                        .exit())
                .isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(repo.scaleplan(TestPlan.maxReplicas(20), "diff", "--exit-code"))
                .isEqualTo(new Repo.Run(0, "no differences\n", ""));
    }

    @Test
    void diffComparesWithHeadOrWithTheWorkTree() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "compile", "-q").exit())
                .isZero();

        assertThat(Repo.withoutMonitoring(
                        repo.scaleplan(TestPlan.maxReplicas(50), "diff").out()))
                .isEqualTo(CHANGE);
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--worktree")
                        .out())
                .isEqualTo("no differences\n");
    }

    @Test
    void diffOfARemovedServiceAndOfOnePlanOnly() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(new TestPlan(20, false), "diff", "production");

        assertThat(Repo.withoutMonitoring(diff.out()))
                .isEqualTo(
                        """
                        production
                          removed service policy-engine: minReplicas 2, maxReplicas 10, cpuUtilization 70%, requests.cpu 1, … (4 more)
                        impact
                          policy-engine's HPA, PDB and values are removed
                        files
                        production: 8 changed, 0 added, 1 removed
                        ~ production/APPLY.md
                            production · APPLY.md · - Watch · kubectl -n arka-system describe hpa policy-engine-hpa
                        ~ production/CAPACITY.md
                            production · CAPACITY.md · - Services · policy-engine
                        ~ production/helm/arka-values.yaml
                            production · helm/arka-values.yaml · policyEngine.autoscaling.enabled: false → (absent)
                            production · helm/arka-values.yaml · policyEngine.autoscaling.external: true → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.requests.cpu: 1 → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.requests.memory: 1Gi → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.limits.cpu: 1 → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.limits.memory: 1Gi → (absent)
                            production · helm/arka-values.yaml · policyEngine.pdb.create: false → (absent)
                        ~ production/k8s/kustomization.yaml
                            production · Kustomization · resources: - policy-engine-hpa.yaml
                        - production/k8s/policy-engine-hpa.yaml
                        ~ production/plan.yaml
                            production · plan.yaml · summarised above
                        """);
    }

    @Test
    void colourOnlyOnATerminalOrWhenAsked() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff").out()).doesNotContain("\u001b[");
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--color", "always", "production")
                        .out())
                .startsWith("\u001b[1mproduction\u001b[0m\n  usage-metering · maxReplicas: 20 → 50\n")
                .contains("\u001b[1mproduction: 5 changed, 0 added, 0 removed\u001b[0m\n"
                        + "\u001b[33m~ production/CAPACITY.md\u001b[0m\n");
    }

    @Test
    void markdownForAPullRequestComment() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--format", "markdown");

        assertThat(diff.out())
                .contains(
                        "- `monitoring/prometheus-rule.yaml` changed\n"
                                + "  - arka-scaleplan PrometheusRule · spec.groups[name=scaleplan-arka-plan].rules[record=scaleplan_plan:max_replicas{service=\"usage-metering\"}].expr:")
                .doesNotContain("grafana-dashboard.json");
        assertThat(Repo.withoutMonitoringMarkdown(diff.out()))
                .isEqualTo(
                        """
                        ### scaleplan: 5 files changed in production

                        **production**
                        - usage-metering · maxReplicas: 20 → 50

                        **Impact**
                        - restarts: none; the changes apply without restarting anything

                        <details><summary><code>production</code>: 4 changed, 0 added, 0 removed</summary>

                        - `CAPACITY.md` changed
                          - Services · usage-metering · max pods: 20 → 50
                        - `k8s/usage-metering-hpa.yaml` changed
                          - usage-metering HPA · spec.maxReplicas: 20 → 50

                        </details>
                        """);
    }

    @Test
    void markdownOfPlansWithErrorsListsThemAndExitsTwo() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(TestPlan.maxReplicas(1), "diff", "--format", "markdown");

        assertThat(diff.exit()).isEqualTo(ExitCodes.PLAN_ERRORS);
        assertThat(diff.out()).startsWith("### scaleplan: the plans have errors; nothing was compiled\n- ❌ error [SP");
    }

    @Test
    void diffAgainstABaseRevision() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "commit").exit()).isZero();

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff").out()).isEqualTo("no differences\n");
        assertThat(Repo.withoutMonitoring(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--base", "HEAD~1")
                        .out()))
                .isEqualTo(CHANGE);
        Repo.Run unknown = repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--base", "origin/nope");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unknown.err()).startsWith("error: no commit named origin/nope in ");
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--base", "HEAD", "--worktree")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unifiedAddsPlainDiffs() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        String out = repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--unified", "production")
                .out();

        assertThat(out)
                .contains(
                        """
                        ~ production/k8s/usage-metering-hpa.yaml
                            production · usage-metering HPA · spec.maxReplicas: 20 → 50
                        --- a/production/k8s/usage-metering-hpa.yaml
                        +++ b/production/k8s/usage-metering-hpa.yaml
                        @@ -16,7 +16,7 @@
                             kind: Deployment
                             name: usage-metering
                           minReplicas: 3
                        -  maxReplicas: 20
                        +  maxReplicas: 50
                           metrics:
                             - type: Resource
                               resource:
                        """);
    }

    @Test
    void diffOutsideARepositoryIsRefusedUnlessAgainstTheWorkTree() throws Exception {
        Repo.Run diff = new RepoLess(dir).scaleplan("diff");

        assertThat(diff.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(diff.err())
                .isEqualTo("error: not inside a Git repository: " + dir.resolve("generated")
                        + " (use --worktree to compare with the disk)\n");
        assertThat(new RepoLess(dir).scaleplan("diff", "--worktree").out())
                .startsWith("production\n  new plan: 2 services\n")
                .contains("production: 0 changed, 12 added, 0 removed\n")
                .contains("+ production/monitoring/prometheus-rule.yaml\n");
    }

    @Test
    void checkExitsZeroWhenUpToDateOneWhenStaleTwoOnPlanErrors() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        assertThat(repo.scaleplan(TestPlan.maxReplicas(20), "check"))
                .isEqualTo(new Repo.Run(0, repo.output + " is up to date: 12 files of production\n", ""));

        Repo.Run stale = repo.scaleplan(TestPlan.maxReplicas(50), "check");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(Repo.withoutMonitoring(stale.out())).isEqualTo(STALE);
        assertThat(stale.out()).contains("~ production/monitoring/alerts.rules.yaml\n");
        assertThat(stale.err())
                .isEqualTo(repo.output + " is stale: run ./mvnw package (or scaleplan compile) and commit it"
                        + " (./scaleplan commit commits the plan sources with it)\n");

        Repo.Run broken = repo.scaleplan(TestPlan.maxReplicas(1), "check");
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err()).contains("error: [SP").endsWith("nothing written: fix the errors above\n");
    }

    @Test
    void checkLooksAtTheDiskAndIgnoresFilesScaleplanDidNotWrite() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        Files.writeString(repo.output.resolve("production/NOTES.md"), "kept by hand\n");
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "compile", "-q").exit())
                .isZero();

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "check").exit()).isZero();
        assertThat(repo.scaleplan(TestPlan.maxReplicas(20), "check").exit()).isEqualTo(1);
        assertThat(Files.readString(repo.output.resolve("production/NOTES.md"))).isEqualTo("kept by hand\n");
    }

    @Test
    void checkCommittedComparesWithHeadNotWithTheDisk() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "compile", "-q").exit())
                .isZero();

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "check").exit()).isZero();
        Repo.Run committed = repo.scaleplan(TestPlan.maxReplicas(50), "check", "--committed");
        assertThat(committed.exit()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(Repo.withoutMonitoring(committed.out())).isEqualTo(STALE);
        assertThat(committed.err()).startsWith(repo.output + " as committed at HEAD is stale: ");

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "commit").exit()).isZero();
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "check", "--committed"))
                .isEqualTo(new Repo.Run(
                        0, repo.output + " as committed at HEAD is up to date: 12 files of production\n", ""));
        Path outside = Files.createTempDirectory("scaleplan-no-repository");
        try {
            assertThat(new RepoLess(outside).scaleplan("check", "--committed").exit())
                    .isEqualTo(ExitCodes.REFUSED);
        } finally {
            Files.delete(outside);
        }
    }

    /** A folder that is no Git repository. */
    private record RepoLess(Path root) {
        Repo.Run scaleplan(String... args) {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
            all.add("-o");
            all.add(root.resolve("generated").toString());
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int exit = Main.run(
                    PlanSource.of(java.util.List.of(TestPlan.maxReplicas(20))),
                    new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err),
                    all.toArray(String[]::new));
            return new Repo.Run(exit, out.toString(), err.toString());
        }
    }
}
