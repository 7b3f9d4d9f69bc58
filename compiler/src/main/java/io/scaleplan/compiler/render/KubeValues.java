package io.scaleplan.compiler.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaleplan.dsl.Behavior;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodAmount;
import io.scaleplan.dsl.Resources;
import io.scaleplan.dsl.ScalingPolicy;
import io.scaleplan.dsl.ScalingRules;

/**
 * Values several targets write the same way: a container's requests and limits, an HPA's {@code
 * behavior}, an int-or-percent field, a Redis memory size.
 */
public final class KubeValues {
    private KubeValues() {}

    /** A container's requests and limits as Kubernetes (and every Bitnami chart) keys them. */
    public static ObjectNode resources(Resources r) {
        ObjectNode node = Yaml.object();
        if (r.hasRequests()) {
            ObjectNode requests = node.putObject("requests");
            r.cpuRequest().ifPresent(c -> requests.put("cpu", Quantities.cpu(c)));
            r.memoryRequest().ifPresent(m -> requests.put("memory", Quantities.memory(m)));
        }
        if (r.hasLimits()) {
            ObjectNode limits = node.putObject("limits");
            r.cpuLimit().ifPresent(c -> limits.put("cpu", Quantities.cpu(c)));
            r.memoryLimit().ifPresent(m -> limits.put("memory", Quantities.memory(m)));
        }
        return node;
    }

    /** {@code spec.behavior}, with only what the plan states; the API defaults the rest. */
    public static ObjectNode behavior(Behavior behavior) {
        ObjectNode node = Yaml.object();
        behavior.scaleUp().ifPresent(r -> node.set("scaleUp", rules(r)));
        behavior.scaleDown().ifPresent(r -> node.set("scaleDown", rules(r)));
        return node;
    }

    private static ObjectNode rules(ScalingRules rules) {
        ObjectNode node = Yaml.object();
        rules.stabilizationWindow().ifPresent(w -> node.put("stabilizationWindowSeconds", (int) w.getSeconds()));
        rules.selectPolicy().ifPresent(p -> node.put("selectPolicy", p.apiValue()));
        if (!rules.policies().isEmpty()) {
            ArrayNode policies = node.putArray("policies");
            for (ScalingPolicy p : rules.policies()) {
                ObjectNode policy = policies.addObject();
                policy.put("type", p.apiType());
                policy.put("value", p.amount().value());
                policy.put("periodSeconds", (int) p.period().getSeconds());
            }
        }
        // A fraction as a canonical quantity: 5 % is 50m, as the API server stores it.
        rules.tolerance()
                .ifPresent(t -> node.put("tolerance", Quantities.decimal(java.math.BigDecimal.valueOf(t.value(), 2))));
        return node;
    }

    /** An int-or-string field: an integer for a pod count, {@code "25%"} for a percentage. */
    public static void putIntOrPercent(ObjectNode node, String field, PodAmount amount) {
        if (amount instanceof Percent p) {
            node.put(field, p.value() + "%");
        } else {
            node.put(field, amount.value());
        }
    }

    /**
     * A memory size as Redis reads it, exactly: {@code 2gb} (2<sup>31</sup> bytes), {@code 512mb},
     * {@code 64kb} or bytes. Never {@code 2g}, which Redis reads as 2×10<sup>9</sup>.
     */
    public static String redisMemory(Memory m) {
        long b = m.bytes();
        if (b % (1L << 30) == 0) {
            return (b >> 30) + "gb";
        }
        if (b % (1L << 20) == 0) {
            return (b >> 20) + "mb";
        }
        if (b % 1024 == 0) {
            return (b >> 10) + "kb";
        }
        return Long.toString(b);
    }
}
