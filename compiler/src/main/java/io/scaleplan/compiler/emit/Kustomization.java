package io.scaleplan.compiler.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Yaml;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Optional;

/**
 * {@code k8s/kustomization.yaml}: the entries every target contributes ({@link
 * Target#kustomization}), so that {@code kubectl apply -k generated/<plan>/k8s} applies them.
 */
public final class Kustomization {
    /** The folder below the plan's that holds the kustomization and its resources. */
    public static final String DIR = "k8s";

    /** The kustomization's path below the plan's folder. */
    public static final String PATH = DIR + "/kustomization.yaml";

    private Kustomization() {}

    /** The kustomization listing {@code entries} (paths below the plan's folder), when there are any. */
    public static Optional<Document> of(ScalingPlan plan, List<String> entries) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        doc.put("kind", "Kustomization");
        ArrayNode list = doc.putArray("resources");
        entries.stream()
                .map(e -> {
                    if (!e.startsWith(DIR + "/")) {
                        throw new IllegalArgumentException("a kustomization entry outside " + DIR + "/: " + e);
                    }
                    return e.substring(DIR.length() + 1);
                })
                .sorted()
                .forEach(list::add);
        return Optional.of(
                Document.tree("kustomize", "Kustomization", "kustomization", PATH, Headers.comment("#", plan), doc));
    }
}
