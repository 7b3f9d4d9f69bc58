package io.scaleplan.compiler.emit.redis;

import io.scaleplan.compiler.render.DataTierFiles;
import io.scaleplan.compiler.render.KubeValues;
import io.scaleplan.dsl.Hosting;
import io.scaleplan.dsl.Redis;
import io.scaleplan.dsl.ScalingPlan;
import java.util.List;
import java.util.Locale;

/**
 * The parameter values of a managed Redis ({@code parameters.conf}): what its configuration takes
 * of the plan's directives. A managed cache refuses the {@code CONFIG} command and has no Helm
 * release.
 */
final class ManagedRedisParameters {
    private ManagedRedisParameters() {}

    /** {@code parameters.conf} of a managed Redis: what its configuration can take of the plan's directives. */
    static String redis(ScalingPlan plan, Redis redis, Hosting.Managed m) {
        StringBuilder out = DataTierFiles.managedHeader(plan, redis.title(), m);
        out.append("\n# No CONFIG SET and no CONFIG REWRITE: the service refuses the CONFIG command.\n");
        redis.evictionPolicy().ifPresent(p -> out.append("\n# the plan's evictionPolicy\nmaxmemory-policy = ")
                .append(p.redisName())
                .append('\n'));
        redis.maxmemory().ifPresent(mem -> {
            if (m.service() == io.scaleplan.dsl.ManagedService.GOOGLE_MEMORYSTORE) {
                out.append("\n# the plan's maxmemory ")
                        .append(KubeValues.redisMemory(mem))
                        .append(", in GiB (Memorystore's maxmemory-gb); at most the instance's capacity\n")
                        .append("maxmemory-gb = ")
                        .append(gib(mem.bytes()))
                        .append('\n');
            } else {
                out.append("\n# maxmemory ")
                        .append(KubeValues.redisMemory(mem))
                        .append(" is not a parameter of ")
                        .append(m.service().title())
                        .append(": the node type (cache size) fixes it.\n")
                        .append("# Choose one whose memory for data is at least ")
                        .append(KubeValues.redisMemory(mem))
                        .append(".\n");
            }
        });
        if (redis.maxmemory().isEmpty() && redis.evictionPolicy().isEmpty()) {
            out.append("\n# The plan sets no directive.\n");
        }
        return out.toString();
    }

    /** APPLY.md's step for a managed Redis. */
    static List<String> redisStep(Redis redis, Hosting.Managed m, String parameters) {
        return List.of("# " + redis.title() + " (" + m.describe() + "): set the values of " + parameters + " in its "
                + m.service().parameters() + ". " + DataTierFiles.where(m));
    }

    private static String gib(long bytes) {
        java.math.BigDecimal g = java.math.BigDecimal.valueOf(bytes)
                .divide(java.math.BigDecimal.valueOf(1L << 30), 3, java.math.RoundingMode.DOWN)
                .stripTrailingZeros();
        return g.toPlainString().toLowerCase(Locale.ROOT);
    }
}
