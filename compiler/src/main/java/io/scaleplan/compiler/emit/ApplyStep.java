package io.scaleplan.compiler.emit;

import java.util.List;
import java.util.Objects;

/**
 * Commands a target contributes to the steps of APPLY.md: a comment line and the commands, in the
 * stage they belong to. APPLY.md lists the stages in order, and within a stage the targets in
 * their registration order.
 *
 * @param stage when the commands run
 * @param commands the lines, comments ({@code # ...}) included
 */
public record ApplyStep(Stage stage, List<String> commands) {

    /** The order in which APPLY.md applies a plan's outputs. */
    public enum Stage {
        /** The platform chart's release: the services' values. */
        PLATFORM_RELEASE,
        /** Objects applied with kubectl (HPAs, PDBs). */
        CLUSTER_OBJECTS,
        /** The data tier's releases (Bitnami charts). */
        DATA_RELEASES,
        /** Scripts run against the data tier's servers (psql, redis-cli). */
        DATA_SCRIPTS
    }

    public ApplyStep {
        Objects.requireNonNull(stage, "stage");
        commands = List.copyOf(commands);
    }
}
