package io.scaleplan.compiler.check;

import io.scaleplan.dsl.RuleId;
import io.scaleplan.dsl.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of every rule scaleplan checks: for each {@link RuleId} (where the ids are defined,
 * visible to the DSL and the annotation processor too) its default severity, title, explanation
 * and fix. SP0xx rules are checked by the DSL's builders
 * (values that can never be right); SP1xx rules by the compiler across a whole plan; SP3xx by the
 * annotation processor, as javac errors (SP314-SP316: by the compiler, from the rendered chart).
 */
public final class Rules {
    public static final Rule INVALID_NAME = new Rule(
            RuleId.INVALID_NAME,
            Severity.ERROR,
            "Name is not valid for Kubernetes or Helm",
            "Plan, namespace, release and service names become Kubernetes object names and folder names; they must be"
                    + " DNS-1123 labels (lower-case letters, digits and '-', starting and ending with a letter or digit,"
                    + " at most 63 characters). A Helm values key must be usable as .Values.<key> in a template.",
            "Rename the element: usage-metering, not Usage_Metering; usageMetering as a Helm key.");
    public static final Rule INVALID_REPLICAS = new Rule(
            RuleId.INVALID_REPLICAS,
            Severity.ERROR,
            "Replica count out of range",
            "A fixed replica count must be at least 0. An HPA's minReplicas and maxReplicas must be at least 1 (the"
                    + " API server rejects 0 unless the HPAScaleToZero gate is on), and both must be given.",
            "Give autoscale(a -> a.replicas(min, max)) with 1 <= min <= max, or replicas(n) with n >= 0.");
    public static final Rule MIN_EXCEEDS_MAX = new Rule(
            RuleId.MIN_EXCEEDS_MAX,
            Severity.ERROR,
            "HPA minReplicas exceeds maxReplicas",
            "The API server rejects an HPA whose maxReplicas is below minReplicas.",
            "Raise maxReplicas or lower minReplicas.");
    public static final Rule INVALID_UTILIZATION = new Rule(
            RuleId.INVALID_UTILIZATION,
            Severity.ERROR,
            "Utilization target below 1%",
            "averageUtilization must be at least 1; a target of 0% would make the HPA scale to maxReplicas at any"
                    + " load, and the API server rejects it. Targets above 100% are legal (usage can exceed requests).",
            "Use a target such as percent(70).");
    public static final Rule INVALID_QUANTITY = new Rule(
            RuleId.INVALID_QUANTITY,
            Severity.ERROR,
            "Quantity out of range",
            "Resource requests and limits, metric targets and capacities must be greater than 0; headroom must be at"
                    + " least 1.0.",
            "Give a positive amount, such as millicores(500) or mib(512).");
    public static final Rule DUPLICATE = new Rule(
            RuleId.DUPLICATE,
            Severity.ERROR,
            "Declared twice",
            "Two services (or plans, or metrics) with one name would write the same objects and files; the second"
                    + " would silently replace the first. In a plan across namespaces, service names are unique in"
                    + " the plan, each namespace is declared once, and each has a Helm release of its own"
                    + " (helm/<release>-values.yaml is one file per release).",
            "Remove or rename one of them.");
    public static final Rule INCOMPLETE = new Rule(
            RuleId.INCOMPLETE,
            Severity.ERROR,
            "Required setting missing",
            "A plan (and each of its namespace blocks) needs a Helm release; a service needs either a fixed replica"
                    + " count or an autoscaler.",
            "Add helmRelease(release, chart) to the plan or the namespace block, or replicas(n) / autoscale(...) to"
                    + " the service.");
    public static final Rule INVALID_BEHAVIOR = new Rule(
            RuleId.INVALID_BEHAVIOR,
            Severity.ERROR,
            "HPA behavior the API server rejects",
            "Stabilization windows must be 0 to 3600 whole seconds, policy periods 1 to 1800 whole seconds, and"
                    + " policy values greater than 0 (autoscaling/v2 validation).",
            "Use values within those ranges, such as stabilizationWindow(minutes(5)) and policy(pods(4), seconds(15)).");
    public static final Rule INVALID_BUDGET = new Rule(
            RuleId.INVALID_BUDGET,
            Severity.ERROR,
            "Disruption budget the API server rejects",
            "A PodDisruptionBudget sets minAvailable or maxUnavailable, never both; counts are at least 0 and"
                    + " percentages at most 100%.",
            "Keep one of minAvailable(...) or maxUnavailable(...), within range.");
    public static final Rule PLAN_FAILED = new Rule(
            RuleId.PLAN_FAILED,
            Severity.ERROR,
            "Plan code failed",
            "The plan's code threw: its static initialiser, constructor, define() or event(), with an exception (for"
                    + " example a unit factory given a negative amount) or an error (StackOverflowError,"
                    + " OutOfMemoryError, a class that cannot be loaded). There is no plan to compile. A plan that"
                    + " calls System.exit ends the command with exit 70, never with success.",
            "Fix the code at the reported line.");
    public static final Rule UNSAFE_TEXT = new Rule(
            RuleId.UNSAFE_TEXT,
            Severity.ERROR,
            "Text not allowed where it would be written",
            "Names and references from a plan are written into YAML, SQL and configuration files. Text with quotes,"
                    + " blanks, newlines or other characters outside the allowed set is rejected rather than escaped.",
            "Use only the characters the message lists.");
    public static final Rule INVALID_RULE_SETTING = new Rule(
            RuleId.INVALID_RULE_SETTING,
            Severity.ERROR,
            "Rule setting names no rule, or gives no reason",
            "severity(...) and suppress(...) must name a rule of the catalogue, and a suppression must carry the"
                    + " reason a reviewer reads: an unexplained suppression hides a finding without a decision.",
            "Use an id from docs/rules.md and give a one-line reason.");
    public static final Rule UNUSED_SUPPRESSION = new Rule(
            RuleId.UNUSED_SUPPRESSION,
            Severity.WARNING,
            "Suppression matches nothing",
            "A suppression whose rule no longer fires hides nothing today but would silently hide a new finding later.",
            "Remove the suppression.");
    public static final Rule SERVICE_NOT_IN_CHART = new Rule(
            RuleId.SERVICE_NOT_IN_CHART,
            Severity.ERROR,
            "Service is not in the declared chart",
            "Where @HelmChart declares the plan's chart (on the plan's package or class), every service, named by a"
                    + " string or by a handle, must be one of the chart's services with the chart's values key: a"
                    + " misspelled name would otherwise write a values key that the chart's schema rejects at helm"
                    + " upgrade. The message lists the chart's services.",
            "Use the chart's handle (ArkaEngine.POLICY_ENGINE) or one of the listed names; add a new service to the"
                    + " chart's values.schema.json first.");
    public static final Rule SURGE_ON_STATEFUL_SET = new Rule(
            RuleId.SURGE_ON_STATEFUL_SET,
            Severity.ERROR,
            "Rollout surge on a StatefulSet",
            "A StatefulSet has no maxSurge: its rolling update deletes one pod at a time, highest ordinal first,"
                    + " and recreates it before the next, so it never runs more pods than its replica count."
                    + " rolloutSurge(...) is a Deployment's setting; on a StatefulSet it would change nothing in the"
                    + " cluster, and the connection budget would count pods that never exist.",
            "Remove rolloutSurge(...) from the StatefulSet, or drop statefulSet() if the pods are a Deployment's.");
    public static final Rule INVALID_POSTGRES_VERSION = new Rule(
            RuleId.INVALID_POSTGRES_VERSION,
            Severity.ERROR,
            "PostgreSQL major version not supported",
            "scaleplan tunes PostgreSQL 13 to 18 (the versions with published binaries it is tested against). The"
                    + " version decides which settings exist, which need a restart and the pg_stat_statements columns.",
            "Use majorVersion(17) (the Bitnami chart's) or another version from 13 to 18.");
    public static final Rule INVALID_TUNING_INPUT = new Rule(
            RuleId.INVALID_TUNING_INPUT,
            Severity.ERROR,
            "PostgreSQL instance to tune for missing or out of range",
            "Settings are derived with PgTune from the instance's memory and vCPUs: it needs at least 512 MiB in whole"
                    + " KiB, at least 1 vCPU, and read replicas of at least 0. Without the primary's limits or a stated"
                    + " instance there is nothing to tune for.",
            "Give the primary limits(cpu, memory), or instance(vcpus, memory) when it has none.");
    public static final Rule INSTANCE_DISAGREES_WITH_LIMITS = new Rule(
            RuleId.INSTANCE_DISAGREES_WITH_LIMITS,
            Severity.ERROR,
            "Stated PostgreSQL instance disagrees with the primary's limits",
            "The primary's resource limits are what PostgreSQL gets; tuning for a different instance sizes"
                    + " shared_buffers and work_mem for memory the pod does not have (OOM kills) or leaves memory unused.",
            "Remove instance(...) and let the limits be the instance, or make them agree.");
    public static final Rule INVALID_PG_SETTING = new Rule(
            RuleId.INVALID_PG_SETTING,
            Severity.ERROR,
            "PostgreSQL setting the server would reject",
            "Each setting is checked against the server's range (pg_settings.min_val/max_val), its allowed values and"
                    + " the major versions that have it; a custom setting's name must be a parameter name and its value"
                    + " free of quotes, backslashes and control characters. A setting may be stated once.",
            "Use a value in the range the message gives, or the typed key PgSetting.NAME for a known parameter.");
    public static final Rule INVALID_SQL_IDENTIFIER = new Rule(
            RuleId.INVALID_SQL_IDENTIFIER,
            Severity.ERROR,
            "Not a valid PostgreSQL identifier",
            "Index, table, schema and column names are written into SQL. They must be 1 to 63 bytes (longer names"
                    + " are silently truncated by the server); quotes, backslashes, dots and control characters are"
                    + " refused rather than escaped. Names that need it are double-quoted in the SQL.",
            "Rename to a plain identifier such as idx_usage_events_tenant_date.");
    public static final Rule INVALID_INDEX = new Rule(
            RuleId.INVALID_INDEX,
            Severity.ERROR,
            "Index or maintenance target declared wrongly",
            "An index needs at least one column, each once, and a name unique in its schema; a table is vacuumed"
                    + " once.",
            "Remove the duplicate, or add the columns.");
    public static final Rule REPLICAS_WITH_DESKTOP = new Rule(
            RuleId.REPLICAS_WITH_DESKTOP,
            Severity.ERROR,
            "Read replicas with the desktop workload",
            "PgTune's desktop tuning sets wal_level = minimal and max_wal_senders = 0; streaming replicas cannot"
                    + " connect and the Bitnami chart's read replicas never become ready.",
            "Use workload WEB, OLTP, MIXED or DATA_WAREHOUSE, or readReplicas(0).");
    public static final Rule DATA_TIER_TWICE = new Rule(
            RuleId.DATA_TIER_TWICE,
            Severity.ERROR,
            "PostgreSQL or Redis instance declared twice under one name",
            "A plan may have any number of PostgreSQL and Redis instances, each under its own name"
                    + " (postgres(\"orders\", ...), redis(\"cart\", ...)) plus one unnamed default of each"
                    + " (postgres(...), redis(...)); a name used twice, or a second unnamed one, would overwrite the"
                    + " first's files.",
            "Merge the two declarations, or give the second its own name: postgres(\"orders\", pg -> ...).");
    public static final Rule UNKNOWN_DATABASE = new Rule(
            RuleId.UNKNOWN_DATABASE,
            Severity.ERROR,
            "Connection pool of no known database",
            "A service's (or database client's) database(\"name\") names no postgres(\"name\", ...) of the plan, or"
                    + " it names none while the plan has several PostgreSQL instances, all named: its connections"
                    + " could not be counted in any database's connection budget.",
            "Name one of the plan's PostgreSQL instances with database(\"name\"), or declare it.");
    public static final Rule HOSTING_MISMATCH = new Rule(
            RuleId.HOSTING_MISMATCH,
            Severity.ERROR,
            "Setting that does not apply where the instance lives",
            "An instance inside the team's chart or managed by a provider has no Bitnami release: release(...),"
                    + " readReplicas(...), Redis replicas(...) or cluster(...) would describe a release that does not"
                    + " exist, a managed service has no pods to give requests or limits, a Redis service cannot run"
                    + " PostgreSQL (nor the reverse), and an instance lives in one place only.",
            "Leave the setting out, or say where the instance lives once: inChart(workload) or managed(service, id).");
    public static final Rule INVALID_REDIS_TOPOLOGY = new Rule(
            RuleId.INVALID_REDIS_TOPOLOGY,
            Severity.ERROR,
            "Redis replicas or cluster shape out of range",
            "Standalone Redis has 0 or more replicas of its master; a cluster has at least 1 node and 0 or more"
                    + " replicas per master, and takes no standalone replica count.",
            "Use replicas(n) for the redis chart, or cluster(nodes, replicasPerMaster) for redis-cluster.");
    public static final Rule INVALID_MAXMEMORY = new Rule(
            RuleId.INVALID_MAXMEMORY,
            Severity.ERROR,
            "Redis maxmemory of 0",
            "Redis reads maxmemory 0 as no limit at all, the opposite of what a 0 suggests.",
            "Give a positive maxmemory, such as gib(2), or leave it out for no limit.");
    public static final Rule CONNECTIONS_EXHAUSTED = new Rule(
            RuleId.CONNECTIONS_EXHAUSTED,
            Severity.ERROR,
            "Services at full scale exhaust max_connections",
            "Each pod opens up to its pool size of connections. At maxReplicas plus the rolling update's surge, the"
                    + " services together with superuser-reserved connections and other clients must stay within"
                    + " the primary's max_connections; otherwise new pods fail with 'too many clients' exactly when"
                    + " the HPA scales out. With several PostgreSQL instances each has its own budget: the services"
                    + " and clients that connect to it (database(\"name\"), default the unnamed or only one) against"
                    + " its own max_connections.",
            "Lower pool sizes or maxReplicas, put a pooler (PgBouncer) in front, or raise max_connections (a"
                    + " restart).");
    public static final Rule REDIS_MAXMEMORY_UNSAFE = new Rule(
            RuleId.REDIS_MAXMEMORY_UNSAFE,
            Severity.ERROR,
            "Redis maxmemory above a safe share of its memory limit",
            "maxmemory bounds the data set only. A BGSAVE or AOF rewrite forks the process (copy-on-write pages),"
                    + " and replication and client buffers come on top; with maxmemory close to the container's"
                    + " limit the pod is OOM-killed. The safe share is 75 % unless the plan says otherwise.",
            "Lower maxmemory, raise the Redis memory limit, or state safeMemoryShare(...) if the workload needs"
                    + " no fork.");
    public static final Rule REDIS_CLUSTER_SHAPE = new Rule(
            RuleId.REDIS_CLUSTER_SHAPE,
            Severity.ERROR,
            "Redis Cluster shape that cannot form",
            "redis-cli --cluster create needs nodes = masters × (1 + replicas per master) and at least 3 masters;"
                    + " the Bitnami redis-cluster chart's cluster.nodes and cluster.replicas are passed to it.",
            "Use cluster(6, 1) (3 masters, 1 replica each) or another multiple with at least 3 masters.");
    public static final Rule POOL_WITHOUT_DATABASE = new Rule(
            RuleId.POOL_WITHOUT_DATABASE,
            Severity.WARNING,
            "Connection pool without PostgreSQL in the plan",
            "A service declares its connection pool size, but the plan has no PostgreSQL to budget it against.",
            "Add postgres(...) to the plan, or drop connectionPoolSize(...).");
    public static final Rule SHARED_BUFFERS_EXCEED_MEMORY = new Rule(
            RuleId.SHARED_BUFFERS_EXCEED_MEMORY,
            Severity.ERROR,
            "shared_buffers not below the instance's memory",
            "shared_buffers is allocated at start as shared memory; at or above the memory the server may use,"
                    + " PostgreSQL fails to start or is OOM-killed. PgTune gives it a quarter of memory.",
            "Lower the stated shared_buffers (or remove it and let PgTune derive it), or raise the memory limit.");
    public static final Rule RELEASE_COLLISION = new Rule(
            RuleId.RELEASE_COLLISION,
            Severity.ERROR,
            "Two Helm releases of a plan share a name",
            "Each release gets helm/<release>-values.yaml; two with one name would write the same file, and in one"
                    + " namespace Helm refuses to install the second.",
            "Give PostgreSQL and Redis releases names of their own: release(\"postgresql\"), release(\"redis\").");
    public static final Rule BEYOND_BOUNDS = new Rule(
            RuleId.BEYOND_BOUNDS,
            Severity.ERROR,
            "Number beyond what a cluster or the arithmetic can hold",
            "Kubernetes supports at most 150,000 pods and 5,000 nodes in one cluster; a replica count or node pool"
                    + " above that cannot run, and checking how its pods fit would take memory in proportion (the"
                    + " node-pool fit is only computed within those bounds). Capacity figures (rps per pod × replicas,"
                    + " pods needed for the expected load, requests × pods) must fit the arithmetic (64-bit, int32 for"
                    + " replica counts): none is saturated or wrapped silently.",
            "Use counts a cluster can run: at most 150,000 replicas per service and 5,000 nodes per pool.");
    public static final Rule IDENTIFIER_NEEDS_QUOTING = new Rule(
            RuleId.IDENTIFIER_NEEDS_QUOTING,
            Severity.ERROR,
            "PostgreSQL identifier that only works quoted",
            "A table, schema, index or column name that PostgreSQL reads unquoted only as something else (upper case"
                    + " folds to lower case, blanks and punctuation end the name, a reserved word is a keyword) is"
                    + " written double-quoted, so the SQL is safe, but such a name (usage_events; DROP TABLE"
                    + " usage_events; --) is almost always a mistake. Accepted when the plan says it means it:"
                    + " suppress(\"SP132\", reason).",
            "Use a lower-case name of letters, digits and underscores that is not a reserved word, or suppress SP132"
                    + " with the reason the quoted name is right.");
    public static final Rule OBJECT_PRODUCED_TWICE = new Rule(
            RuleId.OBJECT_PRODUCED_TWICE,
            Severity.ERROR,
            "A Kubernetes object is produced twice",
            "Each object must have one owner: the platform chart, scaleplan's k8s/ manifests or a Bitnami release."
                    + " Two outputs that create one kind and name in the namespace fight: Helm refuses to adopt the"
                    + " other's object, kubectl apply overwrites it, a GitOps controller flaps between them.",
            "Rename the service, or the PostgreSQL or Redis release, so that the names differ.");
    public static final Rule POD_METRIC_WITHOUT_SOURCE = new Rule(
            RuleId.POD_METRIC_WITHOUT_SOURCE,
            Severity.WARNING,
            "Pods, External or Object metric without a declared source",
            "A Pods metric such as http_requests_per_second, an External metric or an Object metric exists only if a"
                    + " metrics adapter derives it from a series the application (or an exporter) provides (a counter"
                    + " through rate(), or a gauge). Without a source the"
                    + " plan says nothing about where it comes from: scaleplan writes no prometheus-adapter rule for"
                    + " it, and when nothing else serves it the HPA reports 'Metrics not available' (the runbook's"
                    + " 'HPA Not Scaling, 3.') and scales on its other metrics only.",
            "Declare the source: podsMetric(\"http_requests_per_second\", 750,"
                    + " MetricSource.rate(\"http_requests_total\")), or MetricSource.gauge(series) for a gauge; the"
                    + " same last argument for externalMetric(...) and objectMetric(...).");
    public static final Rule REQUEST_RATE_METRIC_UNKNOWN = new Rule(
            RuleId.REQUEST_RATE_METRIC_UNKNOWN,
            Severity.ERROR,
            "requestRate(...) names no metric of the autoscaler",
            "requestRate(name) declares which Pods, External or Object metric measures the service's requests per"
                    + " second; capacity rules, the simulator and the monitoring use that metric. A name that matches"
                    + " none of the autoscaler's metrics would silently declare nothing.",
            "Name a metric declared in the same autoscale(...) with podsMetric, externalMetric or objectMetric.");
    public static final Rule REQUEST_RATE_VALUE_TARGET = new Rule(
            RuleId.REQUEST_RATE_VALUE_TARGET,
            Severity.WARNING,
            "Request-rate metric with a Value target",
            "With a Value target the HPA proposes ceil(ready pods × metric / target). A request rate is the load the"
                    + " service receives: adding pods does not lower it, so whenever the load is above the target"
                    + " every sync multiplies the replicas again until maxReplicas, and below it the HPA scales down"
                    + " to minReplicas, whatever the pods can serve.",
            "Use an AverageValue target (ValueTarget.averageValue(rps per pod)), which divides the rate among the"
                    + " replicas, or do not declare the metric a request rate.");
    public static final Rule UTILIZATION_WITHOUT_REQUEST = new Rule(
            RuleId.UTILIZATION_WITHOUT_REQUEST,
            Severity.ERROR,
            "Utilization target without a request for that resource",
            "The HPA computes utilization as usage divided by the pods' requests. Without a CPU (or memory) request"
                    + " it cannot compute the metric and does not scale: the runbook's 'HPA Not Scaling, 2. Resource"
                    + " requests not set'.",
            "Add requests(cpu, memory) (or cpuRequest/memoryRequest) to the service.");
    public static final Rule LIMIT_BELOW_REQUEST = new Rule(
            RuleId.LIMIT_BELOW_REQUEST,
            Severity.ERROR,
            "Limit below request",
            "The API server rejects a container whose limit is below its request, so the Deployment would not roll out.",
            "Raise the limit to at least the request, or lower the request.");
    public static final Rule PDB_BLOCKS_EVICTION = new Rule(
            RuleId.PDB_BLOCKS_EVICTION,
            Severity.ERROR,
            "Disruption budget allows no eviction at the service's smallest size",
            "The disruption controller allows healthy pods − desiredHealthy evictions. With minAvailable at or above"
                    + " minReplicas, a percentage that rounds up to every pod, or maxUnavailable 0, that is 0 at"
                    + " minReplicas: kubectl drain retries forever and the cluster autoscaler cannot remove the node"
                    + " (the runbook's 'Scale Down Not Working'). A PDB with neither field also blocks every eviction;"
                    + " the DSL cannot express one.",
            "Use maxUnavailable(pods(1)), or a minAvailable below minReplicas.");
    public static final Rule CAPACITY_SHORTFALL = new Rule(
            RuleId.CAPACITY_SHORTFALL,
            Severity.ERROR,
            "Expected load needs more pods than the service can run",
            "The runbook's formula: required pods = ceil(expected rps / rps per pod × headroom). If that exceeds"
                    + " maxReplicas (or the fixed replica count), the HPA tops out before the load is served.",
            "Raise maxReplicas to at least the required pods, or raise capacity per pod.");
    public static final Rule STATEFUL_SET_ROLLOUT_SHORTFALL = new Rule(
            RuleId.STATEFUL_SET_ROLLOUT_SHORTFALL,
            Severity.WARNING,
            "StatefulSet too small to serve its load while it rolls",
            "A StatefulSet's rolling update replaces one pod at a time, highest ordinal first, and starts no extra"
                    + " pod: at maxReplicas (or its fixed count), one pod fewer serves until the new one is Ready, for"
                    + " the whole rollout, one pod after the other. (maxReplicas − 1) × rps per pod must cover the"
                    + " expected load, without headroom. A Deployment surges first (maxSurge) and keeps its capacity.",
            "Raise maxReplicas by one (or more), raise capacity per pod, or roll the StatefulSet outside its peak.");
    public static final Rule RATE_TARGET_WITHOUT_HEADROOM = new Rule(
            RuleId.RATE_TARGET_WITHOUT_HEADROOM,
            Severity.WARNING,
            "Request-rate metric target leaves less headroom than the plan declares",
            "A Pods metric (or an External or Object metric with an AverageValue target) that the plan declares a"
                    + " request rate (requestRate(name)) scales out when the average per pod passes the target. A"
                    + " target at"
                    + " or near what one pod serves means pods are saturated before the HPA adds any, and new pods"
                    + " take time to become ready. The target should be at most rps per pod / headroom.",
            "Lower the metric's target to rps per pod / headroom, or lower the declared headroom.");
    public static final Rule LOAD_WITHOUT_CAPACITY = new Rule(
            RuleId.LOAD_WITHOUT_CAPACITY,
            Severity.WARNING,
            "Expected load without capacity per pod",
            "An expected load can only be checked against maxReplicas when the plan says what one pod serves.",
            "Add capacityPerPod(rps(...)) from the last load test.");
    public static final Rule POOL_TOO_SMALL = new Rule(
            RuleId.POOL_TOO_SMALL,
            Severity.ERROR,
            "Pods at maxReplicas do not fit the node pool",
            "Σ over services of maxReplicas × requests must fit the pool at its maximum node count, after each node's"
                    + " reserve. Otherwise pods stay Pending when the HPAs scale out (the runbook's 'Pods Not"
                    + " Starting: Insufficient resources'). The fit is a first-fit-decreasing packing, since a pod"
                    + " cannot span nodes.",
            "Raise the pool's maximum nodes, use larger nodes, or lower maxReplicas or requests.");
    public static final Rule POD_LARGER_THAN_NODE = new Rule(
            RuleId.POD_LARGER_THAN_NODE,
            Severity.ERROR,
            "A pod requests more than a node offers",
            "A pod whose CPU or memory request exceeds a node's allocatable capacity minus its reserve never"
                    + " schedules, however many nodes the pool has.",
            "Lower the requests, or use a pool with larger nodes.");
    public static final Rule UNKNOWN_NODE_POOL = new Rule(
            RuleId.UNKNOWN_NODE_POOL,
            Severity.ERROR,
            "Service on an unknown node pool",
            "A service must run on a node pool the plan declares: the one it names, or the plan's only pool.",
            "Declare the pool with nodePool(name, ...), or fix the service's nodePool(...).");
    public static final Rule REPLICAS_WITH_AUTOSCALING = new Rule(
            RuleId.REPLICAS_WITH_AUTOSCALING,
            Severity.WARNING,
            "Fixed replica count on an autoscaled service",
            "The HPA owns the replica count of the Deployment it targets and overrides a fixed count within one sync"
                    + " period (15 s): the runbook's 'kubectl scale' during an event is undone. scaleplan emits no"
                    + " replicaCount for an autoscaled service.",
            "Remove replicas(n) and raise the HPA's minimum instead: autoscale(a -> a.min(n)).");
    public static final Rule CHART_VALUE_OWNED = new Rule(
            RuleId.CHART_VALUE_OWNED,
            Severity.ERROR,
            "Chart value that scaleplan sets itself",
            "A service's extra chart values are merged into its section of the values overlay. replicaCount,"
                    + " autoscaling, resources and pdb are written from the plan's replicas, autoscale, requests/limits"
                    + " and disruption budget, where they are checked; a raw value would bypass those checks.",
            "Drop the value and state it through the DSL: replicas(n), autoscale(...), requests(...), maxUnavailable(...).");
    public static final Rule EVENT_UNKNOWN_SERVICE = new Rule(
            RuleId.EVENT_UNKNOWN_SERVICE,
            Severity.ERROR,
            "Event phase changes a service the base plan does not have",
            "An event's phases change the services of its base plan; a service the base plan does not declare has no"
                    + " Deployment, HPA or values to change.",
            "Fix the service's name (use the chart's typed handle, ArkaEngine.USAGE_METERING), or add the service to"
                    + " the base plan.");
    public static final Rule EVENT_MAX_ON_FIXED = new Rule(
            RuleId.EVENT_MAX_ON_FIXED,
            Severity.ERROR,
            "Event phase sets maxReplicas on a service without an HPA",
            "maxReplicas is the HPA's ceiling; a service with a fixed replica count has no HPA to raise.",
            "Use replicas(n) for a fixed service, or make it autoscaled in the base plan.");
    public static final Rule EVENT_LOWERS_SCALE = new Rule(
            RuleId.EVENT_LOWERS_SCALE,
            Severity.WARNING,
            "Pre-scale phase lowers a minimum or maximum",
            "Pre-scaling raises minimums and maximums ahead of the load (the runbook's 'Preparing for High Traffic"
                    + " Events'). A phase that lowers one removes capacity just before the event.",
            "Raise the value, or leave it unchanged in the pre-scale phase.");

