package io.scaleplan.compiler.emit;

import java.util.Objects;

/**
 * The folder a plan's documents go to below the output root, and from which APPLY.md applies them:
 * the plan's name ({@code production}), or an event's phase ({@code black-friday/01-pre-scale}).
 *
 * @param root the folder, relative to the output root
 */
public record PlanFolder(String root) {
    /** The output root, as the commands in APPLY.md and the file headers name it (run from the repository). */
    public static final String OUTPUT = "generated";

    public PlanFolder {
        Objects.requireNonNull(root, "root");
    }

    /** {@code generated/production/}: the prefix of a document's path in a command. */
    public String dir() {
        return OUTPUT + "/" + root + "/";
    }

    /** {@code generated/production/k8s}: a path below the folder, as a command names it. */
    public String command(String path) {
        return dir() + path;
    }
}
