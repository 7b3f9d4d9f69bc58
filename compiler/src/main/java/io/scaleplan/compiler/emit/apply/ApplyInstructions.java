package io.scaleplan.compiler.emit.apply;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.NodeProvider;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code APPLY.md} of a plan or an event phase: the ordered commands that apply its files
 * (node pools, {@code helm upgrade}, {@code kubectl apply -k}, {@code psql}, {@code redis-cli}),
 * what restarts, what to watch (the runbook's monitoring commands) and how to roll back. Pure:
 * built from the model and the paths of the files emitted for it.
 */
public final class ApplyInstructions {
    /** The folder the commands expect the outputs in, relative to where they are run. */
    public static final String OUTPUT = "generated";

    private static final String CHECKS = "sql/checks.sql";

    /** APPLY.md of a plan whose files are {@code files} (paths under {@code <plan>/}). */
    public GeneratedFile forPlan(ScalingPlan plan, List<GeneratedFile> files) {
        String root = plan.name();
        StringBuilder md = new StringBuilder();
        md.append(Headers.markdown(plan));
        md.append("# Apply: ").append(root).append("\n\n");
        preamble(md);
        steps(md, plan, root, files);
        md.append("## Restarts\n\n");
        md.append("`helm upgrade` rolls a service's pods when its requests or limits change, one surge at a time;"
                + " replica ranges and disruption budgets apply in place.\n");
        List<String> postmaster = Restarts.postmasterSettings(plan);
        if (!postmaster.isEmpty()) {
            md.append("\nIf any of ")
                    .append(String.join(", ", postmaster))
                    .append(" changed since the last apply, PostgreSQL takes it only after a restart:\n\n```bash\n");
            Restarts.commands(plan).forEach(c -> md.append(c).append('\n'));
            md.append("```\n");
        }
        md.append('\n');
        watch(md, plan, root, files);
        md.append("## Roll back\n\n");
        md.append(
                "Check out the previous version of `" + OUTPUT + "/" + root + "/` and run the steps above again:\n\n");
        md.append("```bash\n");
        md.append("git log --format='%h %s' -n 2 -- " + OUTPUT + "/" + root + "\n");
        md.append("git checkout <previous commit> -- " + OUTPUT + "/" + root + "\n");
        md.append("```\n");
        return new GeneratedFile(root + "/APPLY.md", md.toString());
    }

    /**
     * APPLY.md of one phase of {@code event}, whose files are {@code files} (under {@code
     * <event>/<NN-phase>/}); {@code previousFiles} are the files of the phase before it, or of the
     * base plan for the first phase.
     */
    public GeneratedFile forPhase(
            EventPlan event,
            EventPhase phase,
            List<GeneratedFile> files,
            String previousRoot,
            List<GeneratedFile> previousFiles) {
        String root = event.name() + "/" + phase.folder();
        ScalingPlan plan = phase.plan();
        ScalingPlan before = event.previous(phase).map(EventPhase::plan).orElse(event.base());
        StringBuilder md = new StringBuilder();
        md.append(Headers.markdown(plan));
        md.append("# Apply: ")
                .append(event.name())
                .append(", phase ")
                .append(phase.kind().id())
                .append("\n\n");
        md.append("When: ").append(phase.when()).append('.');
        if (phase.kind() == EventPhase.Kind.POST_EVENT) {
            md.append(" These files are the base plan `")
                    .append(event.base().name())
                    .append("`, byte for byte.");
        }
        md.append("\n\n");
        preamble(md);
        changes(md, before, plan);
        List<String> changed = Restarts.changedPostmasterSettings(before, plan);
        List<String> commands = new ArrayList<>(commands(plan, root, files));
        if (!changed.isEmpty()) {
            commands.add("# restart PostgreSQL: " + String.join(", ", changed) + " take effect only then");
            commands.addAll(Restarts.commands(plan));
        }
        md.append("## Steps\n\n```bash\n");
        commands.forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
        md.append("## Restarts\n\n");
        md.append(restarts(before, plan));
        if (!changed.isEmpty()) {
            md.append("PostgreSQL restarts (the last steps above): ")
                    .append(String.join(", ", changed))
                    .append(" need a restart, so the primary and then the read replicas roll, one pod at a time."
                            + " Expect a brief failover of connections.\n\n");
        }
        watch(md, plan, root, files);
        md.append("## Roll back\n\n");
        md.append("Apply the files of `" + OUTPUT + "/" + previousRoot + "/` (")
                .append(event.previous(phase)
                        .map(p -> "the " + p.kind().id() + " phase")
                        .orElse("the base plan `" + event.base().name() + "`"))
                .append(") with the same steps:\n\n");
        md.append("```bash\n");
        commands(before, previousRoot, previousFiles).forEach(c -> md.append(c).append('\n'));
        md.append("```\n");
        return new GeneratedFile(root + "/APPLY.md", md.toString());
    }

    private static void preamble(StringBuilder md) {
        md.append("Run from the folder that holds `" + OUTPUT
                + "/` (the repository root), with `kubectl` and `helm` pointed at the"
                + " cluster. The steps are in order; each is safe to repeat.\n\n");
    }

    private static void changes(StringBuilder md, ScalingPlan before, ScalingPlan after) {
        List<String> lines = new ArrayList<>();
        for (Service s : sorted(after)) {
            Optional<Service> was = before.service(s.name());
            if (was.isEmpty()) {
                continue;
            }
            Service b = was.get();
            if (b.minReplicas() != s.minReplicas() || b.maxReplicas() != s.maxReplicas()) {
                lines.add("- `" + s.name() + "`: " + range(b) + " → " + range(s) + " replicas");
            }
            if (!b.expectedLoad().equals(s.expectedLoad())) {
                lines.add("- `" + s.name() + "`: expected load "
                        + b.expectedLoad().map(l -> l.perSecond() + " rps").orElse("none") + " → "
                        + s.expectedLoad().map(l -> l.perSecond() + " rps").orElse("none"));
            }
        }
        for (NodePool p : after.nodePools()) {
            before.nodePool(p.name())
                    .filter(b -> b.minNodes() != p.minNodes() || b.maxNodes() != p.maxNodes())
                    .ifPresent(b -> lines.add("- node pool `" + p.name() + "`: " + b.minNodes() + ".." + b.maxNodes()
                            + " → " + p.minNodes() + ".." + p.maxNodes() + " nodes"));
        }
        Restarts.changedPostmasterSettings(before, after)
                .forEach(c -> lines.add("- PostgreSQL `" + c.substring(0, c.indexOf(' ')) + "`: "
                        + c.substring(c.indexOf('(') + 1, c.length() - 1) + " (restart)"));
        md.append("## Changes\n\n");
        if (lines.isEmpty()) {
            md.append("No replica or load changes from the phase before.\n\n");
        } else {
            lines.forEach(l -> md.append(l).append('\n'));
            md.append('\n');
        }
    }

    private static String range(Service s) {
        return s.isAutoscaled() ? s.minReplicas() + ".." + s.maxReplicas() : Integer.toString(s.minReplicas());
    }

    private static void steps(StringBuilder md, ScalingPlan plan, String root, List<GeneratedFile> files) {
        md.append("## Steps\n\n");
        md.append("```bash\n");
        commands(plan, root, files).forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
    }

    /** The commands that apply {@code files} (found under {@code root/}) of {@code plan}, in order. */
    static List<String> commands(ScalingPlan plan, String root, List<GeneratedFile> files) {
        List<String> out = new ArrayList<>();
        String dir = OUTPUT + "/" + root + "/";
        String ns = Shell.word(plan.namespace());
        for (NodePool pool : plan.nodePools()) {
            pool.provider().ifPresent(p -> out.addAll(nodePool(plan, pool, p)));
        }
        List<String> relative = files.stream()
                .map(f -> f.path().substring(root.length() + 1))
                .sorted()
                .toList();
        String ownValues = "helm/" + plan.release().name() + "-values.yaml";
        if (relative.contains(ownValues)) {
            out.add("# " + plan.release().name() + ": the services' values, replica ranges and resources");
            out.add("helm upgrade " + Shell.word(plan.release().name()) + " "
                    + Shell.word(plan.release().chart()) + " -n " + ns + " -f " + Shell.word(dir + ownValues));
        }
        if (relative.contains("k8s/kustomization.yaml")) {
            out.add("# HorizontalPodAutoscalers and PodDisruptionBudgets");
            out.add("kubectl apply -k " + Shell.word(dir + "k8s"));
        }
        plan.postgres().ifPresent(pg -> {
            String values = "helm/" + pg.release() + "-values.yaml";
            if (relative.contains(values)) {
                out.add("# PostgreSQL (Bitnami chart): resources, read replicas, configuration");
                out.add("helm upgrade " + Shell.word(pg.release()) + " bitnami/postgresql -n " + ns + " -f "
                        + Shell.word(dir + values));
            }
        });
        plan.redis().ifPresent(r -> {
            String values = "helm/" + r.release() + "-values.yaml";
            if (relative.contains(values)) {
                out.add("# Redis (Bitnami chart): replicas, resources, configuration");
                out.add("helm upgrade " + Shell.word(r.release()) + " "
                        + (r.isCluster() ? "bitnami/redis-cluster" : "bitnami/redis") + " -n " + ns + " -f "
                        + Shell.word(dir + values));
            }
        });
        List<String> sql = relative.stream()
                .filter(p -> p.startsWith("sql/") && !p.equals(CHECKS))
                .toList();
        if (!sql.isEmpty()) {
            out.add("# PostgreSQL settings, indexes and maintenance, with PGHOST, PGUSER and PGDATABASE set for the"
                    + " primary");
            sql.forEach(p -> out.add("psql -v ON_ERROR_STOP=1 -f " + Shell.word(dir + p)));
        }
        relative.stream()
                .filter(p -> p.startsWith("redis/") && p.endsWith(".redis"))
                .forEach(p -> {
                    out.add("# Redis runtime configuration (CONFIG SET), on the master and each replica,"
                            + " with REDISCLI_AUTH set");
                    out.add("redis-cli -h \"$REDIS_HOST\" -p \"${REDIS_PORT:-6379}\" < " + Shell.word(dir + p));
                });
        return out;
    }

    private static List<String> nodePool(ScalingPlan plan, NodePool pool, NodeProvider p) {
        int desired = desiredNodes(plan, pool);
        List<String> out = new ArrayList<>();
        out.add("# node pool " + pool.name() + ": " + pool.minNodes() + ".." + pool.maxNodes() + " nodes, at least "
                + desired + " for the pods at minReplicas");
        if (p.kind() == NodeProvider.Kind.EKS) {
            out.add("aws eks update-nodegroup-config --cluster-name " + Shell.word(p.cluster()) + " --nodegroup-name "
                    + Shell.word(p.pool()) + " --scaling-config minSize=" + pool.minNodes() + ",maxSize="
                    + pool.maxNodes() + ",desiredSize=" + desired);
        } else {
            String location =
                    p.location().map(l -> " --location " + Shell.word(l)).orElse("");
            out.add("gcloud container clusters update " + Shell.word(p.cluster()) + " --node-pool "
                    + Shell.word(p.pool()) + location + " --enable-autoscaling --min-nodes " + pool.minNodes()
                    + " --max-nodes " + pool.maxNodes());
            out.add("gcloud container clusters resize " + Shell.word(p.cluster()) + " --node-pool "
                    + Shell.word(p.pool()) + location + " --num-nodes " + desired + " --quiet");
        }
        return out;
    }

    /** Nodes the pods at minReplicas need at least (by total requests), within the pool's range. */
    static int desiredNodes(ScalingPlan plan, NodePool pool) {
        long cpu = 0;
        long memory = 0;
        for (Service s : plan.services()) {
            if (plan.poolOf(s).map(p -> p.name().equals(pool.name())).orElse(false)) {
                int pods = s.minReplicas();
                cpu += s.resources().cpuRequest().map(c -> c.millicores()).orElse(0L) * pods;
                memory += s.resources().memoryRequest().map(m -> m.bytes()).orElse(0L) * pods;
            }
        }
        long byCpu = ceilDiv(cpu, pool.usableCpu().millicores());
        long byMemory = ceilDiv(memory, pool.usableMemory().bytes());
        return (int) Math.min(pool.maxNodes(), Math.max(pool.minNodes(), Math.max(byCpu, byMemory)));
    }

    private static long ceilDiv(long a, long b) {
        return b <= 0 ? 0 : (a + b - 1) / b;
    }

    private static String restarts(ScalingPlan before, ScalingPlan after) {
        List<String> rolled = new ArrayList<>();
        for (Service s : sorted(after)) {
            before.service(s.name())
                    .filter(b -> !b.resources().equals(s.resources()))
                    .ifPresent(b -> rolled.add("`" + s.name() + "`"));
        }
        if (rolled.isEmpty()) {
            return "No service restarts: replica ranges, HPAs and disruption budgets apply in place, and the HPAs"
                    + " add pods as they are allowed to.\n\n";
        }
        return "`helm upgrade` rolls the pods of " + String.join(", ", rolled)
                + " (their requests or limits change), one surge at a time.\n\n";
    }

    private static void watch(StringBuilder md, ScalingPlan plan, String root, List<GeneratedFile> files) {
        String ns = Shell.word(plan.namespace());
        md.append("## Watch\n\n");
        md.append("```bash\n");
        md.append("watch kubectl -n ").append(ns).append(" get hpa,pods\n");
        for (Service s : sorted(plan)) {
            if (s.isAutoscaled()) {
                md.append("kubectl -n ")
                        .append(ns)
                        .append(" describe hpa ")
                        .append(Shell.word(s.name() + "-hpa"))
                        .append('\n');
            }
        }
        md.append("kubectl -n ").append(ns).append(" top pods --containers\n");
        if (files.stream().anyMatch(f -> f.path().equals(root + "/" + CHECKS))) {
            md.append("psql -v ON_ERROR_STOP=1 -f ")
                    .append(Shell.word(OUTPUT + "/" + root + "/" + CHECKS))
                    .append('\n');
        }
        md.append("```\n\n");
        md.append(io.scaleplan.compiler.emit.monitoring.MonitoringEmitter.watchSteps(plan, root, files));
    }

    private static List<Service> sorted(ScalingPlan plan) {
        return plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList();
    }
}
