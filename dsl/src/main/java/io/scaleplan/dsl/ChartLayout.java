package io.scaleplan.dsl;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a chart keeps each value scaleplan writes: a service's replica count, its HPA's switch,
 * range and targets, its resources and its PodDisruptionBudget. Charts differ: the arka-engine
 * chart reads {@code usageMetering.autoscaling.targetCPUUtilizationPercentage}, a {@code helm
 * create} chart {@code autoscaling.targetCPUUtilizationPercentage} at the top level, Bitnami's
 * {@code autoscaling.hpa.targetCPU}. A release picks one ({@link ScalingPlan.Builder#chartLayout});
 * a chart with its own layout is declared with {@link #builder(String)}:
 *
 * <pre>{@code
 * ChartLayout.builder("shop")
 *         .perService()                     // keys under each service's key (cartService.replicas)
 *         .replicaCount("replicas")
 *         .resources("resources")
 *         .minAvailable("disruption.min-available")
 *         .pdbCreate("disruption.enabled")
 *         .build();
 * }</pre>
 *
 * A value the layout has no key for is written by scaleplan as a standalone object (an HPA, a PDB
 * whose selector is taken from the chart's rendered pods) or, where nothing but the chart can
 * carry it (a fixed replica count, resources), reported as an error: the chart is rendered at
 * compile time and must carry every value of the plan.
 *
 * @param name the layout's name, for messages
 * @param scope where the keys are: under each service's values key, or at the top level of a
 *     chart that installs one workload
 * @param keys the chart key of each value the chart carries
 */
public record ChartLayout(String name, Scope scope, Map<Slot, ChartKey> keys) {

    /** Where a layout's keys are. */
    public enum Scope {
        /** Under each service's values key ({@code usageMetering.autoscaling.enabled}). */
        SERVICE,
        /** At the top level: the chart installs one workload ({@code autoscaling.enabled}). */
        RELEASE
    }

    /** A value scaleplan writes into a chart's values. */
    public enum Slot {
        /** The Deployment's fixed {@code replicas}. */
        REPLICA_COUNT,
        /** Whether the chart renders its HorizontalPodAutoscaler. */
        AUTOSCALING_ENABLED,
        /** arka-engine: an HPA outside the chart owns the replica count (no {@code replicas}). */
        AUTOSCALING_EXTERNAL,
        /** The HPA's {@code minReplicas}. */
        MIN_REPLICAS,
        /** The HPA's {@code maxReplicas}. */
        MAX_REPLICAS,
        /** The HPA's CPU utilization target, in percent. */
        TARGET_CPU,
        /** The HPA's memory utilization target, in percent. */
        TARGET_MEMORY,
        /** arka-engine: the HPA's Pods metrics, a list of {@code name} and {@code averageValue}. */
        PODS_METRICS,
        /** arka-engine: the HPA's {@code behavior}, as the API takes it. */
        BEHAVIOR,
        /** The container's {@code resources} (requests and limits). */
        RESOURCES,
        /** Whether the chart renders its PodDisruptionBudget. */
        PDB_CREATE,
        /** The PodDisruptionBudget's {@code minAvailable}. */
        MIN_AVAILABLE,
        /** The PodDisruptionBudget's {@code maxUnavailable}. */
        MAX_UNAVAILABLE
    }

    /**
     * The arka-engine chart's layout (the default): per service, {@code replicaCount}, {@code
     * autoscaling.{enabled,external,minReplicas,maxReplicas,targetCPUUtilizationPercentage,
     * targetMemoryUtilizationPercentage,podsMetrics,behavior}}, {@code resources}, {@code
     * pdb.{create,minAvailable,maxUnavailable}}.
     */
    public static final ChartLayout ARKA_ENGINE = builder("arka-engine")
            .perService()
            .replicaCount("replicaCount")
            .autoscalingEnabled("autoscaling.enabled")
            .key(Slot.AUTOSCALING_EXTERNAL, "autoscaling.external")
            .minReplicas("autoscaling.minReplicas")
            .maxReplicas("autoscaling.maxReplicas")
            .targetCpu("autoscaling.targetCPUUtilizationPercentage")
            .targetMemory("autoscaling.targetMemoryUtilizationPercentage")
            .key(Slot.PODS_METRICS, "autoscaling.podsMetrics")
            .key(Slot.BEHAVIOR, "autoscaling.behavior")
            .resources("resources")
            .pdbCreate("pdb.create")
            .minAvailable("pdb.minAvailable")
            .maxUnavailable("pdb.maxUnavailable")
            .build();

    /**
     * The chart {@code helm create} writes, and the many charts grown from it: at the top level,
     * {@code replicaCount}, {@code autoscaling.{enabled,minReplicas,maxReplicas,
     * targetCPUUtilizationPercentage,targetMemoryUtilizationPercentage}}, {@code resources}; no PDB.
     */
    public static final ChartLayout HELM_CREATE = builder("helm-create")
            .topLevel()
            .replicaCount("replicaCount")
            .autoscalingEnabled("autoscaling.enabled")
            .minReplicas("autoscaling.minReplicas")
            .maxReplicas("autoscaling.maxReplicas")
            .targetCpu("autoscaling.targetCPUUtilizationPercentage")
            .targetMemory("autoscaling.targetMemoryUtilizationPercentage")
            .resources("resources")
            .build();

    /**
     * Bitnami's current layout: at the top level, {@code replicaCount}, {@code
     * autoscaling.hpa.{enabled,minReplicas,maxReplicas,targetCPU,targetMemory}} (beside {@code
     * autoscaling.vpa}), {@code resources}, {@code pdb.{create,minAvailable,maxUnavailable}}.
     */
    public static final ChartLayout BITNAMI = builder("bitnami")
            .topLevel()
            .replicaCount("replicaCount")
            .autoscalingEnabled("autoscaling.hpa.enabled")
            .minReplicas("autoscaling.hpa.minReplicas")
            .maxReplicas("autoscaling.hpa.maxReplicas")
            .targetCpu("autoscaling.hpa.targetCPU")
            .targetMemory("autoscaling.hpa.targetMemory")
            .resources("resources")
            .pdbCreate("pdb.create")
            .minAvailable("pdb.minAvailable")
            .maxUnavailable("pdb.maxUnavailable")
            .build();

    /**
     * Bitnami's flat autoscaling layout (nginx 22, apache, wordpress): as {@link #BITNAMI} but
     * {@code autoscaling.{enabled,minReplicas,maxReplicas,targetCPU,targetMemory}}.
     */
    public static final ChartLayout BITNAMI_FLAT = builder("bitnami-flat")
            .topLevel()
            .replicaCount("replicaCount")
            .autoscalingEnabled("autoscaling.enabled")
            .minReplicas("autoscaling.minReplicas")
            .maxReplicas("autoscaling.maxReplicas")
            .targetCpu("autoscaling.targetCPU")
            .targetMemory("autoscaling.targetMemory")
            .resources("resources")
            .pdbCreate("pdb.create")
            .minAvailable("pdb.minAvailable")
            .maxUnavailable("pdb.maxUnavailable")
            .build();

    /**
     * No chart at all: the services are Deployments the team applies from plain manifests or a
     * kustomize base ({@link ScalingPlan.Builder#plainManifests()}). scaleplan writes no values
     * overlay: HPAs and PDBs are standalone manifests, and fixed replica counts and resources a kustomize
     * Component of patches ({@code k8s/patches/}).
     */
    public static final ChartLayout PLAIN_MANIFESTS = builder("plain-manifests").build();

    /**
     * Checks every invariant and copies collections into unmodifiable ones. Plans use the
     * builders, which report a wrong value with its source line before it gets here.
     */
    public ChartLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        EnumMap<Slot, ChartKey> copy = new EnumMap<>(Slot.class);
        copy.putAll(keys);
        keys = java.util.Collections.unmodifiableMap(copy);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a chart layout needs a name");
        }
        boolean any = keys.containsKey(Slot.MIN_REPLICAS) || keys.containsKey(Slot.MAX_REPLICAS);
        if (any
                && !(keys.containsKey(Slot.AUTOSCALING_ENABLED)
                        && keys.containsKey(Slot.MIN_REPLICAS)
                        && keys.containsKey(Slot.MAX_REPLICAS))) {
            throw new IllegalArgumentException("chart layout " + name
                    + ": an HPA needs keys for autoscalingEnabled, minReplicas and maxReplicas together");
        }
        if ((keys.containsKey(Slot.MIN_AVAILABLE) || keys.containsKey(Slot.MAX_UNAVAILABLE))
                && !keys.containsKey(Slot.PDB_CREATE)) {
            throw new IllegalArgumentException(
                    "chart layout " + name + ": a PodDisruptionBudget's budget needs a pdbCreate key");
        }
    }

    /** Starts a layout named {@code name}, with keys per service until {@link Builder#topLevel()}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The chart key of {@code slot}, if the chart has one. */
    public Optional<ChartKey> key(Slot slot) {
        return Optional.ofNullable(keys.get(slot));
    }

    /** Whether the chart has a key for {@code slot}. */
    public boolean has(Slot slot) {
        return keys.containsKey(slot);
    }

    /**
     * The full values path of {@code slot} for {@code service}: below its values key for a {@link
     * Scope#SERVICE} layout ({@code cartService.resources}), at the top level otherwise.
     */
    public Optional<ChartKey> path(Slot slot, Service service) {
        return key(slot).map(k -> scope == Scope.SERVICE ? k.under(service.helmKey()) : k);
    }

    /**
     * Whether the chart can render {@code service}'s HPA: it has a key for the switch, the range and
     * every target and option the service uses. No layout has keys for External, Object or
     * ContainerResource metrics: scaleplan writes the HPA of a service that uses them itself.
     */
    public boolean carriesHpa(Service service) {
        if (service.autoscaling().isEmpty() || !has(Slot.AUTOSCALING_ENABLED)) {
            return false;
        }
        Autoscaling a = service.autoscaling().get();
        return (a.cpuUtilization().isEmpty() || has(Slot.TARGET_CPU))
                && (a.memoryUtilization().isEmpty() || has(Slot.TARGET_MEMORY))
                && (a.podsMetrics().isEmpty() || has(Slot.PODS_METRICS))
                && a.externalMetrics().isEmpty()
                && a.objectMetrics().isEmpty()
                && a.containerResourceMetrics().isEmpty()
                && (a.behavior().isEmpty() || has(Slot.BEHAVIOR));
    }

    /** Whether the chart can render {@code service}'s PodDisruptionBudget with its budget. */
    public boolean carriesPdb(Service service) {
        return service.disruptionBudget()
                .map(b -> has(
                        b.kind() == DisruptionBudget.Kind.MIN_AVAILABLE ? Slot.MIN_AVAILABLE : Slot.MAX_UNAVAILABLE))
                .orElse(false);
    }

    /** Collects a layout's keys. Each takes a dotted path ({@code autoscaling.hpa.targetCPU}). */
    public static final class Builder {
        private final String name;
        private Scope scope = Scope.SERVICE;
        private final Map<Slot, ChartKey> keys = new EnumMap<>(Slot.class);

        Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Keys under each service's values key (the default): {@code cartService.resources}. */
        public Builder perService() {
            scope = Scope.SERVICE;
            return this;
        }

        /** Keys at the top level of the values: the chart installs one workload. */
        public Builder topLevel() {
            scope = Scope.RELEASE;
            return this;
        }

        /** The key of {@code slot}: any key the chart has, hyphenated ones too. */
        public Builder key(Slot slot, String dottedPath) {
            keys.put(Objects.requireNonNull(slot, "slot"), ChartKey.of(dottedPath));
            return this;
        }

        /** The Deployment's fixed replica count: {@code replicaCount}. */
        public Builder replicaCount(String dottedPath) {
            return key(Slot.REPLICA_COUNT, dottedPath);
        }

        /** The HPA's switch: {@code autoscaling.enabled}. */
        public Builder autoscalingEnabled(String dottedPath) {
            return key(Slot.AUTOSCALING_ENABLED, dottedPath);
        }

        /** The HPA's {@code minReplicas}. */
        public Builder minReplicas(String dottedPath) {
            return key(Slot.MIN_REPLICAS, dottedPath);
        }

        /** The HPA's {@code maxReplicas}. */
        public Builder maxReplicas(String dottedPath) {
            return key(Slot.MAX_REPLICAS, dottedPath);
        }

        /** The HPA's CPU utilization target in percent. */
        public Builder targetCpu(String dottedPath) {
            return key(Slot.TARGET_CPU, dottedPath);
        }

        /** The HPA's memory utilization target in percent. */
        public Builder targetMemory(String dottedPath) {
            return key(Slot.TARGET_MEMORY, dottedPath);
        }

        /** The container's requests and limits. */
        public Builder resources(String dottedPath) {
            return key(Slot.RESOURCES, dottedPath);
        }

        /** The PodDisruptionBudget's switch: {@code pdb.create}. */
        public Builder pdbCreate(String dottedPath) {
            return key(Slot.PDB_CREATE, dottedPath);
        }

        /** The PodDisruptionBudget's {@code minAvailable}. */
        public Builder minAvailable(String dottedPath) {
            return key(Slot.MIN_AVAILABLE, dottedPath);
        }

        /** The PodDisruptionBudget's {@code maxUnavailable}. */
        public Builder maxUnavailable(String dottedPath) {
            return key(Slot.MAX_UNAVAILABLE, dottedPath);
        }

        /**
         * The layout.
         *
         * @throws IllegalArgumentException if an HPA or PDB key is given without its switch and range
         */
        public ChartLayout build() {
            return new ChartLayout(name, scope, keys);
        }
    }
}
