package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The estate with every choice made: the plan's name, namespace, release and chart reference, the
 * services in the plan's order (else by name), and the PostgreSQL and Redis blocks; {@code facts}
 * for the rest (node pools, database clients, rule settings, metric sources, the load profile).
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
        Estate facts) {

    static ResolvedEstate of(Estate estate, ImportRequest request, ChartHandles chart) {
        String plan = request.planName()
                .or(() -> Optional.ofNullable(estate.planName).map(Estate.Fact::value))
                .orElse("imported");
        String namespace = request.namespace()
                .or(() -> Optional.ofNullable(estate.namespace).map(Estate.Fact::value))
                .orElse("default");
        Optional<String> chartName =
                Optional.ofNullable(estate.chart).map(Estate.Fact::value).or(chart::chartName);
        String release = request.release()
                .or(() -> Optional.ofNullable(estate.release).map(Estate.Fact::value))
                .or(() -> chartName)
                .orElse(plan);
        String chartReference = request.chartReference()
                .or(() -> Optional.ofNullable(estate.chartPath).map(Estate.Fact::value))
                .orElseGet(() -> chartName
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
        // the plan's order where plan.yaml gives it (the outputs list services in it), then by name
        List<ServiceFacts> services = new ArrayList<>(estate.services.values());
        services.sort(java.util.Comparator.comparingInt(s -> {
            int at = estate.serviceOrder.indexOf(s.name);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return new ResolvedEstate(
                plan,
                namespace,
                release,
                chartReference,
                chartOwns,
                List.copyOf(estate.planComments),
                services,
                Optional.ofNullable(estate.postgres).map(pg -> new PostgresBlock(estate, request.stated())),
                Optional.ofNullable(estate.redis).map(RedisBlock::new),
                estate);
    }
}
