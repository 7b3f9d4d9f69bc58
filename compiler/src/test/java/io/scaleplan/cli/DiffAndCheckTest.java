package io.scaleplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} and {@code check} on a real repository whose plan changed after the last commit. */
class DiffAndCheckTest {
    private static final String CHANGE =
            """
            production: 7 changed, 0 added, 0 removed
            ~ production/CAPACITY.md
                production · CAPACITY.md · Services · usage-metering · max pods: 20 → 50
            ~ production/helm/arka-values.yaml
                production · helm/arka-values.yaml · usageMetering.autoscaling.maxReplicas: 20 → 50
            ~ production/k8s/usage-metering-hpa.yaml
                production · usage-metering HPA · spec.maxReplicas: 20 → 50
            """;

    @TempDir
    Path dir;

    @Test
    void diffShowsAPlanChangeAsTheExactSemanticDiff() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(TestPlan.maxReplicas(50), "diff");

        assertThat(diff.err()).isEmpty();
        assertThat(Repo.withoutMonitoring(diff.out())).isEqualTo(CHANGE);
        // the alert thresholds and the dashboard's lines move in the same diff
        assertThat(diff.out())
                .contains("~ production/monitoring/prometheus-rule.yaml\n"
                        + "    production · arka-scaleplan PrometheusRule · spec.groups[0].rules[3].expr:"
                        + " max(kube_horizontalpodautoscaler_status_current_replicas{namespace=\"arka-system\","
                        + "horizontalpodautoscaler=\"usage-metering-hpa\"}) >= 20 → max("
                        + "kube_horizontalpodautoscaler_status_current_replicas{namespace=\"arka-system\","
                        + "horizontalpodautoscaler=\"usage-metering-hpa\"}) >= 50\n")
                .contains("~ production/monitoring/alerts.rules.yaml\n")
                .contains("production · monitoring/grafana-dashboard.json · line 425:           \"expr\":"
                        + " \"vector(20)\", →           \"expr\": \"vector(50)\",");
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
                        production: 8 changed, 0 added, 1 removed
                        ~ production/APPLY.md
                            production · APPLY.md · - Watch · kubectl -n arka-system describe hpa policy-engine-hpa
                        ~ production/CAPACITY.md
                            production · CAPACITY.md · - Services · policy-engine
                        ~ production/helm/arka-values.yaml
                            production · helm/arka-values.yaml · policyEngine.autoscaling.enabled: true → (absent)
                            production · helm/arka-values.yaml · policyEngine.autoscaling.minReplicas: 2 → (absent)
                            production · helm/arka-values.yaml · policyEngine.autoscaling.maxReplicas: 10 → (absent)
                            production · helm/arka-values.yaml · policyEngine.autoscaling.targetCPUUtilizationPercentage: 70 → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.requests.cpu: 1 → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.requests.memory: 1Gi → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.limits.cpu: 1 → (absent)
                            production · helm/arka-values.yaml · policyEngine.resources.limits.memory: 1Gi → (absent)
                        ~ production/k8s/kustomization.yaml
                            production · Kustomization · resources: - policy-engine-hpa.yaml
                        - production/k8s/policy-engine-hpa.yaml
                        """);
    }

    @Test
    void colourOnlyOnATerminalOrWhenAsked() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff").out()).doesNotContain("\u001b[");
        assertThat(repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--color", "always", "production")
                        .out())
                .startsWith("\u001b[1mproduction: 7 changed, 0 added, 0 removed\u001b[0m\n"
                        + "\u001b[33m~ production/CAPACITY.md\u001b[0m\n");
    }

    @Test
    void markdownForAPullRequestComment() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        Repo.Run diff = repo.scaleplan(TestPlan.maxReplicas(50), "diff", "--format", "markdown");

        assertThat(diff.out())
                .contains("| `production/monitoring/prometheus-rule.yaml` | changed | 7 |\n")
                .contains("<details><summary><code>production/monitoring/grafana-dashboard.json</code>");
        assertThat(Repo.withoutMonitoringMarkdown(diff.out()))
                .isEqualTo(
                        """
                        ### Plan `production`: 7 changed, 0 added, 0 removed

                        | File | Status | Changes |
                        | --- | --- | --- |
                        | `production/CAPACITY.md` | changed | 1 |
                        | `production/helm/arka-values.yaml` | changed | 1 |
                        | `production/k8s/usage-metering-hpa.yaml` | changed | 1 |

                        <details><summary><code>production/CAPACITY.md</code> (changed)</summary>

                        - CAPACITY.md · Services · usage-metering · max pods: 20 → 50

                        </details>

                        <details><summary><code>production/helm/arka-values.yaml</code> (changed)</summary>

                        - helm/arka-values.yaml · usageMetering.autoscaling.maxReplicas: 20 → 50

                        </details>

                        <details><summary><code>production/k8s/usage-metering-hpa.yaml</code> (changed)</summary>

                        - usage-metering HPA · spec.maxReplicas: 20 → 50

                        </details>
                        """);
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
                .startsWith("production: 0 changed, 11 added, 0 removed\n");
    }

    @Test
    void checkExitsZeroWhenUpToDateOneWhenStaleTwoOnPlanErrors() throws Exception {
        Repo repo = Repo.withCommittedPlan(dir, TestPlan.maxReplicas(20));

        assertThat(repo.scaleplan(TestPlan.maxReplicas(20), "check"))
                .isEqualTo(new Repo.Run(0, repo.output + " is up to date: 11 files of production\n", ""));

        Repo.Run stale = repo.scaleplan(TestPlan.maxReplicas(50), "check");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(Repo.withoutMonitoring(stale.out())).isEqualTo(CHANGE);
        assertThat(stale.err())
                .isEqualTo(repo.output + " is stale: run ./mvnw package (or scaleplan compile) and commit it\n");

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