    // SP3xx: the chart. Reported by the annotation processor (module processor) as javac errors on the element,
    // except SP314-SP316, which the compiler reports after rendering the chart (package compiler.chart).
    public static final Rule PLAN_NOT_CONCRETE = new Rule(
            RuleId.PLAN_NOT_CONCRETE,
            Severity.ERROR,
            "@Plan on something that is not a concrete class",
            "The build instantiates every @Plan class; an interface, enum or abstract class cannot be instantiated.",
            "Put @Plan on a concrete class that implements PlanDefinition.");
    public static final Rule PLAN_NOT_PUBLIC = new Rule(
            RuleId.PLAN_NOT_PUBLIC,
            Severity.ERROR,
            "@Plan class is not public",
            "ServiceLoader instantiates plans from outside their package; a non-public class, or one nested in a"
                    + " non-public or non-static class, cannot be instantiated.",
            "Make the class public (and static, if nested).");
    public static final Rule PLAN_WITHOUT_CONSTRUCTOR = new Rule(
            RuleId.PLAN_WITHOUT_CONSTRUCTOR,
            Severity.ERROR,
            "@Plan class has no public no-argument constructor",
            "ServiceLoader instantiates plans through a public no-argument constructor.",
            "Add a public no-argument constructor, or remove the other constructors.");
    public static final Rule PLAN_NOT_A_DEFINITION = new Rule(
            RuleId.PLAN_NOT_A_DEFINITION,
            Severity.ERROR,
            "@Plan class does not implement PlanDefinition",
            "The build calls define() on every @Plan class; a class that does not implement PlanDefinition has none.",
            "Implement io.scaleplan.dsl.PlanDefinition.");
    public static final Rule PLAN_NAME_REPEATED = new Rule(
            RuleId.PLAN_NAME_REPEATED,
            Severity.ERROR,
            "Two @Plan classes give the same plan name",
            "Two plans with one name would write the same folder of generated/; javac reports it on the second.",
            "Rename one of the plans.");
    public static final Rule PLAN_NAME_INVALID = new Rule(
            RuleId.PLAN_NAME_INVALID,
            Severity.ERROR,
            "@Plan name is not a DNS-1123 label",
            "A plan's name becomes a folder of generated/ and a Kubernetes label value.",
            "Use lower-case letters, digits and '-'.");
    public static final Rule PLAN_INDEX_UNWRITABLE = new Rule(
            RuleId.PLAN_INDEX_UNWRITABLE,
            Severity.ERROR,
            "The plan index cannot be written",
            "The processor writes META-INF/services/io.scaleplan.dsl.PlanDefinition so that the build finds every"
                    + " plan without scanning the class path; the Filer refused to write it.",
            "Check the build's output folder; a clean build usually fixes it.");
    public static final Rule CHART_MISSING = new Rule(
            RuleId.CHART_MISSING,
            Severity.ERROR,
            "@HelmChart points at no chart",
            "Typed chart bindings are generated from the chart's Chart.yaml, values.yaml and, where it has one,"
                    + " values.schema.json; the folder or files are not there. The path is relative to the module's base directory: the"
                    + " -Ascaleplan.chartRoot option when the build passes it, otherwise the nearest folder above"
                    + " the annotated source file or the class output that holds it.",
            "Fix the path in @HelmChart, or pass -Ascaleplan.chartRoot=${project.basedir} to the compiler.");
    public static final Rule CHART_MALFORMED = new Rule(
            RuleId.CHART_MALFORMED,
            Severity.ERROR,
            "Chart file is malformed",
            "values.schema.json or values.yaml does not parse; the message gives its file, line and column.",
            "Fix the file; helm lint reports the same problem.");
    public static final Rule CHART_SCHEMA_UNBOUND = new Rule(
            RuleId.CHART_SCHEMA_UNBOUND,
            Severity.ERROR,
            "Chart schema the processor cannot bind",
            "Where values.schema.json declares services (root object properties with autoscaling), each must be"
                    + " a lower-camel key with typed properties and distinct setter and enum names. A chart whose"
                    + " schema declares none, or that has no schema, is bound from values.yaml: one workload when"
                    + " replicaCount or autoscaling is at its top level, else each top-level key holding resources,"
                    + " replicaCount, autoscaling or pdb; a values.yaml with neither gives nothing to bind.",
            "Declare each service as an object with typed properties in values.schema.json, or give values.yaml"
                    + " the workload's replicaCount or resources.");
    public static final Rule CHART_CLASS_NAME = new Rule(
            RuleId.CHART_CLASS_NAME,
            Severity.ERROR,
            "Generated class name is not valid or used twice",
            "@HelmChart's className must be a Java identifier, and no two bindings in one package may share it.",
            "Give the binding another className.");
    public static final Rule CHART_IGNORES_VALUE = new Rule(
            RuleId.CHART_IGNORES_VALUE,
            Severity.ERROR,
            "Chart does not carry a plan value into its objects",
            "scaleplan renders the release's chart with the generated values overlay (Helm's engine, offline, as"
                    + " helm template would) and compares the rendered objects with the plan: each HPA's target,"
                    + " range and metrics, each PDB's budget and selector, fixed replica counts and resources. A value"
                    + " written under a key the chart does not read, or for which the chart's layout has no key, would"
                    + " be silently lost at helm upgrade. A fixed replica count the layout has no key for is carried"
                    + " by a Helm post-renderer scaleplan writes instead (helm/<release>-post-render/).",
            "Pick the chart's layout (chartLayout(ChartLayout.BITNAMI_FLAT), or ChartLayout.builder(...) with the"
                    + " chart's own keys), or change the chart so that the named template reads the key.");
    public static final Rule CHART_RENDER_FAILED = new Rule(
            RuleId.CHART_RENDER_FAILED,
            Severity.ERROR,
            "Chart cannot be rendered with the values overlay",
            "Helm's engine refused the chart with the generated values: a template failed, or the chart's"
                    + " values.schema.json rejects a value. helm upgrade would fail the same way.",
            "Fix the chart or the plan value the message names; helm template RELEASE CHART -f the overlay"
                    + " reproduces it.");
    public static final Rule CHART_SECOND_OWNER = new Rule(
            RuleId.CHART_SECOND_OWNER,
            Severity.ERROR,
            "Chart renders an object scaleplan also writes",
            "An HPA or PDB has one owner. When scaleplan writes a standalone one, the chart must not render its"
                    + " own for the same pods: two HPAs on one Deployment disable each other (AmbiguousSelector), and"
                    + " two PDBs over one pod make every eviction fail.",
            "Give the chart's layout the key that switches its object off, or let the chart own it"
                    + " (scalingObjects(ObjectOwner.CHART)) with a layout that carries every value.");
    public static final Rule PROCESSOR_FAILED = new Rule(
            RuleId.PROCESSOR_FAILED,
            Severity.ERROR,
            "The annotation processor failed",
            "An unexpected error inside the processor; it is reported as one javac error with its trace instead of"
                    + " crashing the compiler. This is a bug in scaleplan.",
            "Report it with the message; a clean build may work around it.");
    public static final Rule EVENT_NEEDS_RESTART = new Rule(
            RuleId.EVENT_NEEDS_RESTART,
            Severity.NOTE,
            "Event phase changes max_connections: PostgreSQL restarts",
            "max_connections only takes effect when the server starts (pg_settings.context = 'postmaster'):"
                    + " ALTER SYSTEM and a reload leave the old limit in force. The phase's APPLY.md ends with the"
                    + " restart of the primary and the read replicas as an explicit step; plan it in a quiet window.",
            "Nothing to fix; schedule the restart, or keep max_connections unchanged and use a pooler.");

