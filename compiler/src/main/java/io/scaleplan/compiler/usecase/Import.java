package io.scaleplan.compiler.usecase;

import io.scaleplan.compiler.importer.ImportProblem;
import io.scaleplan.compiler.importer.ImportRequest;
import io.scaleplan.compiler.importer.ImportResult;
import io.scaleplan.compiler.importer.Importer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code import} use case: reads an estate and writes a plan source (see {@link Importer}). The CLI
 * and the Maven plugin map their own options onto {@link Options} and show the {@link Outcome}: its
 * problems, then either its failure summary or the files it wrote.
 */
public final class Import {
    private Import() {}

    /**
     * What to import and where to write it; {@code null} for an option left to its default.
     *
     * @param inputs files and folders to import, in order
     * @param plansDirectory the plans' source folder
     * @param packageName the plan's package; default: the package whose package-info declares {@code @HelmChart}
     * @param planName the plan's name; default: from scaleplan's headers, else {@code imported}
     * @param className the class name; default: from the plan's name
     * @param namespace the namespace; default: the objects'
     * @param release the platform chart's Helm release
     * @param chart the chart reference, e.g. {@code ./arka-engine}
     * @param stated also state settings equal to what scaleplan derives
     * @param force replace an existing plan source of that name
     * @param dryRun write nothing; the outcome carries the source
     */
    public record Options(
            List<Path> inputs,
            Path plansDirectory,
            String packageName,
            String planName,
            String className,
            String namespace,
            String release,
            String chart,
            boolean stated,
            boolean force,
            boolean dryRun) {
        public Options {
            inputs = List.copyOf(inputs);
        }

        ImportRequest request() {
            return ImportRequest.builder(inputs, plansDirectory)
                    .packageName(packageName)
                    .planName(planName)
                    .className(className)
                    .namespace(namespace)
                    .release(release)
                    .chartReference(chart)
                    .stated(stated)
                    .force(force)
                    .dryRun(dryRun)
                    .build();
        }
    }

    /** What an import did: its problems, and what it wrote (or, on a dry run, the sources it would write). */
    public record Outcome(ImportResult result) {
        public boolean failed() {
            return result.failed();
        }

        public List<ImportProblem> problems() {
            return result.problems();
        }

        public long warnings() {
            return result.count(ImportProblem.Level.WARNING);
        }

        /** The two lines that end a failed import: the counts, and that nothing was written. */
        public List<String> failureSummary() {
            long errors = result.count(ImportProblem.Level.ERROR);
            return List.of(
                    plural(errors, "error") + ", " + plural(warnings(), "warning"),
                    "nothing written: fix the errors above");
        }

        /** One line per source written: the plan's, then each companion's (an event's base plan). */
        public List<String> written() {
            List<String> lines = new ArrayList<>();
            result.written()
                    .ifPresent(w -> lines.add(
                            "wrote " + w + " (" + result.qualifiedName().orElseThrow()
                                    + "), " + plural(warnings(), "warning")
                                    + (warnings() > 0 ? ": see the comments in it" : "")));
            result.companions()
                    .forEach(c -> c.written().ifPresent(w -> lines.add("wrote " + w + " (" + c.qualifiedName() + ")")));
            return lines;
        }

        /** On a dry run, the plan's source followed by each companion's, separated by a blank line. */
        public String sources() {
            StringBuilder text = new StringBuilder(result.source().orElseThrow());
            result.companions().forEach(c -> text.append('\n').append(c.source()));
            return text.toString();
        }

        private static String plural(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }

    /** Runs the import; every problem of the input is in the outcome, never thrown. */
    public static Outcome run(Options options) {
        return new Outcome(new Importer().run(options.request()));
    }
}
