package io.scaleplan.processor;

import io.scaleplan.dsl.HelmChart;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Generates the typed binding of each chart named by {@link HelmChart @HelmChart}: in the annotated
 * element's package, a class with a handle per service and typed setters per values key (see
 * {@link ChartBinding}). The chart folder is resolved against the processor option {@value
 * #CHART_ROOT} (the module's base directory; the working directory when unset), so builds that track
 * processor inputs see it. A chart that is missing ({@code [SP310]}), malformed ({@code [SP311]}) or
 * cannot be bound ({@code [SP312]}) is one error on the annotation; {@code [SP313]} is a class name
 * that is not a Java identifier or is generated twice.
 */
@SupportedAnnotationTypes("io.scaleplan.dsl.HelmChart")
@SupportedOptions(ChartProcessor.CHART_ROOT)
public final class ChartProcessor extends GuardedProcessor {
    static final String CHART_ROOT = "scaleplan.chartRoot";

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
        String option = processingEnv.getOptions().get(CHART_ROOT);
        Path root = Paths.get(option == null ? "" : option).toAbsolutePath();
        Path dir = root.resolve(chart.value()).normalize();
        ChartModel model;
        try {
            model = new ChartReader().read(dir, chart.value() + "/values.schema.json");
        } catch (ChartException e) {
            error(e.ruleId(), element, annotation, e.getMessage());
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
                    "SP313",
                    element,
                    annotation,
                    "\"" + className + "\" is not a valid class name for chart " + model.name()
                            + "; set @HelmChart(className = ...)");
            return;
        }
        Element first = generated.putIfAbsent(qualified, element);
        if (first != null) {
            error(
                    "SP313",
                    element,
                    annotation,
                    "class " + qualified + " is already generated for " + first + "; set @HelmChart(className = ...)");
            return;
        }
        try {
            ChartBinding.generate(model, packageName, className, element).writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            error("SP313", element, annotation, "cannot write " + qualified + ": " + e.getMessage());
        }
    }
}
