package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The estate with every choice made: the plan's name, namespace, release and chart reference, the
 * services in the plan's order (else by name), the further namespaces with theirs, and the
 * PostgreSQL and Redis blocks; {@code facts} for the rest (node pools, database clients, rule
 * settings, metric sources, the load profile).
 */
record ResolvedEstate(
        String planName,
        String namespace,
        String release,
        String chartReference,
        boolean chartOwnsScalingObjects,
        List<String> planComments,
        List<ServiceFacts> services,
        Optional<PostgresBlock> postgres,
        Optional<RedisBlock> redis,
        Estate facts,
        List<NamespaceBlock> namespaces,
        java.util.Map<String, PostgresBlock> namedPostgres,
        java.util.Map<String, RedisBlock> namedRedis) {

    /**
     * A namespace besides the plan's own, as {@code namespace(name, ns -> ns.helmRelease(release,
     * chart)...)} declares it.
     */
    record NamespaceBlock(String name, String release, String chartReference, List<ServiceFacts> services) {}

    static ResolvedEstate of(Estate estate, ImportRequest request, ChartHandles chart) {
        String plan = request.planName()
                .or(() -> Optional.ofNullable(estate.planName).map(Estate.Fact::value))
                .orElse("imported");
        // the plan's order where plan.yaml gives it (the outputs list services in it), then by name
        List<ServiceFacts> services = new ArrayList<>(estate.services.values());
        services.sort(java.util.Comparator.comparingInt(s -> {
            int at = estate.serviceOrder.indexOf(s.name);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        String namespace = request.namespace()
                .or(() -> Optional.ofNullable(estate.namespace).map(Estate.Fact::value))
                .orElse("default");
        // services whose objects name another namespace go to its block, unless --namespace puts all in one
        java.util.Map<String, List<ServiceFacts>> byNamespace = new java.util.LinkedHashMap<>();
        for (ServiceFacts s : services) {
            String ns = request.namespace().isPresent() || s.namespace == null ? namespace : s.namespace.value();
            byNamespace.computeIfAbsent(ns, n -> new ArrayList<>()).add(s);
        }
        if (!byNamespace.containsKey(namespace) && !byNamespace.isEmpty()) {
            namespace = byNamespace.keySet().iterator().next();
        }
        List<ServiceFacts> own = byNamespace.getOrDefault(namespace, List.of());
        Optional<String> ownRelease = byNamespace.size() > 1 ? releaseOf(own) : Optional.empty();
        Optional<String> chartName =
                Optional.ofNullable(estate.chart).map(Estate.Fact::value).or(chart::chartName);
        String release = request.release()
                .or(() -> ownRelease)
                .or(() -> Optional.ofNullable(estate.release).map(Estate.Fact::value))
                .or(() -> chartName)
                .orElse(plan);
        String chartReference = request.chartReference()
                .or(() -> Optional.ofNullable(estate.chartPath).map(Estate.Fact::value))
                .orElseGet(() -> Optional.ofNullable(estate.releaseCharts.get(release))
                        .map(Estate.Fact::value)
                        .or(() -> chartName)
                        .map(c -> chart.chartName().filter(c::equals).isPresent() ? "./" + c : c)
                        .orElse(release));
        if (estate.release == null && request.release().isEmpty()) {
            estate.note(
                    "(import)",
                    0,
                    "no file names the Helm release: the plan uses \"" + release + "\" (--release sets it)");
        }
        boolean chartOwns = estate.chartOwnsScalingObjects();
        if (chartOwns) {
            estate.note(
                    "(import)",
                    0,
                    "the chart's values render the HPAs and PDBs (autoscaling.enabled at "
                            + estate.chartScaling.where() + ") and no manifest does: the plan keeps them the"
                            + " chart's, scalingObjects(ObjectOwner.CHART)");
        }
        List<NamespaceBlock> blocks = new ArrayList<>();
        for (java.util.Map.Entry<String, List<ServiceFacts>> e : byNamespace.entrySet()) {
            if (e.getKey().equals(namespace)) {
                continue;
            }
            Optional<java.util.Map.Entry<String, String>> listed = Optional.ofNullable(
                            estate.namespaceReleases.get(e.getKey()))
                    .map(Estate.Fact::value);
            String blockRelease = listed.map(java.util.Map.Entry::getKey)
                    .or(() -> releaseOf(e.getValue()))
                    .orElse(e.getKey());
            blocks.add(new NamespaceBlock(
                    e.getKey(),
                    blockRelease,
                    listed.map(java.util.Map.Entry::getValue)
                            .orElse(Optional.ofNullable(estate.releaseCharts.get(blockRelease))
                                    .map(Estate.Fact::value)
                                    .orElse(blockRelease)),
                    e.getValue()));
        }
        return new ResolvedEstate(
                plan,
                namespace,
                release,
                chartReference,
                chartOwns,
                List.copyOf(estate.planComments),
                blocks.isEmpty() ? services : own,
                Optional.ofNullable(estate.postgres).map(pg -> new PostgresBlock(estate, request.stated())),
                Optional.ofNullable(estate.redis).map(RedisBlock::new),
                estate,
                blocks,
                named(estate.namedPostgres, pg -> new PostgresBlock(estate, pg, request.stated())),
                named(estate.namedRedis, RedisBlock::new));
    }

    private static <F, B> java.util.Map<String, B> named(
            java.util.Map<String, F> facts, java.util.function.Function<F, B> block) {
        java.util.Map<String, B> out = new java.util.LinkedHashMap<>();
        facts.forEach((name, f) -> out.put(name, block.apply(f)));
        return out;
    }

    /** The release the objects or values files of {@code services} name, the first one that names one. */
    private static Optional<String> releaseOf(List<ServiceFacts> services) {
        return services.stream()
                .filter(s -> s.release != null)
                .map(s -> s.release.value())
                .findFirst();
    }
}
