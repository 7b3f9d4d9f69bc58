package io.scaleplan.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a Helm chart to typed Java: the scaleplan annotation processor reads the chart's {@code
 * values.schema.json} (and {@code values.yaml} for defaults) and generates, in the annotated
 * element's package, a class with a {@link ServiceRef} handle per service and typed setters for the
 * values keys the schema declares.
 *
 * <pre>{@code
 * @HelmChart("src/main/helm/arka-engine")
 * package io.scaleplan.arka;
 * }</pre>
 *
 * generates {@code io.scaleplan.arka.ArkaEngine}, used as
 *
 * <pre>{@code
 * .service(ArkaEngine.USAGE_METERING, s -> s
 *         .autoscale(a -> a.replicas(3, 20).cpuUtilization(percent(70)))
 *         .values(ArkaEngine.USAGE_METERING.values().imageTag("1.4.2").build()))
 * }</pre>
 *
 * <p>A service is a top-level object property of the schema that declares {@code autoscaling}; its
 * Deployment name is the key in kebab case ({@code usageMetering} → {@code usage-metering}). The keys
 * scaleplan sets itself ({@code replicaCount}, {@code autoscaling}, {@code resources}, {@code pdb})
 * get no setters. A missing or malformed chart is a javac error on this annotation.
 *
 * <p>A chart without a schema, or whose schema declares no service, is bound from its {@code
 * values.yaml}: a chart with {@code replicaCount} or {@code autoscaling} at the top level (Bitnami's,
 * {@code helm create}'s) is one workload named after the chart ({@code Nginx.NGINX}); otherwise each
 * top-level key holding {@code resources}, {@code replicaCount}, {@code autoscaling} or {@code pdb}
 * is a workload named by its {@code name} value (Online Boutique's {@code cartService} with {@code
 * name: cartservice} is {@code OnlineBoutique.CARTSERVICE}). The setters are the scalar keys of
 * {@code values.yaml}, typed by their defaults.
 *
 * <p>Where a chart is declared, a service named by a string ({@code .service("policy-engine", ...)})
 * is checked against it as a handle is: a name or values key the chart does not have is {@code
 * SP014}, listing the chart's services (the processor writes them to {@code
 * META-INF/scaleplan/charts/}, where the DSL reads them).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface HelmChart {

    /**
     * The chart folder, relative to the module's base directory: the processor option {@code
     * scaleplan.chartRoot} where the build passes it ({@code -Ascaleplan.chartRoot=${project.basedir}});
     * otherwise the nearest folder above this source file or the class output that holds it, so
     * that {@code mvn -f}, multi-module builds and IDEs (the Eclipse compiler too) find it.
     */
    String value();

    /** The simple name of the generated class; by default the chart's name in upper camel case. */
    String className() default "";
}
