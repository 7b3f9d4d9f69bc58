package io.scaleplan.compiler.diff;

import java.util.List;
import java.util.Locale;

/** The differ for each kind of output, chosen by file extension. */
final class Differs {
    private static final FileDiffer YAML = new YamlDiffer();
    private static final FileDiffer SQL = new SqlDiffer();
    private static final FileDiffer CONF = new DirectiveDiffer(false);
    private static final FileDiffer REDIS = new DirectiveDiffer(true);
    private static final FileDiffer MARKDOWN = new MarkdownDiffer();
    private static final FileDiffer LINES = new LineDiffer();

    private Differs() {}

    static FileDiffer forPath(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        } else if (name.endsWith(".sql")) {
            return SQL;
        } else if (name.endsWith(".conf")) {
            return CONF;
        } else if (name.endsWith(".redis")) {
            return REDIS;
        } else if (name.endsWith(".md")) {
            return MARKDOWN;
        }
        return LINES;
    }

    /**
     * The semantic changes of a changed file; when its format sees none (only comments or layout
     * changed), one change that says so.
     */
    static List<SemanticChange> describe(String path, String before, String after) {
        List<SemanticChange> changes = forPath(path).describe(path, before, after);
        if (changes.isEmpty()) {
            return List.of(new SemanticChange(path, "comments or layout changed"));
        }
        return changes;
    }
}
