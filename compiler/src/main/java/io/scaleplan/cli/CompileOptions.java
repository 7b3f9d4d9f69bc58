package io.scaleplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that compile the plans in memory and compare (diff, check, commit). */
final class CompileOptions {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output folder (default: generated, at the project root wherever the command runs).")
    Path output;

    @Mixin
    SourceRootOption sourceRoot;

    @Option(names = "--strict", description = "Treat warnings as errors.")
    boolean strict;

    /** The project's root folder, once the command runs ({@link CompilingCommand#execute}). */
    Path root;

    /** The output folder: as given, or {@code generated} at the project root. */
    Path output() {
        if (output != null) {
            return output;
        }
        return root != null ? root.resolve("generated") : Path.of("generated");
    }

    /** The folder the plans' sources live in, if given ({@code --source-root}). */
    Path sourceRoot() {
        return sourceRoot.path;
    }

    /** Loads and compiles the plans with these options, printing diagnostics to {@code err}. */
    PlanOutputs compile(PlanSource plans, java.util.List<String> only, java.io.PrintWriter err) {
        return PlanOutputs.compile(plans, only, strict, sourceRoot(), err);
    }
}
