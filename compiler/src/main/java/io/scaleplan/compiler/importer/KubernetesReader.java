package io.scaleplan.compiler.importer;

import io.scaleplan.compiler.importer.Estate.BehaviorFacts;
import io.scaleplan.compiler.importer.Estate.BudgetFact;
import io.scaleplan.compiler.importer.Estate.Fact;
import io.scaleplan.compiler.importer.Estate.PodsMetricFact;
import io.scaleplan.compiler.importer.Estate.Policy;
import io.scaleplan.compiler.importer.Estate.ResourceFacts;
import io.scaleplan.compiler.importer.Estate.Rules;
import io.scaleplan.compiler.importer.Estate.ServiceFacts;
import io.scaleplan.compiler.resolve.ClusterObject;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodAmount;
import io.scaleplan.dsl.PodCount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes objects: HorizontalPodAutoscalers ({@code autoscaling/v2}, {@code v2beta2} and
 * {@code v1}), PodDisruptionBudgets, Deployments' replicas, resources and surge, StatefulSets'
 * replicas, resources and pod management policy, and {@code List}s
 * of them as {@code kubectl get -o yaml} prints them. Other kinds are skipped with a note; what a
 * plan cannot say is a warning and a comment at the service.
 */
final class KubernetesReader {
    static final String LABEL_NAME = "app.kubernetes.io/name";
    static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    private static final Set<String> LABELS_SCALEPLAN_WRITES =
            Set.of(LABEL_NAME, LABEL_INSTANCE, LABEL_COMPONENT, "app.kubernetes.io/managed-by");

    private final Estate estate;

    KubernetesReader(Estate estate) {
        this.estate = estate;
    }

    /** Whether a document is a Kubernetes object (has apiVersion and kind). */
    static boolean isObject(YamlTree doc) {
        return doc.isMap()
                && doc.get("apiVersion").isScalar()
                && doc.get("kind").isScalar();
    }

    void read(YamlTree doc) {
        String kind = doc.get("kind").text("");
        switch (kind) {
            case "List",
                    "HorizontalPodAutoscalerList",
                    "PodDisruptionBudgetList",
                    "DeploymentList",
                    "StatefulSetList" -> doc.get("items").items().forEach(this::read);
            case "HorizontalPodAutoscaler" -> hpa(doc);
            case "PodDisruptionBudget" -> pdb(doc);
            case "Deployment", "StatefulSet" -> workload(doc);
            default ->
                estate.note(
                        doc.file(),
                        doc.line(),
                        "skipped " + kind + " "
                                + doc.get("metadata").get("name").text("(unnamed)")
                                + ": a plan describes HorizontalPodAutoscalers, PodDisruptionBudgets and the scale of"
                                + " Deployments and StatefulSets");
        }
    }

