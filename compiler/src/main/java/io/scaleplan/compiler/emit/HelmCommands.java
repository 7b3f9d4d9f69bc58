package io.scaleplan.compiler.emit;

import io.scaleplan.compiler.render.Shell;
import java.util.Map;

/** How APPLY.md upgrades a Helm release, for every target that writes a values overlay. */
public final class HelmCommands {
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

    private HelmCommands() {}

    /** A values overlay's path below the plan's folder: {@code helm/<release>-values.yaml}. */
    public static String valuesPath(String release) {
        return "helm/" + release + "-values.yaml";
    }

    /**
     * The folder of a release's Helm post-renderer below the plan's folder: {@code
     * helm/<release>-post-render/}; it carries the fixed replica counts the chart has no key for.
     */
    public static String postRenderFolder(String release) {
        return "helm/" + release + "-post-render/";
    }

    /** The post-renderer's script below the plan's folder: {@code helm/<release>-post-render/post-render.sh}. */
    public static String postRenderScript(String release) {
        return postRenderFolder(release) + "post-render.sh";
    }

    /** {@code helm upgrade RELEASE CHART -n NS --reset-then-reuse-values -f generated/<plan>/helm/...}. */
    public static String upgrade(String release, String chart, String namespace, PlanFolder folder) {
        return "helm upgrade " + Shell.word(release) + " " + chart + " -n " + Shell.word(namespace) + " " + REUSE
                + " -f " + Shell.word(folder.command(valuesPath(release)));
    }

    /** A Bitnami chart, pinned: {@code bitnami/postgresql --version 17.1.0}. */
    public static String bitnami(String chart) {
        return "bitnami/" + chart + " --version " + BITNAMI_VERSIONS.get(chart);
    }
}
