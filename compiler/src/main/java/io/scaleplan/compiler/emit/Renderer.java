package io.scaleplan.compiler.emit;

import io.scaleplan.compiler.render.Yaml;

/** The one renderer: a document's content as the text written to disk, under its plan's folder. */
public final class Renderer {
    private Renderer() {}

    /** The content of {@code document} as text. */
    public static String text(Document document) {
        if (document.content() instanceof Document.Tree t) {
            return Yaml.render(t.header(), t.tree());
        }
        if (document.content() instanceof Document.RenderedYaml r) {
            return r.text();
        }
        return ((Document.Text) document.content()).text();
    }

    /** {@code document} as the file {@code <folder>/<path>}. */
    public static GeneratedFile file(PlanFolder folder, Document document) {
        return new GeneratedFile(folder.root() + "/" + document.path(), text(document));
    }
}
