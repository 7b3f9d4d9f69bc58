package io.scaleplan.compiler.emit.apply;

import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.NodeProvider;
import io.scaleplan.dsl.ObjectOwner;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    /** The Bitnami charts' repository, for {@code helm repo add bitnami}. */
    public static final String BITNAMI_REPOSITORY = "https://charts.bitnami.com/bitnami";

    /**
     * The Bitnami chart versions the overlays are written for and rendered with in the tests
     * (bitnami/charts @ 5165628a): {@code helm upgrade} pins them, so a release never moves to a
     * chart whose keys changed under the overlay.
     */
    public static final Map<String, String> BITNAMI_VERSIONS =
            Map.of("postgresql", "17.1.0", "redis", "23.1.1", "redis-cluster", "13.0.5");

    /** How every {@code helm upgrade} keeps the release's values that the plan does not own. */
    public static final String REUSE = "--reset-then-reuse-values";

    /** APPLY.md of a plan whose files are {@code files} (paths under {@code <plan>/}). */
    public GeneratedFile forPlan(ScalingPlan plan, List<GeneratedFile> files) {
        String root = plan.name();
        StringBuilder md = new StringBuilder();
        md.append(Headers.markdown(plan));
        md.append("# Apply: ").append(root).append("\n\n");
        boolean helm = files.stream().anyMatch(f -> f.path().startsWith(root + "/helm/"));
        preamble(md, helm);
        steps(md, plan, root, files);
        md.append("## Restarts\n\n");
        md.append((helm ? "`helm upgrade`" : "Applying the Deployment patches")
                + " rolls a service's pods when its requests or limits change, one surge at a time;"
                + " replica ranges and disruption budgets apply in place.\n");
        plan.postgres().ifPresent(pg -> {
            if (Restarts.ordered(plan)) {
                md.append(
                                "\nPostgreSQL's StatefulSets update `OnDelete` (the overlay sets it), so `helm upgrade` changes their")
                        .append(
                                " pods' template without restarting them. When the overlay changed since the last apply")
                        .append(
                                " (settings, resources), restart them in the order replication needs: the read replicas")
                        .append(" first when no setting of ")
                        .append(String.join(", ", hotStandby()))
                        .append(" is lowered (a standby must run at least the primary's value, else it pauses WAL")
                        .append(" replay),\n\n```bash\n");
                Restarts.commands(plan, Restarts.Order.REPLICAS_FIRST)
                        .forEach(c -> md.append(c).append('\n'));
                md.append("```\n\nor the primary first when one of them is lowered:\n\n```bash\n");
                Restarts.commands(plan, Restarts.Order.PRIMARY_FIRST)
                        .forEach(c -> md.append(c).append('\n'));
                md.append("```\n");
            } else {
                md.append("\nPostgreSQL has no read replicas: `helm upgrade` rolls its pod when its configuration or")
                        .append(" resources change (the chart's configuration checksum), and ")
                        .append(String.join(", ", Restarts.postmasterSettings(plan)))
                        .append(" take effect then.\n");
            }
        });
        md.append('\n');
        watch(md, plan, root, files);
        md.append("## Roll back\n\n");
        md.append("Check out the previous version of `" + OUTPUT + "/" + root
                + "/` (the commit before the last one that changed it) and run the steps above again:\n\n");
        md.append("```bash\n");
        md.append("git log --format='%h %s' -n 2 -- " + OUTPUT + "/" + root + "\n");
        md.append("git checkout \"$(git log --format=%h -n 1 --skip 1 -- " + OUTPUT + "/" + root + ")\" -- " + OUTPUT
                + "/" + root + "\n");
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
        preamble(md, true);
        changes(md, before, plan);
        List<String> changed = Restarts.changedPostmasterSettings(before, plan);
        boolean restart = Restarts.ordered(plan) && overlayChanged(plan, root, files, previousRoot, previousFiles);
        Restarts.Order order = Restarts.order(before, plan);
        List<String> commands = new ArrayList<>(commands(plan, root, files));
        if (restart) {
            commands.add(Restarts.reason(order, Restarts.raised(before, plan), Restarts.lowered(before, plan)));
            commands.addAll(Restarts.commands(plan, order));
        }
        md.append("## Steps\n\n```bash\n");
        commands.forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
        md.append("## Restarts\n\n");
        md.append(restarts(before, plan));
        if (restart) {
            md.append("PostgreSQL restarts (the last steps above): its overlay changed")
                    .append(changed.isEmpty() ? "" : " (" + String.join(", ", changed) + " need a restart)")
                    .append(", and its StatefulSets update `OnDelete`, so the pods restart one at a time, ")
                    .append(
                            order == Restarts.Order.REPLICAS_FIRST
                                    ? "the read replicas first, then the primary"
                                    : "the primary first, then the read replicas")
                    .append(": a hot standby must run ")
                    .append(String.join(", ", hotStandby()))
                    .append(" at least at the primary's values, or it pauses WAL replay until restarted.")
                    .append(" Expect a brief failover of connections.\n\n");
        } else if (!changed.isEmpty()) {
            md.append("PostgreSQL: ")
                    .append(String.join(", ", changed))
                    .append(" take effect when `helm upgrade` rolls its pod (the chart's configuration checksum).\n\n");
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
        if (restart) {
            Restarts.Order back = Restarts.order(plan, before);
            md.append(Restarts.reason(back, Restarts.raised(plan, before), Restarts.lowered(plan, before)))
                    .append('\n');
            Restarts.commands(before, back).forEach(c -> md.append(c).append('\n'));
        }
        md.append("```\n");
        return new GeneratedFile(root + "/APPLY.md", md.toString());
    }

    private static void preamble(StringBuilder md, boolean helm) {
        if (!helm) {
            md.append("Run from the folder that holds `" + OUTPUT + "/` (the repository root), with `kubectl` (1.31 or"
                    + " newer) pointed at the cluster. The plan has no Helm chart: the services' Deployments are yours,"
                    + " and scaleplan's patches of them are a kustomize Component. The steps are in order; each is"
                    + " safe to repeat.\n\n");
            return;
        }
        md.append("Run from the folder that holds `" + OUTPUT
                + "/` (the repository root), with `kubectl` (1.31 or newer) and `helm` (3.14 or newer) pointed at"
                + " the cluster, and the Bitnami repository added once (`helm repo add bitnami " + BITNAMI_REPOSITORY
                + "`). The steps are in order; each is safe to repeat.\n\n");
        md.append("Every `helm upgrade` passes `--reset-then-reuse-values`: the release keeps the values it has that"
                + " scaleplan does not own (images, credentials, persistence), takes the chart's defaults for the"
                + " rest, and the overlay sets what the plan owns. The overlays therefore state every key scaleplan"
                + " owns, off included (`pdb.create: false`), since a key an overlay stopped writing would keep its"
                + " last value. Charts from a repository are pinned to the version the overlays are tested"
                + " against.\n\n");
    }

    private static List<String> hotStandby() {
        return Restarts.HOT_STANDBY.stream().sorted().toList();
    }

    /** Whether the PostgreSQL overlay differs, apart from its header, between two phases. */
    private static boolean overlayChanged(
            ScalingPlan plan,
            String root,
            List<GeneratedFile> files,
            String previousRoot,
            List<GeneratedFile> previousFiles) {
        String name = "/helm/" + plan.postgres().orElseThrow().release() + "-values.yaml";
        return !body(files, root + name).equals(body(previousFiles, previousRoot + name));
    }

    private static String body(List<GeneratedFile> files, String path) {
        return files.stream()
                .filter(f -> f.path().equals(path))
                .map(f -> f.content().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n"))
                .findFirst()
                .orElse("");
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
            out.add("# " + plan.release().name() + ": the services' values, replica ranges and resources"
                    + (plan.release().scalingObjects() != ObjectOwner.CHART
                            ? "; the chart's HPAs and PDBs off, scaleplan's manifests own them"
                            : relative.contains("k8s/kustomization.yaml")
                                    ? "; the chart renders the HPAs and PDBs its layout carries, scaleplan's manifests"
                                            + " the others"
                                    : "; the chart renders their HPAs and PDBs (their only owner)"));
            String postRender = "helm/" + plan.release().name() + "-post-render/post-render.sh";
            if (relative.contains(postRender)) {
                out.add("# the fixed replica counts the chart has no key for: a post-renderer patches them (kubectl)");
            }
            out.add("helm upgrade " + Shell.word(plan.release().name()) + " "
                    + Shell.word(plan.release().chart()) + " -n " + ns + " " + REUSE + " -f "
                    + Shell.word(dir + ownValues)
                    + (relative.contains(postRender)
                            ? " --post-renderer sh --post-renderer-args " + Shell.word(dir + postRender)
                            : ""));
        }
        if (relative.contains("k8s/kustomization.yaml")) {
            out.add("# HorizontalPodAutoscalers and PodDisruptionBudgets, owned by scaleplan (managed-by: scaleplan)");
            out.add("kubectl apply -k " + Shell.word(dir + "k8s"));
        }
        if (relative.contains("k8s/patches/kustomization.yaml")) {
            out.add("# fixed replica counts and resources: a kustomize Component patching your Deployments; list " + dir
                    + "k8s/patches under components: in the overlay that deploys the services, then apply it");
        }
        plan.postgres().ifPresent(pg -> {
            String values = "helm/" + pg.release() + "-values.yaml";
            if (relative.contains(values)) {
                out.add("# PostgreSQL (Bitnami chart): resources, read replicas, configuration");
                out.add("helm upgrade " + Shell.word(pg.release()) + " " + bitnami("postgresql") + " -n " + ns + " "
                        + REUSE + " -f " + Shell.word(dir + values));
            }
        });
        plan.redis().ifPresent(r -> {
            String values = "helm/" + r.release() + "-values.yaml";
            if (relative.contains(values)) {
                out.add("# Redis (Bitnami chart): replicas, resources, configuration");
                out.add("helm upgrade " + Shell.word(r.release()) + " "
                        + bitnami(r.isCluster() ? "redis-cluster" : "redis") + " -n " + ns + " " + REUSE + " -f "
                        + Shell.word(dir + values));
            }
        });
        List<String> sql = relative.stream()
                .filter(p -> p.startsWith("sql/") && !p.equals(CHECKS))
                .toList();
        if (!sql.isEmpty()) {
            out.add("# PostgreSQL, with PGHOST, PGUSER and PGDATABASE set for the primary: 10-settings.sql removes"
                    + " ALTER SYSTEM values (the chart's configuration, on the primary and every read replica, owns"
                    + " the settings), then indexes and maintenance");
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

    private static String bitnami(String chart) {
        return "bitnami/" + chart + " --version " + BITNAMI_VERSIONS.get(chart);
    }

    /**
     * The node pool's autoscaling bounds, never its current size lowered. EKS: the bounds, and a
     * desired size read from the group and raised to what the pods at minReplicas need if below
     * (kept within the bounds, which EKS requires). GKE: the bounds as totals across the pool's
     * zones ({@code --total-min-nodes}), as the fit check counts nodes; no resize, whose {@code
     * --num-nodes} is per zone: the cluster autoscaler adds the nodes that pending pods need.
     */
    private static List<String> nodePool(ScalingPlan plan, NodePool pool, NodeProvider p) {
        int desired = desiredNodes(plan, pool);
        List<String> out = new ArrayList<>();
        if (p.kind() == NodeProvider.Kind.EKS) {
            String group = " --cluster-name " + Shell.word(p.cluster()) + " --nodegroup-name " + Shell.word(p.pool());
            out.add("# node pool " + pool.name() + ": autoscaling bounds " + pool.minNodes() + ".." + pool.maxNodes()
                    + " nodes; the desired size is raised to " + desired
                    + " (the pods at minReplicas) if below, never lowered except to the new maximum");
            out.add("desired=$(aws eks describe-nodegroup" + group
                    + " --query nodegroup.scalingConfig.desiredSize --output text)");
            out.add("aws eks update-nodegroup-config" + group + " --scaling-config \"minSize=" + pool.minNodes()
                    + ",maxSize=" + pool.maxNodes() + ",desiredSize=$(( desired < " + desired + " ? " + desired
                    + " : desired > " + pool.maxNodes() + " ? " + pool.maxNodes() + " : desired ))\"");
        } else {
            String location =
                    p.location().map(l -> " --location " + Shell.word(l)).orElse("");
            out.add("# node pool " + pool.name() + ": autoscaling bounds " + pool.minNodes() + ".." + pool.maxNodes()
                    + " nodes in total across its zones (the fit check's count); no resize: the cluster autoscaler"
                    + " adds nodes for pending pods (" + desired + " for the pods at minReplicas)");
            out.add("gcloud container node-pools update " + Shell.word(p.pool()) + " --cluster "
                    + Shell.word(p.cluster()) + location + " --enable-autoscaling --total-min-nodes "
                    + pool.minNodes() + " --total-max-nodes " + pool.maxNodes());
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