    public static final Rule INVALID_LOAD_PROFILE = new Rule(
            RuleId.INVALID_LOAD_PROFILE,
            Severity.ERROR,
            "Load profile the simulator cannot replay",
            "A load profile is a curve per service from second 0: from(...) comes first, and ramps, plateaus and"
                    + " spikes last a whole number of seconds, at least 1. A CSV profile (seconds,service,rps) needs"
                    + " whole non-negative seconds in order per service, starting at 0, and finite rates of at least 0.",
            "Fix the segment or line the message names.");
    public static final Rule LOAD_FOR_UNKNOWN_SERVICE = new Rule(
            RuleId.LOAD_FOR_UNKNOWN_SERVICE,
            Severity.ERROR,
            "Load profile names a service the plan does not declare",
            "Each curve of a load profile drives one service's HPA; a curve for a name the plan does not declare"
                    + " (a typo, a removed service) would silently simulate nothing.",
            "Use a service name the plan declares, or its typed handle (ArkaEngine.USAGE_METERING).");
    public static final Rule LOAD_WITHOUT_CAPACITY_PER_POD = new Rule(
            RuleId.LOAD_WITHOUT_CAPACITY_PER_POD,
            Severity.ERROR,
            "Simulated service has no capacity per pod",
            "The simulator turns a service's load into CPU use and ready capacity through capacityPerPod: a pod"
                    + " serving that many requests per second uses its CPU request. Without it there is nothing to"
                    + " compare the load with.",
            "Add capacityPerPod(rps(n)) to the service, from its last capacity test.");

