package io.scaleplan.processor;

import io.scaleplan.dsl.Plan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.RuleId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Indexes {@link Plan @Plan} classes into {@code META-INF/services/io.scaleplan.dsl.PlanDefinition}
 * (as AutoService does), so {@link java.util.ServiceLoader} finds every plan without classpath
 * scanning, and rejects at javac time a plan class the compiler could not instantiate.
 *
 * <ul>
 *   <li>{@code [SP300]} not a concrete class;
 *   <li>{@code [SP301]} not public (or nested in a non-public class, or an inner class);
 *   <li>{@code [SP302]} no public no-argument constructor;
 *   <li>{@code [SP303]} does not implement {@link PlanDefinition};
 *   <li>{@code [SP304]} a plan name ({@code @Plan("production")}) given twice;
 *   <li>{@code [SP305]} a plan name that is not a DNS-1123 label;
 *   <li>{@code [SP306]} the index cannot be written.
 * </ul>
 *
 * Errors about the class are attached to the class, those about the name to the annotation.
 *
 * The index is written sorted, once, in the last round, merged with an index already in the class
 * output (incremental builds).
 */
@SupportedAnnotationTypes("io.scaleplan.dsl.Plan")
public final class PlanProcessor extends GuardedProcessor {
    static final String INDEX = "META-INF/services/" + PlanDefinition.class.getName();
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Set<String> index = new TreeSet<>();
    private final List<Element> originating = new ArrayList<>();
    private final Map<String, TypeElement> byPlanName = new HashMap<>();
    private boolean failed;

    @Override
    void processRound(RoundEnvironment round) {
        if (round.processingOver()) {
            if (!failed && !index.isEmpty()) {
                writeIndex();
            }
            return;
        }
        List<TypeElement> plans = new ArrayList<>();
        for (Element element : round.getElementsAnnotatedWith(Plan.class)) {
            if (element instanceof TypeElement type) {
                plans.add(type);
            }
        }
        plans.sort((a, b) ->
                a.getQualifiedName().toString().compareTo(b.getQualifiedName().toString()));
        for (TypeElement plan : plans) {
            if (check(plan)) {
                index.add(processingEnv.getElementUtils().getBinaryName(plan).toString());
                originating.add(plan);
            } else {
                failed = true;
            }
        }
    }

    /** Reports every problem of one {@code @Plan} class; whether it has none. */
    private boolean check(TypeElement plan) {
        AnnotationMirror annotation = mirror(plan, Plan.class);
        String simple = plan.getSimpleName().toString();
        boolean ok = true;
        if (plan.getKind() != ElementKind.CLASS || plan.getModifiers().contains(Modifier.ABSTRACT)) {
            error(
                    RuleId.PLAN_NOT_CONCRETE,
                    plan,
                    null,
                    "@Plan " + simple + " must be a concrete class: the compiler instantiates it");
            return false;
        }
        if (!isVisible(plan)) {
            error(
                    RuleId.PLAN_NOT_PUBLIC,
                    plan,
                    null,
                    "@Plan class " + simple
                            + " must be public (and, if nested, static inside a public class): the compiler"
                            + " instantiates it through ServiceLoader");
            ok = false;
        }
        if (!hasPublicNoArgConstructor(plan)) {
            error(
                    RuleId.PLAN_WITHOUT_CONSTRUCTOR,
                    plan,
                    null,
                    "@Plan class " + simple + " must have a public no-argument constructor: the compiler"
                            + " instantiates it through ServiceLoader");
            ok = false;
        }
        TypeMirror definition = processingEnv
                .getElementUtils()
                .getTypeElement(PlanDefinition.class.getCanonicalName())
                .asType();
        if (!processingEnv.getTypeUtils().isAssignable(plan.asType(), definition)) {
            error(
                    RuleId.PLAN_NOT_A_DEFINITION,
                    plan,
                    null,
                    "@Plan class " + simple + " must implement " + PlanDefinition.class.getName());
            ok = false;
        }
        String name = plan.getAnnotation(Plan.class).value();
        if (!name.isEmpty()) {
            if (!DNS_1123_LABEL.matcher(name).matches() || name.length() > 63) {
                error(
                        RuleId.PLAN_NAME_INVALID,
                        plan,
                        annotation,
                        "plan name \"" + name + "\" is not a valid DNS-1123 label (lower-case letters, digits and"
                                + " '-', starting and ending with a letter or digit, at most 63 characters)");
                ok = false;
            } else {
                TypeElement first = byPlanName.putIfAbsent(name, plan);
                if (first != null) {
                    error(
                            RuleId.PLAN_NAME_REPEATED,
                            plan,
                            annotation,
                            "plan name \"" + name + "\" is already used by " + first.getQualifiedName()
                                    + "; each plan writes generated/" + name + "/, so names must be unique");
                    ok = false;
                }
            }
        }
        return ok;
    }

    private static boolean isVisible(TypeElement type) {
        Element e = type;
        while (e instanceof TypeElement t) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
            if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
                return false;
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return false;
            }
            e = t.getEnclosingElement();
        }
        return true;
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC)) {
                return true;
            }
        }
        return false;
    }

    private void writeIndex() {
        Set<String> all = new TreeSet<>(index);
        all.addAll(existingIndex());
        try {
            FileObject file = processingEnv
                    .getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", INDEX, originating.toArray(new Element[0]));
            try (Writer out = file.openWriter()) {
                for (String line : all) {
                    out.write(line);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            error(
                    RuleId.PLAN_INDEX_UNWRITABLE,
                    originating.get(0),
                    null,
                    "cannot write " + INDEX + ": " + e.getMessage());
        }
    }

    /**
     * Whether an entry of an earlier index names a class that still exists and is still a {@code
     * @Plan}; a deleted or unmarked plan drops out instead of failing in ServiceLoader.
     */
    private boolean isStillAPlan(String binaryName) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(binaryName.replace('$', '.'));
        return type != null && type.getAnnotation(Plan.class) != null;
    }

    /** An index left in the class output by an earlier (incremental) compilation. */
    private Set<String> existingIndex() {
        Set<String> lines = new TreeSet<>();
        try {
            FileObject file = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String entry = line.strip();
                    if (!entry.isEmpty() && !entry.startsWith("#") && isStillAPlan(entry)) {
                        lines.add(entry);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // No earlier index: a clean build.
        }
        return lines;
    }
}
