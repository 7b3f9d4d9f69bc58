package io.scaleplan.compiler.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One object a chart rendered.
 *
 * @param kind its {@code kind}
 * @param name its {@code metadata.name}
 * @param template the template that rendered it, as Helm's {@code # Source:} line names it ({@code
 *     nginx/templates/hpa.yaml})
 * @param document the object
 */
public record RenderedObject(String kind, String name, String template, JsonNode document) {

    public RenderedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(document, "document");
    }

    /** {@code Deployment/cartservice (onlineboutique/templates/cartservice.yaml)}. */
    public String describe() {
        return kind + "/" + name + " (" + template + ")";
    }

    /** The node at a JSON pointer ({@code /spec/replicas}); missing if absent. */
    public JsonNode at(String pointer) {
        return document.at(pointer);
    }
}
