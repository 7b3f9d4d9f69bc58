package io.scaleplan.processor;

import io.scaleplan.dsl.RuleId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The base of scaleplan's processors: no exception ever reaches javac (an unexpected one becomes a
 * single {@code [SP329]} error with its trace), and every error names its rule and is attached to
 * an element, so the IDE underlines it.
 */
abstract class GuardedProcessor extends AbstractProcessor {
    static final RuleId INTERNAL = RuleId.PROCESSOR_FAILED;

    @Override
    public final SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public final boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (RuntimeException | LinkageError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            "[" + INTERNAL + "] " + getClass().getSimpleName()
                                    + " failed; please report this with the trace: " + trace);
        }
        return false;
    }

    /** One round; called for the last round too ({@code round.processingOver()}). */
    abstract void processRound(RoundEnvironment round);

    final void error(RuleId ruleId, Element element, AnnotationMirror annotation, String message) {
        processingEnv
                .getMessager()
                .printMessage(Diagnostic.Kind.ERROR, "[" + ruleId + "] " + message, element, annotation);
    }

    /** The annotation mirror of {@code annotation} on {@code element}, so errors point at it. */
    static AnnotationMirror mirror(Element element, Class<?> annotation) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) m.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
                return m;
            }
        }
        return null;
    }
}