    private static final Map<RuleId, Rule> BY_ID = new EnumMap<>(RuleId.class);

    static {
        for (Rule rule : List.of(
                INVALID_NAME,
                INVALID_REPLICAS,
                MIN_EXCEEDS_MAX,
                INVALID_UTILIZATION,
                INVALID_QUANTITY,
                DUPLICATE,
                INCOMPLETE,
                INVALID_BEHAVIOR,
                INVALID_BUDGET,
                PLAN_FAILED,
                UNSAFE_TEXT,
                INVALID_RULE_SETTING,
                UNUSED_SUPPRESSION,
                SERVICE_NOT_IN_CHART,
                SURGE_ON_STATEFUL_SET,
                INVALID_POSTGRES_VERSION,
                INVALID_TUNING_INPUT,
                INSTANCE_DISAGREES_WITH_LIMITS,
                INVALID_PG_SETTING,
                INVALID_SQL_IDENTIFIER,
                INVALID_INDEX,
                REPLICAS_WITH_DESKTOP,
                DATA_TIER_TWICE,
                UNKNOWN_DATABASE,
                HOSTING_MISMATCH,
                INVALID_REDIS_TOPOLOGY,
                INVALID_MAXMEMORY,
                REQUEST_RATE_METRIC_UNKNOWN,
                CONNECTIONS_EXHAUSTED,
                REDIS_MAXMEMORY_UNSAFE,
                REDIS_CLUSTER_SHAPE,
                POOL_WITHOUT_DATABASE,
                SHARED_BUFFERS_EXCEED_MEMORY,
                RELEASE_COLLISION,
                IDENTIFIER_NEEDS_QUOTING,
                BEYOND_BOUNDS,
                OBJECT_PRODUCED_TWICE,
                POD_METRIC_WITHOUT_SOURCE,
                REQUEST_RATE_VALUE_TARGET,
                UTILIZATION_WITHOUT_REQUEST,
                LIMIT_BELOW_REQUEST,
                PDB_BLOCKS_EVICTION,
                CAPACITY_SHORTFALL,
                STATEFUL_SET_ROLLOUT_SHORTFALL,
                RATE_TARGET_WITHOUT_HEADROOM,
                LOAD_WITHOUT_CAPACITY,
                POOL_TOO_SMALL,
                POD_LARGER_THAN_NODE,
                UNKNOWN_NODE_POOL,
                REPLICAS_WITH_AUTOSCALING,
                CHART_VALUE_OWNED,
                PLAN_NOT_CONCRETE,
                PLAN_NOT_PUBLIC,
                PLAN_WITHOUT_CONSTRUCTOR,
                PLAN_NOT_A_DEFINITION,
                PLAN_NAME_REPEATED,
                PLAN_NAME_INVALID,
                PLAN_INDEX_UNWRITABLE,
                CHART_MISSING,
                CHART_MALFORMED,
                CHART_SCHEMA_UNBOUND,
                CHART_CLASS_NAME,
                CHART_IGNORES_VALUE,
                CHART_RENDER_FAILED,
                CHART_SECOND_OWNER,
                PROCESSOR_FAILED,
                EVENT_UNKNOWN_SERVICE,
                EVENT_MAX_ON_FIXED,
                EVENT_LOWERS_SCALE,
                EVENT_NEEDS_RESTART,
                INVALID_LOAD_PROFILE,
                LOAD_FOR_UNKNOWN_SERVICE,
                LOAD_WITHOUT_CAPACITY_PER_POD)) {
            if (BY_ID.put(rule.ruleId(), rule) != null) {
                throw new IllegalStateException("rule id used twice: " + rule.id());
            }
        }
        if (BY_ID.size() != RuleId.values().length) {
            throw new IllegalStateException("rule ids without a catalogue entry");
        }
    }

    private Rules() {}

    /** Every rule, in id order. */
    public static List<Rule> all() {
        return BY_ID.values().stream()
                .sorted(java.util.Comparator.comparing(Rule::id))
                .toList();
    }

    /** The rule with this id ({@code SP105}), if there is one. */
    public static Optional<Rule> byId(String id) {
        return RuleId.of(id).map(Rules::of);
    }

    /** The catalogue entry of {@code id}: every id has one. */
    public static Rule of(RuleId id) {
        return BY_ID.get(id);
    }
}
