package io.scaleplan.compiler.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.compiler.emit.HelmCommands;
import io.scaleplan.compiler.emit.apply.ApplyInstructions;
import io.scaleplan.compiler.emit.kubernetes.KubernetesEmitter;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compile step after emit that makes the chart the oracle: for a plan whose release's chart is
 * on disk, renders the chart with the generated values overlay (once per distinct overlay, see
 * {@link ChartRenderer}) and checks the rendered objects against the plan ({@link ChartOracle}).
 * The standalone PDBs scaleplan writes then select the pods by the labels the chart's workloads
 * really select them by ({@code app: cartservice} in Online Boutique). A chart that is not on disk
 * (a repository chart) is not rendered, and its PDBs select the recommended {@code
 * app.kubernetes.io/*} labels. A fixed replica count the chart has no values key for is carried by a
 * Helm post-renderer written next to the overlay ({@link #postRender}).
 *
 * <p>Cost: one {@code helm template} per distinct overlay, in process, cached per JVM. For the ARKA
 * plans (5 distinct overlays) a cold compile takes 1 to 2 s longer, most of it loading Helm's
 * native library; docs/charts.md has the measurement.
 */
public final class ChartStage {
    private final ChartLocator locator;
    private final ChartRenderer renderer;

    /** One renderer per JVM: a compile of the base and one of the worktree (scaleplan diff) share renders. */
    private static final ChartRenderer SHARED = new ChartRenderer();

    /** A stage that finds charts from the working folder up. */
    public ChartStage() {
        this(ChartLocator.fromWorkingDirectory(), SHARED);
    }

    public ChartStage(ChartLocator locator, ChartRenderer renderer) {
        this.locator = locator;
        this.renderer = renderer;
    }

    /**
     * What the chart made of the plan's files.
     *
     * @param diagnostics what the chart does not carry, or why it could not be rendered
     * @param files the plan's files, standalone PDBs selecting the chart's rendered pods
     */
    public record Result(List<Diagnostic> diagnostics, List<GeneratedFile> files) {}

    /**
     * Renders the chart of {@code plan} with the overlay among {@code files} (paths under {@code
     * <plan>/}, as emitters return them) and checks it: one render per release, each in its own
     * namespace, when the plan spans several.
     */
    public Result apply(ScalingPlan plan, List<GeneratedFile> files) {
        if (!plan.spansNamespaces()) {
            return applyRelease(plan, files);
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<GeneratedFile> out = files;
        for (ScalingPlan part : plan.byNamespace()) {
            Result r = applyRelease(part, out);
            diagnostics.addAll(r.diagnostics());
            out = r.files();
        }
        return new Result(diagnostics, out);
    }

    /** {@link #apply} of one release: {@code plan} is the plan as the release's namespace sees it. */
    private Result applyRelease(ScalingPlan plan, List<GeneratedFile> files) {
        if (plan.release().isPlainManifests()) {
            return new Result(List.of(), files);
        }
        Optional<Path> chart = locator.find(plan.release().chart());
        String overlayPath =
                plan.name() + "/" + HelmCommands.valuesPath(plan.release().name());
        Optional<GeneratedFile> overlay =
                files.stream().filter(f -> f.path().equals(overlayPath)).findFirst();
        if (chart.isEmpty() || overlay.isEmpty()) {
            return new Result(List.of(), files);
        }
        List<RenderedObject> rendered;
        try {
            rendered = renderer.render(
                    chart.get(),
                    plan.release().name(),
                    plan.namespace(),
                    overlay.get().content());
        } catch (ChartRenderer.RenderException e) {
            return new Result(
                    List.of(new Diagnostic(
                            Rules.CHART_RENDER_FAILED.ruleId(),
                            Rules.CHART_RENDER_FAILED.severity(),
                            PlanElement.plan(plan.name())
                                    .detail("release " + plan.release().name()),
                            "helm template " + plan.release().name() + " "
                                    + plan.release().chart() + " -f "
                                    + overlay.get().path() + " fails: " + e.getMessage(),
                            plan.source(),
                            Optional.of(Rules.CHART_RENDER_FAILED.fix()))),
                    files);
        }
        ChartOracle.Verdict verdict = ChartOracle.check(plan, rendered);
        String prefix = plan.name();
        List<GeneratedFile> out = new ArrayList<>(files.size());
        for (GeneratedFile f : files) {
            out.add(withRenderedSelector(plan, f, prefix, verdict));
        }
        out.addAll(postRender(plan, verdict.replicaPatches()));
        return new Result(verdict.diagnostics(), out);
    }

    /** The folder of the release's post-renderer, under the plan's: {@code helm/boutique-post-render/}. */
    public static String postRenderDir(ScalingPlan plan) {
        return plan.name() + "/" + HelmCommands.postRenderFolder(plan.release().name());
    }

    /**
     * The fixed replica counts the chart cannot carry (its layout has no key for them, and its
     * workloads render no {@code spec.replicas}: Online Boutique), as a Helm post-renderer: a
     * kustomization over the rendered manifests with a JSON patch per workload setting {@code
     * /spec/replicas}, and {@code post-render.sh}, which Helm runs with the rendered manifests on
     * its input ({@code helm upgrade ... --post-renderer sh --post-renderer-args
     * <dir>/post-render.sh}) and which prints them patched by {@code kubectl kustomize}.
     */
    private static List<GeneratedFile> postRender(ScalingPlan plan, Map<String, RenderedObject> patches) {
        if (patches.isEmpty()) {
            return List.of();
        }
        String dir = postRenderDir(plan);
        List<GeneratedFile> out = new ArrayList<>();
        ArrayNode entries = Yaml.array();
        for (Service s : plan.services()) {
            RenderedObject workload = patches.get(s.name());
            if (workload == null) {
                continue;
            }
            String file = s.name() + "-replicas.yaml";
            ArrayNode ops = Yaml.array();
            ops.addObject()
                    .put("op", "add")
                    .put("path", "/spec/replicas")
                    .put("value", s.replicas().orElseThrow());
            out.add(new GeneratedFile(dir + file, Yaml.render(Headers.comment("#", plan), ops)));
            ObjectNode entry = entries.addObject();
            entry.put("path", file);
            entry.putObject("target").put("kind", workload.kind()).put("name", workload.name());
        }
        ObjectNode kustomization = Yaml.object();
        kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        kustomization.put("kind", "Kustomization");
        kustomization.putArray("resources").add(RENDERED);
        kustomization.set("patches", entries);
        out.add(new GeneratedFile(dir + "kustomization.yaml", Yaml.render(Headers.comment("#", plan), kustomization)));
        out.add(new GeneratedFile(dir + "post-render.sh", postRenderScript(plan, dir)));
        return out;
    }

    /** The manifests Helm rendered, as the post-renderer's kustomization names them. */
    static final String RENDERED = "rendered.yaml";

    private static String postRenderScript(ScalingPlan plan, String dir) {
        return "#!/bin/sh\n"
                + Headers.comment("#", plan)
                + "# Helm post-renderer: sets the fixed replica counts the chart "
                + plan.release().chartName()
                + " has no values key for.\n"
                + "#   helm upgrade ... --post-renderer sh --post-renderer-args " + ApplyInstructions.OUTPUT + "/" + dir
                + "post-render.sh\n"
                + "# Reads the rendered manifests on its input, prints them patched (needs kubectl).\n"
                + "set -eu\n"
                + "here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
                + "work=$(mktemp -d)\n"
                + "trap 'rm -rf \"$work\"' EXIT\n"
                + "cp \"$here\"/*.yaml \"$work\"/\n"
                + "cat > \"$work/" + RENDERED + "\"\n"
                + "kubectl kustomize \"$work\"\n";
    }

    private static GeneratedFile withRenderedSelector(
            ScalingPlan plan, GeneratedFile file, String prefix, ChartOracle.Verdict verdict) {
        for (Service s : plan.services()) {
            ObjectNode selector = verdict.podSelectors().get(s.name());
            if (selector != null
                    && s.disruptionBudget().isPresent()
                    && file.path().equals(prefix + "/" + KubernetesEmitter.path(ClusterObject.pdbName(s.name())))) {
                return new GeneratedFile(
                        file.path(), Yaml.render(Headers.comment("#", plan), KubernetesEmitter.pdb(plan, s, selector)));
            }
        }
        return file;
    }
}
