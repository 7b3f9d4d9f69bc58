package io.scaleplan.compiler.diff;

import java.util.List;

/** Describes how one file's text changed, in the terms of its format. */
interface FileDiffer {

    /**
     * The changes from {@code before} to {@code after} of the file at {@code path} (relative to the
     * plan's folder); empty when the texts mean the same.
     */
    List<SemanticChange> describe(String path, String before, String after);
}
