package io.scaleplan.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fabric8 Kubernetes model as a strict oracle. fabric8 keeps unknown fields in {@code
 * additionalProperties} instead of failing, so after parsing, every reachable model object must
 * have none, and the object must serialize back to the same tree.
 */
public final class StrictKubernetes {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private StrictKubernetes() {}

    /** Parses an {@code autoscaling/v2} HPA strictly. */
    public static HorizontalPodAutoscaler hpa(String yaml) {
        return parse(yaml, HorizontalPodAutoscaler.class);
    }

    /** Parses a {@code policy/v1} PDB strictly. */
    public static PodDisruptionBudget pdb(String yaml) {
        return parse(yaml, PodDisruptionBudget.class);
    }

    /** Parses {@code yaml} into {@code type}; fails on any field the model does not know. */
    public static <T extends KubernetesResource> T parse(String yaml, Class<T> type) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            T value = YAML.treeToValue(tree, type);
            List<String> unknown = new ArrayList<>();
            collectUnknown(value, type.getSimpleName(), unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new AssertionError("unknown fields in " + type.getSimpleName() + ": " + unknown + "\n" + yaml);
            }
            JsonNode back = JSON.valueToTree(value);
            if (!withoutNulls(back).equals(tree)) {
                throw new AssertionError("does not round-trip through " + type.getName() + ":\n" + tree + "\n" + back);
            }
            return value;
        } catch (java.io.IOException e) {
            throw new AssertionError("not a valid " + type.getSimpleName() + ": " + e.getMessage() + "\n" + yaml, e);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> {
                boolean emptyMap = e.getValue().isObject() && e.getValue().isEmpty();
                if (!e.getValue().isNull() && !emptyMap) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(withoutNulls(n)));
            return copy;
        }
        return node;
    }

    private static void collectUnknown(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                collectUnknown(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || !m.getName().startsWith("get")
                    || m.getName().equals("getClass")) {
                continue;
            }
            try {
                Object v = m.invoke(o);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        out.add(path + " " + extra.keySet());
                    }
                } else {
                    collectUnknown(v, path + "." + m.getName().substring(3), out, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
