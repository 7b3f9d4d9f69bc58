package io.scaleplan.compiler.load;

import io.scaleplan.compiler.check.Rules;
import io.scaleplan.dsl.Diagnostic;
import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.PlanDefinition;
import io.scaleplan.dsl.PlanDefinitionException;
import io.scaleplan.dsl.ScalingPlan;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds plan definitions ({@link ServiceLoader} over {@link PlanDefinition}) and runs them. A
 * definition that fails becomes diagnostics with its source line, never a stack trace.
 */
public final class PlanLoader {

    private PlanLoader() {}

    /** Every plan definition visible to {@code loader}, run, sorted by plan name. */
    public static List<LoadedPlan> load(ClassLoader loader) {
        List<LoadedPlan> plans = new ArrayList<>();
        for (ServiceLoader.Provider<PlanDefinition> provider :
                ServiceLoader.load(PlanDefinition.class, loader).stream().toList()) {
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

    private static LoadedPlan run(String className, java.util.function.Supplier<PlanDefinition> definition) {
        try {
            PlanDefinition found = definition.get();
            if (found instanceof EventDefinition e) {
                EventPlan event = e.event();
                if (event == null) {
                    return failed(className, "event() returned null", SourceLocation.UNKNOWN);
                }
                return LoadedPlan.of(className, event);
            }
            ScalingPlan plan = found.define();
            if (plan == null) {
                return failed(className, "define() returned null", SourceLocation.UNKNOWN);
            }
            return new LoadedPlan(className, Optional.of(plan), List.of());
        } catch (PlanDefinitionException e) {
            return new LoadedPlan(className, Optional.empty(), e.diagnostics());
        } catch (java.util.ServiceConfigurationError e) {
            return failed(className, "cannot instantiate: " + rootMessage(e), SourceLocation.UNKNOWN);
        } catch (RuntimeException | LinkageError e) {
            return failed(className, e.getClass().getSimpleName() + ": " + e.getMessage(), locate(className, e));
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The deepest frame of the failure inside the plan's own class (or its lambdas and nested classes). */
    private static SourceLocation locate(String className, Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String cls = frame.getClassName();
            if ((cls.equals(className) || cls.startsWith(className + "$")) && frame.getLineNumber() > 0) {
                return new SourceLocation(
                        cls, frame.getFileName() == null ? "" : frame.getFileName(), frame.getLineNumber());
            }
        }
        return SourceLocation.UNKNOWN;
    }

    private static LoadedPlan failed(String className, String message, SourceLocation at) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        Diagnostic d = Diagnostic.error(Rules.PLAN_FAILED.id(), simple, "plan definition failed: " + message, at)
                .withFix(Rules.PLAN_FAILED.fix());
        return new LoadedPlan(className, Optional.empty(), List.of(d));
    }

    private static List<LoadedPlan> checkUnique(List<LoadedPlan> plans) {
        Map<String, LoadedPlan> seen = new HashMap<>();
        List<LoadedPlan> out = new ArrayList<>();
        for (LoadedPlan p : plans) {
            if (p.plan().isPresent()) {
                LoadedPlan first = seen.putIfAbsent(p.name(), p);
                if (first != null) {
                    out.add(new LoadedPlan(
                            p.definitionClass(),
                            Optional.empty(),
                            List.of(Diagnostic.error(
                                    Rules.DUPLICATE.id(),
                                    p.name(),
                                    "plan name \"" + p.name() + "\" is already defined by " + first.definitionClass(),
                                    p.plan().get().source()))));
                    continue;
                }
            }
            out.add(p);
        }
        out.sort(Comparator.comparing(LoadedPlan::name));
        return out;
    }
}
