package io.scaleplan.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link PlanDefinition} for the build: the plans module's tooling compiles every class
 * so marked. The class must be public, have a public no-argument constructor and implement {@link
 * PlanDefinition}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Plan {}
