package io.scaleplan.processor;

import io.scaleplan.dsl.HelmChart;
import io.scaleplan.dsl.RuleId;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates the typed binding of each chart named by {@link HelmChart @HelmChart}: in the annotated
 * element's package, a class with a handle per service and typed setters per values key (see
 * {@link ChartBinding}), and the chart's service index the DSL checks string-named services
 * against. The chart folder is resolved against the processor option {@value #CHART_ROOT} (the
 * module's base directory), or, without it, against the folders above the annotated source file and
 * the class output (see {@link #chartFolder}), never the working directory alone. A chart that is missing ({@code [SP310]}), malformed ({@code [SP311]}) or
 * cannot be bound ({@code [SP312]}) is one error on the annotation; {@code [SP313]} is a class name
 * that is not a Java identifier or is generated twice.
 */
@SupportedAnnotationTypes("io.scaleplan.dsl.HelmChart")
@SupportedOptions(ChartProcessor.CHART_ROOT)
public final class ChartProcessor extends GuardedProcessor {
    static final String CHART_ROOT = "scaleplan.chartRoot";
    /** Where the chart index of each {@code @HelmChart} element goes, read by the DSL. */
    static final String CHART_INDEX = "META-INF/scaleplan/charts/";

    private final Map<String, Element> generated = new HashMap<>();

    @Override
    void processRound(RoundEnvironment round) {
        if (round.processingOver()) {
            return;
        }
        List<Element> bindings = new ArrayList<>(round.getElementsAnnotatedWith(HelmChart.class));
        bindings.sort(Comparator.comparing(e -> e.toString()));
        for (Element element : bindings) {
            bind(element);
        }
    }

    private void bind(Element element) {
        HelmChart chart = element.getAnnotation(HelmChart.class);
        AnnotationMirror annotation = mirror(element, HelmChart.class);
        FileObject index;
        try {
            index = processingEnv
                    .getFiler()
                    .createResource(
                            StandardLocation.CLASS_OUTPUT, "", CHART_INDEX + owner(element) + ".properties", element);
        } catch (IOException e) {
            error(
                    RuleId.CHART_CLASS_NAME,
                    element,
                    annotation,
                    "cannot write the chart index of " + describe(element) + ": " + e.getMessage());
            return;
        }
        Path dir = chartFolder(element, chart.value(), index);
        ChartModel model;
        try {
            model = new ChartReader().read(dir, chart.value());
        } catch (ChartException e) {
            String hint = processingEnv.getOptions().containsKey(CHART_ROOT)
                    ? ""
                    : " (relative to the module's base directory: pass -A" + CHART_ROOT
                            + "=${project.basedir} to the compiler when the build cannot find it)";
            error(
                    e.ruleId(),
                    element,
                    annotation,
                    e.getMessage() + hint + " [@HelmChart on " + describe(element) + "]");
            return;
        }
        String className = chart.className().isEmpty() ? ChartBinding.upperCamel(model.name()) : chart.className();
        String packageName = processingEnv
                .getElementUtils()
                .getPackageOf(element)
                .getQualifiedName()
                .toString();
        String qualified = packageName.isEmpty() ? className : packageName + "." + className;
        if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
            error(
                    RuleId.CHART_CLASS_NAME,
                    element,
                    annotation,
                    "\"" + className + "\" is not a valid class name for chart " + model.name()
                            + "; set @HelmChart(className = ...)");
            return;
        }
        Element first = generated.putIfAbsent(qualified, element);
        if (first != null) {
            error(
                    RuleId.CHART_CLASS_NAME,
                    element,
                    annotation,
                    "class " + qualified + " is already generated for " + first + "; set @HelmChart(className = ...)");
            return;
        }
        try {
            ChartBinding.generate(model, packageName, className, element).writeTo(processingEnv.getFiler());
            writeIndex(index, model);
        } catch (IOException e) {
            error(RuleId.CHART_CLASS_NAME, element, annotation, "cannot write " + qualified + ": " + e.getMessage());
        }
    }

    /**
     * The chart's services, where the DSL finds them at run time to check services named by a
     * string ({@code .service("policy-engine", ...)}) against the chart: {@code
     * META-INF/scaleplan/charts/<package or class>.properties}, one {@code service.<name>=<helm
     * key>} line per service.
     */
    private static void writeIndex(FileObject file, ChartModel model) throws IOException {
        StringBuilder text = new StringBuilder("# Generated by scaleplan from chart " + model.name() + "\n");
        text.append("chart=").append(model.name()).append('\n');
        for (ChartModel.Service service : model.services()) {
            text.append("service.")
                    .append(service.name())
                    .append('=')
                    .append(service.helmKey())
                    .append('\n');
        }
        try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text.toString());
        }
    }

    /**
     * The chart folder named by {@code relative}: against the option {@value #CHART_ROOT} when the
     * build passes it; otherwise against the nearest folder above the annotated source file, or
     * above the class output folder ({@code target/classes}), that holds it: the module's base
     * directory in Maven, Gradle and IDE builds alike, wherever the compiler was started. The
     * working directory is the last resort.
     */
    private Path chartFolder(Element element, String relative, FileObject index) {
        String option = processingEnv.getOptions().get(CHART_ROOT);
        if (option != null) {
            return Paths.get(option).toAbsolutePath().resolve(relative).normalize();
        }
        for (Optional<Path> start : List.of(sourceFolder(element), folderOf(index))) {
            for (Path dir = start.orElse(null); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relative).normalize();
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return Paths.get("").toAbsolutePath().resolve(relative).normalize();
    }

    /** The folder of the annotated element's source file, where javac's tree API tells it. */
    private Optional<Path> sourceFolder(Element element) {
        try {
            var path = com.sun.source.util.Trees.instance(processingEnv).getPath(element);
            if (path == null) {
                return Optional.empty();
            }
            return Optional.of(
                    Paths.get(path.getCompilationUnit().getSourceFile().toUri()).getParent());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // not javac (the Eclipse compiler), or a source that is not a file
        }
    }

    /** The folder of a file the compiler's filer created (in {@code target/classes}), where it is a file. */
    private static Optional<Path> folderOf(FileObject file) {
        try {
            return Optional.ofNullable(Paths.get(file.toUri()).getParent());
        } catch (RuntimeException e) {
            return Optional.empty(); // an in-memory file system
        }
    }

    /** The annotated class's binary name or the package's name: how the DSL looks the index up. */
    private String owner(Element element) {
        return element instanceof PackageElement p
                ? p.getQualifiedName().toString()
                : processingEnv
                        .getElementUtils()
                        .getBinaryName((TypeElement) element)
                        .toString();
    }

    /** The element as a message names it, the same under every compiler. */
    private static String describe(Element element) {
        return element instanceof PackageElement p
                ? "package " + p.getQualifiedName()
                : ((TypeElement) element).getQualifiedName().toString();
    }
}