    /**
     * The Bitnami data-tier chart ({@code postgresql}, {@code redis}, {@code redis-cluster}) whose
     * {@code helm.sh/chart} label an object carries: its StatefulSets are the plan's data tier, not
     * services.
     */
    static Optional<String> dataTierChart(YamlTree doc) {
        String chart = doc.get("metadata").get("labels").get("helm.sh/chart").text("");
        java.util.regex.Matcher m = DATA_TIER_CHART.matcher(chart);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static final java.util.regex.Pattern DATA_TIER_CHART =
            java.util.regex.Pattern.compile("(postgresql|postgresql-ha|redis|redis-cluster)-[0-9][0-9A-Za-z.+-]*");

    /** A live object: one the API server returned (status, managedFields, resourceVersion). */
    static boolean isLive(YamlTree doc) {
        YamlTree metadata = doc.get("metadata");
        return !doc.get("status").isMissing()
                || !metadata.get("managedFields").isMissing()
                || !metadata.get("resourceVersion").isMissing();
    }

    /**
     * The namespace and release {@code doc} names, for the estate (the first one read is the plan's)
     * and, when {@code s} is not null, for the service it belongs to: a plan may span namespaces.
     */
    private void metadata(YamlTree doc, boolean labelsNameRelease, ServiceFacts s) {
        YamlTree metadata = doc.get("metadata");
        YamlTree ns = metadata.get("namespace");
        if (ns.isScalar()) {
            if (estate.namespace == null) {
                estate.namespace = new Fact<>(ns.text(""), ns.where());
            }
            if (s != null) {
                s.namespace = estate.merge(s.namespace, ns.text(""), ns.where(), s.name + "'s namespace");
            }
        }
        if (!labelsNameRelease) {
            return;
        }
        YamlTree labels = metadata.get("labels");
        YamlTree instance = labels.get(LABEL_INSTANCE);
        if (instance.isScalar()) {
            if (estate.release == null) {
                estate.release = new Fact<>(instance.text(""), instance.where());
            }
            if (s != null) {
                s.release = estate.merge(s.release, instance.text(""), instance.where(), s.name + "'s Helm release");
            }
        }
        YamlTree chart = labels.get(LABEL_NAME);
        if (chart.isScalar() && instance.isScalar()) {
            // each release installs its chart: a second release (another namespace's) may name another
            String release = instance.text("");
            estate.releaseCharts.put(
                    release,
                    estate.merge(
                            estate.releaseCharts.get(release),
                            chart.text(""),
                            chart.where(),
                            "the chart of release " + release));
            if (estate.chart == null) {
                estate.chart = estate.releaseCharts.get(release);
            }
        }
    }

    private void hpa(YamlTree doc) {
        String api = doc.get("apiVersion").text("");
        String name = doc.get("metadata").get("name").text("(unnamed)");
        YamlTree spec = doc.get("spec");
        YamlTree target = spec.get("scaleTargetRef");
        String targetKind = target.get("kind").text("");
        String service = target.get("name").text("");
        Optional<io.scaleplan.dsl.WorkloadKind> kind = io.scaleplan.dsl.WorkloadKind.ofKind(targetKind)
                .filter(k -> target.get("apiVersion").text(k.apiVersion()).equals(k.apiVersion()));
        if (kind.isEmpty()
                || !DslTypes.isDns1123Label(service)
                || dataTierChart(doc).isPresent()) {
            estate.warn(
                    target,
                    "HPA " + name + " scales " + targetKind + " " + service
                            + ": a plan autoscales Deployments and StatefulSets named as DNS labels; not imported");
            estate.planComments.add("HPA " + name + " (" + doc.where() + ") scales " + targetKind + " " + service
                    + ", which a plan cannot express");
            return;
        }
        if (!api.equals("autoscaling/v2") && !api.equals("autoscaling/v2beta2") && !api.equals("autoscaling/v1")) {
            estate.warn(
                    doc.get("apiVersion"),
                    "HPA " + name + " is " + api + ", which scaleplan does not read; not" + " imported");
            estate.planComments.add("HPA " + name + " (" + doc.where() + ") is " + api + ", not imported");
            return;
        }
        ServiceFacts s = estate.service(service);
        metadata(doc, true, s);
        s.workload = estate.merge(s.workload, kind.get(), target.get("kind").where(), service + "'s kind");
        if (s.hpa != null && !s.hpa.value().equals(name)) {
            estate.error(
                    doc.file(),
                    doc.line(),
                    doc.column(),
                    "two HPAs scale " + targetKind + " " + service + ": " + name + " here and " + s.hpa.value() + " at "
                            + s.hpa.where() + "; Kubernetes acts on neither (AmbiguousSelector): keep one");
            return;
        }
        if (s.hpa != null) {
            // the same object again (a later manifest of it): it replaces the earlier one, as kubectl apply does
            estate.note(
                    doc.file(),
                    doc.line(),
                    "HPA " + name + " read again (first at " + s.hpa.where()
                            + "): its metrics and behavior replace the earlier ones");
            s.cpuUtilization = null;
            s.memoryUtilization = null;
            s.podsMetrics = null;
            s.otherMetrics = null;
            s.behavior = null;
        }
        s.hpa = new Fact<>(name, doc.where());
        estate.scalingManifests = true;
        s.fromKubernetes = true;
        if (!name.equals(ClusterObject.hpaName(service))) {
            estate.note(
                    doc.file(),
                    doc.line(),
                    "HPA " + name + " becomes " + ClusterObject.hpaName(service) + ", the name scaleplan gives it");
        }
        extraLabels(doc, s);
        YamlTree min = spec.get("minReplicas");
        int minReplicas = min.isMissing() ? 1 : min.integer("minReplicas");
        s.minReplicas = estate.merge(
                s.minReplicas, minReplicas, min.isMissing() ? spec.where() : min.where(), service + "'s minReplicas");
        YamlTree max = spec.get("maxReplicas");
        s.maxReplicas =
                estate.merge(s.maxReplicas, max.integer("maxReplicas"), max.where(), service + "'s maxReplicas");
        if (api.equals("autoscaling/v1")) {
            YamlTree cpu = spec.get("targetCPUUtilizationPercentage");
            if (cpu.isScalar()) {
                s.cpuUtilization = estate.merge(
                        s.cpuUtilization,
                        cpu.integer("targetCPUUtilizationPercentage"),
                        cpu.where(),
                        service + "'s CPU target");
            }
            return;
        }
        metrics(spec.get("metrics"), name, s);
        YamlTree behavior = spec.get("behavior");
        if (behavior.isMap()) {
            BehaviorFacts b = behavior(behavior, isLive(doc));
            if (b.scaleUp().isPresent() || b.scaleDown().isPresent()) {
                s.behavior = estate.merge(s.behavior, b, behavior.where(), service + "'s HPA behavior");
            }
        }
    }

    private void metrics(YamlTree metrics, String hpa, ServiceFacts s) {
        List<PodsMetricFact> pods = new ArrayList<>();
        List<Estate.OtherMetricFact> others = new ArrayList<>();
        for (YamlTree m : metrics.items()) {
            String type = m.get("type").text("");
            Optional<Estate.OtherMetricFact> other = otherMetric(type, m);
            if (other.isPresent()) {
                others.add(other.get());
                continue;
            }
            if (type.equals("Resource")) {
                YamlTree resource = m.get("resource");
                String resourceName = resource.get("name").text("");
                YamlTree target = resource.get("target");
                YamlTree utilization = target.get("averageUtilization");
                if (target.get("type").text("").equals("Utilization")
                        && utilization.isScalar()
                        && (resourceName.equals("cpu") || resourceName.equals("memory"))) {
                    int value = utilization.integer("averageUtilization");
                    if (resourceName.equals("cpu")) {
                        s.cpuUtilization =
                                estate.merge(s.cpuUtilization, value, utilization.where(), s.name + "'s CPU target");
                    } else {
                        s.memoryUtilization = estate.merge(
                                s.memoryUtilization, value, utilization.where(), s.name + "'s memory target");
                    }
                    continue;
                }
            } else if (type.equals("Pods")) {
                YamlTree target = m.get("pods").get("target");
                String metric = m.get("pods").get("metric").get("name").text("");
                YamlTree value = target.get("averageValue");
                Optional<BigDecimal> parsed = value.text().flatMap(Quantity::parse);
                if (target.get("type").text("").equals("AverageValue")
                        && parsed.isPresent()
                        && parsed.get().signum() > 0
                        && !metric.isEmpty()
                        && m.get("pods").get("metric").get("selector").isMissing()) {
                    pods.add(new PodsMetricFact(metric, parsed.get()));
                    continue;
                }
            }
            unsupported(
                    s, m, "HPA " + hpa + ": a " + (type.isEmpty() ? "metric" : type + " metric") + " like this one");
        }
        if (!pods.isEmpty()) {
            s.podsMetrics = estate.merge(s.podsMetrics, List.copyOf(pods), metrics.where(), s.name + "'s Pods metrics");
        }
        if (!others.isEmpty()) {
            s.otherMetrics = estate.merge(
                    s.otherMetrics,
                    List.copyOf(others),
                    metrics.where(),
                    s.name + "'s External, Object and" + " ContainerResource metrics");
        }
    }

    /**
     * An External, Object or ContainerResource metric as a plan can declare it: a {@code Value} or
     * {@code AverageValue} target with a positive amount (External, Object), a matchLabels-only
     * selector, a {@code Utilization} or {@code AverageValue} target of cpu or memory
     * (ContainerResource); empty otherwise, and for every other type.
     */
    private static Optional<Estate.OtherMetricFact> otherMetric(String type, YamlTree m) {
        switch (type) {
            case "External" -> {
                YamlTree id = m.get("external").get("metric");
                YamlTree selector = id.get("selector");
                java.util.SortedMap<String, String> labels = new java.util.TreeMap<>();
                if (!selector.isMissing()) {
                    if (!selector.get("matchExpressions").isMissing()
                            || !selector.get("matchLabels").isMap()) {
                        return Optional.empty();
                    }
                    for (Map.Entry<String, YamlTree> e :
                            selector.get("matchLabels").fields().entrySet()) {
                        if (!e.getValue().isScalar()) {
                            return Optional.empty();
                        }
                        labels.put(e.getKey(), e.getValue().text(""));
                    }
                }
                if (labels.size() > 10) {
                    return Optional.empty(); // more than Map.of(...) takes in the written plan
                }
                return valueTarget(m.get("external").get("target"))
                        .filter(t -> !id.get("name").text("").isEmpty())
                        .map(t -> new Estate.OtherMetricFact(
                                type, id.get("name").text(""), labels, List.of(), "", t.getKey(), t.getValue()));
            }
            case "Object" -> {
                YamlTree object = m.get("object");
                YamlTree described = object.get("describedObject");
                String name = object.get("metric").get("name").text("");
                List<String> ref = List.of(
                        described.get("apiVersion").text(""),
                        described.get("kind").text(""),
                        described.get("name").text(""));
                if (name.isEmpty()
                        || ref.contains("")
                        || !object.get("metric").get("selector").isMissing()) {
                    return Optional.empty();
                }
                return valueTarget(object.get("target"))
                        .map(t -> new Estate.OtherMetricFact(
                                type, name, new java.util.TreeMap<>(), ref, "", t.getKey(), t.getValue()));
            }
            case "ContainerResource" -> {
                YamlTree source = m.get("containerResource");
                String resource = source.get("name").text("");
                String container = source.get("container").text("");
                YamlTree target = source.get("target");
                String targetType = target.get("type").text("");
                if (!(resource.equals("cpu") || resource.equals("memory")) || container.isEmpty()) {
                    return Optional.empty();
                }
                String field = targetType.equals("Utilization") ? "averageUtilization" : "averageValue";
                String amount = target.get(field).text("");
                boolean valid = targetType.equals("Utilization")
                        ? amount.matches("[1-9][0-9]{0,8}")
                        : targetType.equals("AverageValue")
                                && (resource.equals("cpu")
                                        ? Quantity.cpu(amount).isPresent()
                                        : Quantity.memory(amount).isPresent());
                return valid
                        ? Optional.of(new Estate.OtherMetricFact(
                                type, resource, new java.util.TreeMap<>(), List.of(), container, targetType, amount))
                        : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A {@code Value} or {@code AverageValue} target with its amount, positive and as written. */
    private static Optional<Map.Entry<String, String>> valueTarget(YamlTree target) {
        String targetType = target.get("type").text("");
        String field = targetType.equals("Value") ? "value" : targetType.equals("AverageValue") ? "averageValue" : null;
        if (field == null) {
            return Optional.empty();
        }
        Optional<String> amount = target.get(field).text();
        return amount.flatMap(Quantity::parse)
                .filter(v -> v.signum() > 0)
                .map(v -> Map.entry(targetType, amount.get()));
    }

    private void unsupported(ServiceFacts s, YamlTree at, String what) {
        estate.warn(at, what + " cannot be expressed in a plan; kept as a comment at service " + s.name);
        s.comments.add(what + " (" + at.where() + ") is not expressible: " + flat(at));
    }

    /** A one-line rendering of a small YAML subtree, for a comment. */
    static String flat(YamlTree node) {
        return switch (node.kind()) {
            case SCALAR -> node.text("");
            case MISSING -> "null";
            case LIST -> {
                List<String> items = new ArrayList<>();
                node.items().forEach(i -> items.add(flat(i)));
                yield "[" + String.join(", ", items) + "]";
            }
            case MAP -> {
                List<String> items = new ArrayList<>();
                node.fields().forEach((k, v) -> items.add(k + ": " + flat(v)));
                yield "{" + String.join(", ", items) + "}";
            }
        };
    }

    /** Kubernetes' defaults of the behavior's parts, which the API server fills in. */
    static final Rules DEFAULT_SCALE_UP = new Rules(
            Optional.of(0), Optional.of("Max"), List.of(new Policy("Pods", 4, 15), new Policy("Percent", 100, 15)));

    static final Rules DEFAULT_SCALE_DOWN =
            new Rules(Optional.empty(), Optional.of("Max"), List.of(new Policy("Percent", 100, 15)));

    /** An HPA's (or a chart value's) {@code behavior}; of a live object, without what the API server defaulted. */
    BehaviorFacts behavior(YamlTree behavior, boolean live) {
        Optional<Rules> up = rules(behavior.get("scaleUp"));
        Optional<Rules> down = rules(behavior.get("scaleDown"));
        if (live) {
            // the API server fills in the direction a manifest left out: not the user's statement
            up = up.filter(r -> !sameRules(r, DEFAULT_SCALE_UP));
            down = down.filter(r -> !sameRules(r, DEFAULT_SCALE_DOWN)
                    && !sameRules(
                            r,
                            new Rules(
                                    Optional.of(300),
                                    DEFAULT_SCALE_DOWN.selectPolicy(),
                                    DEFAULT_SCALE_DOWN.policies())));
        }
        return new BehaviorFacts(up, down);
    }

    static boolean sameRules(Rules a, Rules b) {
        return a.stabilizationWindowSeconds().equals(b.stabilizationWindowSeconds())
                && a.selectPolicy().equals(b.selectPolicy())
                && Set.copyOf(a.policies()).equals(Set.copyOf(b.policies()));
    }

    private static Optional<Rules> rules(YamlTree node) {
        if (!node.isMap()) {
            return Optional.empty();
        }
        YamlTree window = node.get("stabilizationWindowSeconds");
        YamlTree select = node.get("selectPolicy");
        List<Policy> policies = new ArrayList<>();
        for (YamlTree p : node.get("policies").items()) {
            policies.add(new Policy(
                    p.get("type").text(""),
                    p.get("value").integer("value"),
                    p.get("periodSeconds").integer("periodSeconds")));
        }
        return Optional.of(new Rules(
                window.isScalar() ? Optional.of(window.integer("stabilizationWindowSeconds")) : Optional.empty(),
                select.text(),
                policies));
    }

    private void extraLabels(YamlTree doc, ServiceFacts s) {
        YamlTree metadata = doc.get("metadata");
        if (isLive(doc)) {
            return;
        }
        for (Map.Entry<String, YamlTree> label : metadata.get("labels").fields().entrySet()) {
            if (!LABELS_SCALEPLAN_WRITES.contains(label.getKey())) {
                unsupported(
                        s,
                        label.getValue(),
                        "label " + label.getKey() + ": " + label.getValue().text(""));
            }
        }
        if (metadata.get("annotations").isMap()) {
            unsupported(s, metadata.get("annotations"), doc.get("kind").text("") + " annotations");
        }
    }

    private void pdb(YamlTree doc) {
        // its release and chart count once it is known to protect a service of the plan (resolvePdbs)
        metadata(doc, false, null);
        String name = doc.get("metadata").get("name").text("(unnamed)");
        YamlTree spec = doc.get("spec");
        YamlTree min = spec.get("minAvailable");
        YamlTree max = spec.get("maxUnavailable");
        if (min.isMissing() == max.isMissing()) {
            estate.warn(
                    spec, "PDB " + name + " must state exactly one of minAvailable and maxUnavailable; not imported");
            estate.planComments.add("PDB " + name + " (" + doc.where() + ") is not imported: " + flat(spec));
            return;
        }
        YamlTree amount = min.isMissing() ? max : min;
        PodAmount parsed = amount(amount);
        Map<String, String> labels = new LinkedHashMap<>();
        YamlTree selector = spec.get("selector");
        selector.get("matchLabels").fields().forEach((k, v) -> labels.put(k, v.text("")));
        List<String> extra = new ArrayList<>();
        if (!selector.get("matchExpressions").isMissing()) {
            extra.add("selector.matchExpressions " + flat(selector.get("matchExpressions")));
        }
        YamlTree unhealthy = spec.get("unhealthyPodEvictionPolicy");
        if (unhealthy.isScalar() && !(isLive(doc) && unhealthy.text("").equals("IfHealthyBudget"))) {
            extra.add("unhealthyPodEvictionPolicy: " + unhealthy.text(""));
        }
        estate.pendingPdbs.add(
                new Estate.PendingPdb(name, labels, new BudgetFact(!min.isMissing(), parsed), doc, extra));
    }

    /** An int-or-string pod amount: {@code 1} or {@code "25%"}. */
    PodAmount amount(YamlTree node) {
        String text = node.text("").trim();
        try {
            if (text.endsWith("%")) {
                return new Percent(Integer.parseInt(text.substring(0, text.length() - 1)));
            }
            return new PodCount(Integer.parseInt(text));
        } catch (IllegalArgumentException e) {
            throw new ImportException(
                    node.file(),
                    node.line(),
                    node.column(),
                    "a pod amount must be a count or a percentage, was " + node.show());
        }
    }

    /** Decides the service of every PodDisruptionBudget read, once every file has been read. */
    void resolvePdbs() {
        for (Estate.PendingPdb p : estate.pendingPdbs) {
            Optional<String> service = serviceOf(p.matchLabels(), p.name());
            YamlTree at = p.at();
            if (service.isEmpty()) {
                estate.warn(
                        at,
                        "PDB " + p.name() + " selects " + (p.matchLabels().isEmpty() ? "no labels" : p.matchLabels())
                                + ", no service scaleplan knows; kept as a comment");
                estate.planComments.add("PDB " + p.name() + " (" + at.where() + ") selects " + p.matchLabels()
                        + ", no service of this plan: "
                        + (p.budget().minAvailable() ? "minAvailable " : "maxUnavailable ")
                        + p.budget().amount());
                continue;
            }
            ServiceFacts s = estate.service(service.get());
            metadata(at, true, s);
            s.budget = estate.merge(s.budget, p.budget(), at.where(), service.get() + "'s disruption budget");
            estate.scalingManifests = true;
            if (!p.name().equals(ClusterObject.pdbName(service.get()))) {
                estate.note(
                        at.file(),
                        at.line(),
                        "PDB " + p.name() + " becomes " + ClusterObject.pdbName(service.get())
                                + ", the name scaleplan gives it");
            }
            for (String extra : p.extra()) {
                estate.warn(at, "PDB " + p.name() + ": " + extra + " cannot be expressed in a plan; kept as a comment");
                s.comments.add("PDB " + p.name() + " (" + at.where() + "): " + extra + " is not expressible");
            }
        }
        estate.pendingPdbs.clear();
    }

    private Optional<String> serviceOf(Map<String, String> labels, String pdbName) {
        for (String key : List.of(LABEL_COMPONENT, "app", LABEL_NAME, "name", "app.kubernetes.io/instance")) {
            String value = labels.get(key);
            if (value != null && estate.services.containsKey(value)) {
                return Optional.of(value);
            }
        }
        // a fixed service known only from chart values, under a key whose kebab case is not its name
        // (billing00020 for billing-00020): the label names it
        for (String key : List.of(LABEL_COMPONENT, "app")) {
            String value = labels.get(key);
            if (value == null || !DslTypes.isDns1123Label(value)) {
                continue;
            }
            Optional<ServiceFacts> byKey = estate.services.values().stream()
                    .filter(v -> !v.fromKubernetes && v.helmKey != null)
                    .filter(v -> v.helmKey.value().equals(ChartHandles.lowerCamel(value)))
                    .findFirst();
            if (byKey.isPresent()) {
                ServiceFacts renamed = estate.service(value);
                renamed.absorb(byKey.get());
                estate.services.remove(byKey.get().name);
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** A Deployment or a StatefulSet: its replicas, resources, and its surge or pod management policy. */
    private void workload(YamlTree doc) {
        String kindName = doc.get("kind").text("");
        io.scaleplan.dsl.WorkloadKind kind =
                io.scaleplan.dsl.WorkloadKind.ofKind(kindName).orElseThrow();
        String name = doc.get("metadata").get("name").text("");
        Optional<String> dataTier = dataTierChart(doc);
        if (dataTier.isPresent()) {
            estate.note(
                    doc.file(),
                    doc.line(),
                    "skipped " + kindName + " " + name + ": the Bitnami " + dataTier.get()
                            + " chart's own, not a service (a plan's PostgreSQL and Redis come from their values)");
            return;
        }
        if (!DslTypes.isDns1123Label(name)) {
            estate.warn(doc, kindName + " " + name + " is not named as a DNS label; not imported");
            return;
        }
        ServiceFacts s = estate.service(name);
        metadata(doc, false, s);
        s.fromKubernetes = true;
        s.workload = estate.merge(s.workload, kind, doc.get("kind").where(), name + "'s kind");
        YamlTree policy = doc.get("spec").get("podManagementPolicy");
        if (kind == io.scaleplan.dsl.WorkloadKind.STATEFUL_SET && policy.isScalar()) {
            Optional<io.scaleplan.dsl.PodManagement> management =
                    io.scaleplan.dsl.PodManagement.ofPolicy(policy.text(""));
            if (management.isEmpty()) {
                estate.warn(
                        policy,
                        "StatefulSet " + name + " has podManagementPolicy " + policy.text("")
                                + ", which is neither OrderedReady nor Parallel; taken as OrderedReady");
            } else {
                s.podManagement =
                        estate.merge(s.podManagement, management.get(), policy.where(), name + "'s pod management");
            }
        }
        YamlTree spec = doc.get("spec");
        YamlTree replicas = spec.get("replicas");
        if (replicas.isScalar()) {
            s.replicas = estate.merge(s.replicas, replicas.integer("replicas"), replicas.where(), name + "'s replicas");
        }
        YamlTree surge = spec.get("strategy").get("rollingUpdate").get("maxSurge");
        if (surge.isScalar()) {
            PodAmount amount = amount(surge);
            if (!amount.equals(io.scaleplan.dsl.Service.DEFAULT_ROLLOUT_SURGE)) {
                s.rolloutSurge = estate.merge(s.rolloutSurge, amount, surge.where(), name + "'s rollout surge");
            }
        }
        List<YamlTree> containers =
                spec.get("template").get("spec").get("containers").items();
        YamlTree main = containers.stream()
                .filter(c -> c.get("name").text("").equals(name))
                .findFirst()
                .orElse(containers.size() == 1 ? containers.get(0) : YamlTree.MISSING);
        if (main.isMissing() && !containers.isEmpty()) {
            estate.warn(
                    doc,
                    kindName + " " + name + " has " + containers.size() + " containers and none is named " + name
                            + "; their resources are not imported");
            s.comments.add(kindName + " " + name + " (" + doc.where() + "): resources of " + containers.size()
                    + " containers, none named " + name + ", not imported");
        }
        resources(main.get("resources"), s.resources, name);
    }

    /** Requests and limits of a container (or a chart's {@code resources} value). */
    void resources(YamlTree resources, ResourceFacts into, String owner) {
        for (String kind : List.of("requests", "limits")) {
            YamlTree node = resources.get(kind);
            for (Map.Entry<String, YamlTree> e : node.fields().entrySet()) {
                YamlTree value = e.getValue();
                String text = value.text("");
                String what = owner + "'s " + e.getKey() + " " + kind.substring(0, kind.length() - 1);
                boolean request = kind.equals("requests");
                switch (e.getKey()) {
                    case "cpu" -> {
                        var cpu = Quantity.cpu(text).orElseThrow(() -> bad(value, "a CPU quantity"));
                        if (request) {
                            into.cpuRequest = estate.merge(into.cpuRequest, cpu, value.where(), what);
                        } else {
                            into.cpuLimit = estate.merge(into.cpuLimit, cpu, value.where(), what);
                        }
                    }
                    case "memory" -> {
                        var memory = Quantity.memory(text).orElseThrow(() -> bad(value, "a memory quantity"));
                        if (request) {
                            into.memoryRequest = estate.merge(into.memoryRequest, memory, value.where(), what);
                        } else {
                            into.memoryLimit = estate.merge(into.memoryLimit, memory, value.where(), what);
                        }
                    }
                    default -> {
                        estate.warn(value, what + " (" + e.getKey() + ") cannot be expressed in a plan; not imported");
                    }
                }
            }
        }
    }

    private static ImportException bad(YamlTree value, String what) {
        return new ImportException(value.file(), value.line(), value.column(), "not " + what + ": " + value.show());
    }
}
