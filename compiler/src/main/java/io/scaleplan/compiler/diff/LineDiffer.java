package io.scaleplan.compiler.diff;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;

/**
 * Any other text (Markdown reports, for one), line by line: {@code line 12: old → new} where a
 * line was rewritten, {@code line 12: + text} and {@code line 12: - text} where lines were added
 * or removed (numbered in the new and the old file).
 */
final class LineDiffer implements FileDiffer {

    @Override
    public List<SemanticChange> describe(String path, String before, String after) {
        RawText a = UnifiedDiff.text(before);
        RawText b = UnifiedDiff.text(after);
        List<SemanticChange> changes = new ArrayList<>();
        for (Edit edit : UnifiedDiff.edits(a, b)) {
            int removed = edit.getLengthA();
            int added = edit.getLengthB();
            if (removed == added) {
                for (int i = 0; i < removed; i++) {
                    changes.add(new SemanticChange(
                            path,
                            "line " + (edit.getBeginB() + i + 1) + ": " + a.getString(edit.getBeginA() + i) + " → "
                                    + b.getString(edit.getBeginB() + i)));
                }
                continue;
            }
            for (int i = 0; i < removed; i++) {
                int line = edit.getBeginA() + i;
                changes.add(new SemanticChange(path, "line " + (line + 1) + ": - " + a.getString(line)));
            }
            for (int i = 0; i < added; i++) {
                int line = edit.getBeginB() + i;
                changes.add(new SemanticChange(path, "line " + (line + 1) + ": + " + b.getString(line)));
            }
        }
        return changes;
    }
}
