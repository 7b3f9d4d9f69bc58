package io.scaleplan.compiler.emit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One output of a target, before it is bytes: which target made it, what it is, where it goes in
 * the plan's folder, and its content as a tree (YAML) or as text (SQL, Markdown, redis-cli
 * input). {@link Renderer} turns it into a file.
 *
 * @param target the target's {@link Target#name() name}: {@code kubernetes}
 * @param kind what the document is: a Kubernetes kind ({@code HorizontalPodAutoscaler}), {@code
 *     HelmValues}, {@code Sql}, {@code Markdown}
 * @param name the object's name ({@code usage-metering-hpa}), or the file's name
 * @param path the path below the plan's folder ({@code k8s/usage-metering-hpa.yaml})
 * @param content the content
 */
public record Document(String target, String kind, String name, String path, Content content) {
    private static final Pattern RELATIVE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*(/[a-zA-Z0-9][a-zA-Z0-9._-]*)*");

    public Document {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (!RELATIVE.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a path below the plan's folder: " + path);
        }
    }

    /** A document's content: a tree the renderer writes as YAML, or text as it is. */
    public sealed interface Content {}

    /**
     * A YAML document.
     *
     * @param header the comment lines above it, each ending in a newline
     * @param tree the document
     */
    public record Tree(String header, JsonNode tree) implements Content {
        public Tree {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(tree, "tree");
        }
    }

    /**
     * A YAML document already rendered ({@link Tree} as written, header included): the compiler
     * keeps the text, not the tree, once the chart stage has seen the files, so that each document
     * is rendered once and its tree is not held while the others are made. Its tree is read back
     * from the text when asked for.
     */
    public record RenderedYaml(String text) implements Content {
        public RenderedYaml {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A text document (SQL, Markdown, JSON, redis-cli input), header included. */
    public record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A YAML document. */
    public static Document tree(String target, String kind, String name, String path, String header, JsonNode tree) {
        return new Document(target, kind, name, path, new Tree(header, tree));
    }

    /** A text document named after its file. */
    public static Document text(String target, String kind, String path, String text) {
        return new Document(target, kind, path.substring(path.lastIndexOf('/') + 1), path, new Text(text));
    }

    /** The tree of a YAML document. */
    public JsonNode tree() {
        if (content instanceof Tree t) {
            return t.tree();
        }
        if (content instanceof RenderedYaml r) {
            return io.scaleplan.compiler.render.Yaml.read(r.text());
        }
        throw new IllegalStateException(path + " is not a YAML document");
    }
}
