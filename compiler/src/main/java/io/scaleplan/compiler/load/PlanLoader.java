package io.scaleplan.compiler.load;

import io.scaleplan.compiler.check.Rules;
import io.scaleplan.dsl.DeclaredName;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.PlanElement;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds plan definitions ({@link ServiceLoader} over {@link PlanDefinition}) and runs them. Whatever
 * a definition throws — an exception or an error, in its static initialiser, its constructor or
 * {@code define()}, including {@link StackOverflowError} and {@link OutOfMemoryError} — becomes an
 * SP010 diagnostic at the plan's source line, never a stack trace. While plan code runs, {@link
 * PlanGuard} knows which plan it is, so that a {@code System.exit} from it is caught by the CLI.
 */
public final class PlanLoader {
    /** More index entries than any project has: a guard against an index that never ends. */
    private static final int MAX_ENTRIES = 100_000;

    private PlanLoader() {}

    /** Every plan definition visible to {@code loader}, run, sorted by plan name. */
    public static List<LoadedPlan> load(ClassLoader loader) {
        List<LoadedPlan> plans = new ArrayList<>();
        Iterator<ServiceLoader.Provider<PlanDefinition>> providers =
                ServiceLoader.load(PlanDefinition.class, loader).stream().iterator();
        for (int i = 0; i < MAX_ENTRIES; i++) {
            ServiceLoader.Provider<PlanDefinition> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // The index names a class that is missing or is no plan definition (a stale index after a failed
                // build).
                plans.add(LoadedPlan.failed(
                        "META-INF/services/" + PlanDefinition.class.getName(),
                        List.of(problem(
                                "plan index",
                                "the plan index names a class that cannot be loaded: " + rootMessage(e)
                                        + " (recompile the plans: the index is stale)",
                                SourceLocation.UNKNOWN)),
                        Optional.empty()));
                continue;
            }
            plans.add(run(provider.type().getName(), provider::get));
        }
        return checkUnique(plans);
    }

    /** Runs the given definitions, as {@link #load(ClassLoader)} runs those it finds. */
    public static List<LoadedPlan> of(List<? extends PlanDefinition> definitions) {
        List<LoadedPlan> plans = new ArrayList<>();
        for (PlanDefinition definition : definitions) {
            plans.add(run(definition.getClass().getName(), () -> definition));
        }
        return checkUnique(plans);
    }

    @SuppressWarnings("PMD.AvoidCatchingThrowable") // plan code is untrusted: anything it throws is its diagnostic
    private static LoadedPlan run(String className, Supplier<PlanDefinition> definition) {
        DeclaredName.startRecording();
        PlanGuard.enter(className);
        Optional<String> declared = Optional.empty();
        try {
            try {
                PlanDefinition found = definition.get();
                if (found instanceof EventDefinition e) {
                    EventPlan event = e.event();
                    if (event == null) {
                        return failed(className, "event() returned null", SourceLocation.UNKNOWN, Optional.empty());
                    }
                    return LoadedPlan.of(className, event);
                }
                ScalingPlan plan = found.define();
                if (plan == null) {
                    return failed(className, "define() returned null", SourceLocation.UNKNOWN, Optional.empty());
                }
                return new LoadedPlan(className, Optional.of(plan), List.of());
            } finally {
                declared = DeclaredName.stopRecording();
                PlanGuard.leave();
            }
        } catch (PlanDefinitionException e) {
            return LoadedPlan.failed(className, e.diagnostics(), declared);
        } catch (Throwable e) {
            return failed(className, describe(e), locate(className, e), declared);
        }
    }

    /** What went wrong, in one line: the plan's own exception, not the wrappers around it. */
    private static String describe(Throwable e) {
        Throwable cause = unwrap(e);
        String what = cause.getClass().getSimpleName()
                + (cause.getMessage() == null || cause instanceof StackOverflowError ? "" : ": " + cause.getMessage());
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExceptionInInitializerError) {
                return "static initialiser threw " + what;
            }
        }
        if (e instanceof ServiceConfigurationError) {
            return "cannot instantiate: " + what;
        }
        if (cause instanceof StackOverflowError) {
            return what + " (endless recursion?)";
        }
        return what;
    }

    /** The innermost cause, past ServiceLoader's and the class initialiser's wrappers. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = unwrap(t);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * The first frame inside the plan's own class (or its lambdas and nested classes) of the failure
     * or of any of its causes. When there is none, the class itself with no line: the console shows
     * the class's file (and the CLI finds the class's line in its source).
     */
    private static SourceLocation locate(String className, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if ((cls.equals(className) || cls.startsWith(className + "$")) && frame.getLineNumber() > 0) {
                    return new SourceLocation(
                            cls, frame.getFileName() == null ? "" : frame.getFileName(), frame.getLineNumber());
                }
            }
        }
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return new SourceLocation(className, outer.substring(outer.lastIndexOf('.') + 1) + ".java", 0);
    }

    private static LoadedPlan failed(String className, String message, SourceLocation at, Optional<String> declared) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return LoadedPlan.failed(
                className,
                List.of(problem(declared.orElse(simple), "plan definition failed: " + message, at)),
                declared);
    }

    private static Diagnostic problem(String element, String message, SourceLocation at) {
        return Diagnostic.error(Rules.PLAN_FAILED.ruleId(), PlanElement.plan(element), message, at)
                .withFix(Rules.PLAN_FAILED.fix());
    }

    /**
     * Two definitions declaring one name: both become SP006 errors, so that no selection can pick
     * either silently.
     */
    private static List<LoadedPlan> checkUnique(List<LoadedPlan> plans) {
        Map<String, List<LoadedPlan>> byName = new HashMap<>();
        for (LoadedPlan p : plans) {
            if (p.plan().isPresent()) {
                byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
            }
        }
        List<LoadedPlan> out = new ArrayList<>();
        for (LoadedPlan p : plans) {
            List<LoadedPlan> same = byName.getOrDefault(p.name(), List.of());
            if (p.plan().isPresent() && same.size() > 1) {
                List<String> others = same.stream()
                        .filter(o -> o != p)
                        .map(LoadedPlan::definitionClass)
                        .toList();
                out.add(LoadedPlan.failed(
                        p.definitionClass(),
                        List.of(Diagnostic.error(
                                        Rules.DUPLICATE.ruleId(),
                                        PlanElement.plan(p.name()),
                                        "plan name \"" + p.name() + "\" is also declared by "
                                                + String.join(", ", others)
                                                + ": each plan writes generated/" + p.name() + "/, so one would"
                                                + " silently replace the other",
                                        p.plan().get().source())
                                .withFix(Rules.DUPLICATE.fix())),
                        Optional.of(p.name())));
                continue;
            }
            out.add(p);
        }
        out.sort(Comparator.comparing(LoadedPlan::name).thenComparing(LoadedPlan::definitionClass));
        return out;
    }
}
