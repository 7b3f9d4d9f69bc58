package io.scaleplan.compiler.emit.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaleplan.compiler.emit.ApplyStep;
import io.scaleplan.compiler.emit.Document;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.PlanFolder;
import io.scaleplan.compiler.emit.PlanOutput;
import io.scaleplan.compiler.emit.Target;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Shell;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.compiler.resolve.ResolvedPlan;
import io.scaleplan.compiler.resolve.Tuning;
import io.scaleplan.dsl.EventPhase;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.NodeProvider;
import io.scaleplan.dsl.Postgres;
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
    public static final String OUTPUT = PlanFolder.OUTPUT;

    /** The assembler's name, as APPLY.md's document carries it. */
    public static final String NAME = "apply";

    /** APPLY.md's path below the plan's folder. */
    public static final String PATH = "APPLY.md";

    private final List<Target> targets;

    /** APPLY.md for the outputs of {@code targets}, applied stage by stage in their order. */
    public ApplyInstructions(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    /** APPLY.md of a plan, from its output. */
    public Document forPlan(PlanOutput output) {
        ScalingPlan plan = output.plan().plan();
        String root = output.folder().root();
        StringBuilder md = new StringBuilder();
        md.append(Headers.markdown(plan));
        md.append("# Apply: ").append(root).append("\n\n");
        boolean helm = output.documents().stream().anyMatch(d -> d.path().startsWith("helm/"));
        preamble(md, helm, plan);
        steps(md, output);
        md.append("## Restarts\n\n");
        md.append((helm
                        ? "`helm upgrade`"
                        : "Applying the "
                                + (plan.services().stream().anyMatch(Service::isStatefulSet)
                                        ? "workload"
                                        : "Deployment")
                                + " patches")
                + " rolls a service's pods when its requests or limits change, one surge at a time;"
                + " replica ranges and disruption budgets apply in place.\n");
        statefulSetRollouts(md, plan);
        for (io.scaleplan.compiler.resolve.PostgresSettings tuned :
                output.plan().databases()) {
            Postgres pg = tuned.postgres();
            List<String> postmaster =
                    tuned.restartRequired().stream().map(Tuning.Tuned::name).toList();
            if (pg.hosting() instanceof Hosting.InChart c) {
                md.append("\n")
                        .append(pg.title())
                        .append(" runs in the team's chart (workload ")
                        .append(c.workload())
                        .append("): ")
                        .append(String.join(", ", postmaster))
                        .append(" take effect when its pods restart (`kubectl rollout restart`), the others at")
                        .append(" `pg_reload_conf()`.\n");
                continue;
            }
            if (pg.hosting() instanceof Hosting.Managed m) {
                md.append("\n")
                        .append(pg.title())
                        .append(" is ")
                        .append(m.describe())
                        .append(": ")
                        .append(String.join(", ", postmaster))
                        .append(" take effect after a reboot of it (pending-reboot), the others at once.\n");
                continue;
            }
            if (pg.readReplicas() > 0) {
                md.append("\n")
                        .append(pg.name().isPresent() ? pg.title() + "'s" : "PostgreSQL's")
                        .append(
                                " StatefulSets update `OnDelete` (the overlay sets it), so `helm upgrade` changes their")
                        .append(
                                " pods' template without restarting them. When the overlay changed since the last apply")
                        .append(
                                " (settings, resources), restart them in the order replication needs: the read replicas")
                        .append(" first when no setting of ")
                        .append(String.join(", ", hotStandby()))
                        .append(" is lowered (a standby must run at least the primary's value, else it pauses WAL")
                        .append(" replay),\n\n```bash\n");
                Restarts.commands(plan, pg, Restarts.Order.REPLICAS_FIRST)
                        .forEach(c -> md.append(c).append('\n'));
                md.append("```\n\nor the primary first when one of them is lowered:\n\n```bash\n");
                Restarts.commands(plan, pg, Restarts.Order.PRIMARY_FIRST)
                        .forEach(c -> md.append(c).append('\n'));
                md.append("```\n");
            } else {
                md.append("\n")
                        .append(pg.title())
                        .append(" has no read replicas: `helm upgrade` rolls its pod when its configuration or")
                        .append(" resources change (the chart's configuration checksum), and ")
                        .append(String.join(", ", postmaster))
                        .append(" take effect then.\n");
            }
        }
        md.append('\n');
        watch(md, output);
        md.append("## Roll back\n\n");
        md.append("Check out the previous version of `" + OUTPUT + "/" + root
                + "/` (the commit before the last one that changed it) and run the steps above again:\n\n");
        md.append("```bash\n");
        md.append("git log --format='%h %s' -n 2 -- " + OUTPUT + "/" + root + "\n");
        md.append("git checkout \"$(git log --format=%h -n 1 --skip 1 -- " + OUTPUT + "/" + root + ")\" -- " + OUTPUT
                + "/" + root + "\n");
        md.append("```\n");
        return Document.text(NAME, "Markdown", PATH, md.toString());
    }

    /**
     * APPLY.md of one phase of {@code event}, whose files are {@code files} (under {@code
     * <event>/<NN-phase>/}); {@code previousFiles} are the files of the phase before it, or of the
     * base plan for the first phase.
     */
    public Document forPhase(EventPlan event, EventPhase phase, PlanOutput output, PlanOutput previous) {
        String previousRoot = previous.folder().root();
        ScalingPlan plan = phase.plan();
        ResolvedPlan after = output.plan();
        ResolvedPlan before = previous.plan();
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
        preamble(md, true, plan);
        changes(md, before, after);
        List<String> changed = Restarts.changedPostmasterSettings(before, after);
        boolean restart = Restarts.ordered(plan) && overlayChanged(plan, output, previous);
        Restarts.Order order = Restarts.order(before, after);
        List<String> commands = new ArrayList<>(commands(output));
        if (restart) {
            commands.add(Restarts.reason(order, Restarts.raised(before, after), Restarts.lowered(before, after)));
            commands.addAll(Restarts.commands(plan, order));
        }
        md.append("## Steps\n\n```bash\n");
        commands.forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
        md.append("## Restarts\n\n");
        md.append(restarts(before.plan(), plan));
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
            Hosting hosting = plan.postgres().map(Postgres::hosting).orElse(Hosting.BITNAMI);
            md.append("PostgreSQL: ")
                    .append(String.join(", ", changed))
                    .append(
                            hosting instanceof Hosting.InChart c
                                    ? " take effect when the pods of workload " + c.workload() + " restart (`kubectl"
                                            + " rollout restart`).\n\n"
                                    : hosting instanceof Hosting.Managed m
                                            ? " take effect after a reboot of " + m.describe() + ".\n\n"
                                            : " take effect when `helm upgrade` rolls its pod (the chart's configuration"
                                                    + " checksum).\n\n");
        }
        watch(md, output);
        md.append("## Roll back\n\n");
        md.append("Apply the files of `" + OUTPUT + "/" + previousRoot + "/` (")
                .append(event.previous(phase)
                        .map(p -> "the " + p.kind().id() + " phase")
                        .orElse("the base plan `" + event.base().name() + "`"))
                .append(") with the same steps:\n\n");
        md.append("```bash\n");
        commands(previous).forEach(c -> md.append(c).append('\n'));
        if (restart) {
            Restarts.Order back = Restarts.order(after, before);
            md.append(Restarts.reason(back, Restarts.raised(after, before), Restarts.lowered(after, before)))
                    .append('\n');
            Restarts.commands(before.plan(), back).forEach(c -> md.append(c).append('\n'));
        }
        md.append("```\n");
        return Document.text(NAME, "Markdown", PATH, md.toString());
    }

    private static void preamble(StringBuilder md, boolean helm, ScalingPlan plan) {
        if (!helm) {
            md.append("Run from the folder that holds `" + OUTPUT + "/` (the repository root), with `kubectl` (1.31 or"
                    + " newer) pointed at the cluster. The plan has no Helm chart: the services' "
                    + ClusterObject.workloadsNoun(plan) + " are yours,"
                    + " and scaleplan's patches of them are a kustomize Component. The steps are in order; each is"
                    + " safe to repeat.\n\n");
            return;
        }
        // the Bitnami repository only where a release installs a chart from it
        boolean bitnami = plan.databases().stream().anyMatch(Postgres::isBitnami)
                || plan.caches().stream().anyMatch(io.scaleplan.dsl.Redis::isBitnami)
                || plan.namespaces().stream()
                        .anyMatch(n -> !n.release().isPlainManifests()
                                && n.release().chart().startsWith("bitnami/"));
        md.append("Run from the folder that holds `" + OUTPUT
                + "/` (the repository root), with `kubectl` (1.31 or newer) and `helm` (3.14 or newer) pointed at"
                + " the cluster"
                + (bitnami
                        ? ", and the Bitnami repository added once (`helm repo add bitnami "
                                + HelmCommands.BITNAMI_REPOSITORY + "`)"
                        : "")
                + ". The steps are in order; each is safe to repeat.\n\n");
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
    private static boolean overlayChanged(ScalingPlan plan, PlanOutput output, PlanOutput previous) {
        String release = plan.postgres().orElseThrow().release();
        return !overlay(output, release).equals(overlay(previous, release));
    }

    private static Optional<JsonNode> overlay(PlanOutput output, String release) {
        return output.documents().stream()
                .filter(d -> d.kind().equals("HelmValues") && d.name().equals(release))
                .map(Document::tree)
                .findFirst();
    }

    private static void changes(StringBuilder md, ResolvedPlan resolvedBefore, ResolvedPlan resolvedAfter) {
        ScalingPlan before = resolvedBefore.plan();
        ScalingPlan after = resolvedAfter.plan();
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
        Restarts.changedPostmasterSettings(resolvedBefore, resolvedAfter)
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

    private void steps(StringBuilder md, PlanOutput output) {
        md.append("## Steps\n\n");
        md.append("```bash\n");
        commands(output).forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
    }

    /** The commands that apply the output, in order: node pools, then each stage's target steps. */
    List<String> commands(PlanOutput output) {
        ScalingPlan plan = output.plan().plan();
        List<String> out = new ArrayList<>();
        for (NodePool pool : plan.nodePools()) {
            pool.provider().ifPresent(p -> out.addAll(nodePool(plan, pool, p)));
        }
        for (ApplyStep.Stage stage : ApplyStep.Stage.values()) {
            for (Target target : targets) {
                for (ApplyStep step : target.applySteps(output.plan(), output.folder(), output.of(target))) {
                    if (step.stage() == stage) {
                        out.addAll(step.commands());
                    }
                }
            }
        }
        return out;
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
                + " (their requests or limits change), one surge at a time"
                + (after.services().stream().anyMatch(Service::isStatefulSet)
                        ? " (a StatefulSet's one pod at a time, with one pod fewer serving meanwhile)"
                        : "")
                + ".\n\n";
    }

    /** A StatefulSet rolls without surge: say so, and how to follow and undo it. */
    private static void statefulSetRollouts(StringBuilder md, ScalingPlan plan) {
        List<Service> stateful =
                sorted(plan).stream().filter(Service::isStatefulSet).toList();
        if (stateful.isEmpty()) {
            return;
        }
        md.append("\nA StatefulSet (")
                .append(String.join(
                        ", ", stateful.stream().map(s -> "`" + s.name() + "`").toList()))
                .append(") has no surge: it replaces one pod at a time, highest ordinal first, and the next only once")
                .append(" the new one is Ready, so one pod fewer serves throughout. A new pod that never becomes Ready")
                .append(" stops the rollout: `kubectl rollout undo` restores the template, and the stuck pod must then")
                .append(" be deleted by hand (Kubernetes' forced rollback). Follow it:\n\n```bash\n");
        for (Service s : stateful) {
            String ns = Shell.word(plan.namespaceOf(s).name());
            md.append("kubectl -n " + ns + " rollout status " + s.workload().resource() + "/" + Shell.word(s.name())
                    + " --timeout=30m\n");
        }
        md.append("```\n");
    }

    private void watch(StringBuilder md, PlanOutput output) {
        ScalingPlan plan = output.plan().plan();
        md.append("## Watch\n\n");
        md.append("```bash\n");
        List<String> gets = plan.namespaces().stream()
                .map(n -> "kubectl -n " + Shell.word(n.name()) + " get hpa,pods")
                .toList();
        // one watch over every namespace: watch runs until interrupted, so a second would never start
        md.append(gets.size() == 1 ? "watch " + gets.get(0) : "watch '" + String.join("; ", gets) + "'")
                .append('\n');
        for (ScalingPlan part : plan.byNamespace()) {
            String ns = Shell.word(part.namespace());
            for (Service s : sorted(part)) {
                if (s.isAutoscaled()) {
                    md.append("kubectl -n ")
                            .append(ns)
                            .append(" describe hpa ")
                            .append(Shell.word(ClusterObject.hpaName(s.name())))
                            .append('\n');
                }
            }
            for (Service s : sorted(part)) {
                if (s.isStatefulSet()) {
                    md.append("kubectl -n " + ns + " get " + s.workload().resource() + " " + Shell.word(s.name())
                            + " -o wide\n");
                }
            }
            md.append("kubectl -n ").append(ns).append(" top pods --containers\n");
        }
        for (Target target : targets) {
            target.watchCommands(output.plan(), output.folder(), output.of(target))
                    .forEach(c -> md.append(c).append('\n'));
        }
        md.append("```\n\n");
        for (Target target : targets) {
            md.append(target.watchNotes(output.plan(), output.folder(), output.of(target)));
        }
    }

    private static List<Service> sorted(ScalingPlan plan) {
        return plan.services().stream()
                .sorted(Comparator.comparing(Service::name))
                .toList();
    }
}
