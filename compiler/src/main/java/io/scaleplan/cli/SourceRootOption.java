package io.scaleplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --source-root}, for every command that prints diagnostics of the plans it compiles. */
final class SourceRootOption {
    @Option(
            names = "--source-root",
            paramLabel = "DIR",
            defaultValue = "${env:SCALEPLAN_SOURCE_ROOT}",
            description = {
                "Folder the plans' sources live in, to print diagnostics as DIR/pkg/File.java:line.",
                "Default: $SCALEPLAN_SOURCE_ROOT (./scaleplan sets it to plans/src/main/java)."
            })
    Path path;
}
