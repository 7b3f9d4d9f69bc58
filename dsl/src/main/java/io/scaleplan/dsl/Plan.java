package io.scaleplan.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link PlanDefinition} for the build: the scaleplan annotation processor indexes every
 * class so marked into {@code META-INF/services/io.scaleplan.dsl.PlanDefinition}, where the
 * compiler finds it. The class must be public, have a public no-argument constructor and implement
 * {@link PlanDefinition}; javac reports each of these on the class (rules SP301 to SP303).
 *
 * <pre>{@code
 * @Plan("production")
 * public final class Production implements PlanDefinition { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Plan {

    /**
     * The plan's name, as {@code ScalingPlan.builder(name)} gives it. Optional; when given, javac
     * reports two classes claiming one name (rule SP304) before any plan runs.
     */
    String value() default "";
}
