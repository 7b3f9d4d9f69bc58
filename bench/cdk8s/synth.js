// The cdk8s peer: synthesizes, for the estate in estate.json (bench/run.sh writes it from the
// same generator scaleplan compiles), the same HPAs (autoscaling/v2), PDBs (policy/v1) and Helm
// values overlay, with cdk8s-plus's typed L1 classes.
//   node synth.js ESTATE_JSON OUTDIR LAYOUT
// LAYOUT: one-chart-per-file | one-chart-per-resource | chart-per-service | chart-per-service-per-resource
'use strict';
const fs = require('fs');
const path = require('path');
const { App, Chart, Yaml, YamlOutputType } = require('cdk8s');
const { k8s } = require(process.env.CDK8S_PLUS || 'cdk8s-plus-33');

const [, , estateFile, outdir, layout] = process.argv;
const services = JSON.parse(fs.readFileSync(estateFile, 'utf8'));
const perResource = layout.endsWith('per-resource');
const chartPerService = layout.startsWith('chart-per-service');

const app = new App({
  outdir,
  yamlOutputType: perResource ? YamlOutputType.FILE_PER_RESOURCE : YamlOutputType.FILE_PER_CHART,
});
const NS = 'estate';

function labels(s) {
  return {
    'app.kubernetes.io/name': NS,
    'app.kubernetes.io/instance': NS,
    'app.kubernetes.io/component': s.name,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

function behavior() {
  return {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Percent', value: 100, periodSeconds: 15 },
        { type: 'Pods', value: 4, periodSeconds: 15 },
      ],
    },
    scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
  };
}

function metrics(s) {
  const m = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.cpuTarget } } }];
  if (s.memoryTarget > 0) {
    m.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: s.memoryTarget } } });
  }
  if (s.podsMetric) {
    m.push({
      type: 'Pods',
      pods: {
        metric: { name: 'http_requests_per_second' },
        target: { type: 'AverageValue', averageValue: k8s.Quantity.fromString(String(Math.floor((s.rpsPerPod * 7) / 10))) },
      },
    });
  }
  return m;
}

function cpu(millis) {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}
function memory(mib) {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

function helmKey(name) {
  return name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

let shared;
const values = {};
for (const s of services) {
  const chart = chartPerService
    ? new Chart(app, s.name, { namespace: NS, disableResourceNameHashes: true })
    : (shared = shared || new Chart(app, 'estate', { namespace: NS, disableResourceNameHashes: true }));
  if (s.autoscaled) {
    new k8s.KubeHorizontalPodAutoscalerV2(chart, `${s.name}-hpa`, {
      metadata: { name: `${s.name}-hpa`, labels: labels(s) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s.name },
        minReplicas: s.min,
        maxReplicas: s.max,
        metrics: metrics(s),
        behavior: s.behavior ? behavior() : undefined,
      },
    });
  }
  const selector = { matchLabels: labels(s) };
  delete selector.matchLabels['app.kubernetes.io/managed-by'];
  new k8s.KubePodDisruptionBudget(chart, `${s.name}-pdb`, {
    metadata: { name: `${s.name}-pdb`, labels: labels(s) },
    spec: s.minAvailable
      ? { minAvailable: k8s.IntOrString.fromNumber(1), selector }
      : { maxUnavailable: k8s.IntOrString.fromNumber(1), selector },
  });
  const v = { autoscaling: { enabled: s.autoscaled } };
  if (s.autoscaled) {
    Object.assign(v.autoscaling, { minReplicas: s.min, maxReplicas: s.max, targetCPUUtilizationPercentage: s.cpuTarget });
    if (s.memoryTarget > 0) v.autoscaling.targetMemoryUtilizationPercentage = s.memoryTarget;
    if (s.behavior) v.autoscaling.behavior = behavior();
  } else {
    v.replicaCount = s.min;
  }
  v.resources = {
    requests: { cpu: cpu(s.cpuMillis), memory: memory(s.memoryMib) },
    limits: { cpu: cpu(s.cpuMillis * 2), memory: memory(s.memoryMib * 2) },
  };
  v.pdb = s.minAvailable ? { minAvailable: 1 } : { maxUnavailable: 1 };
  values[helmKey(s.name)] = v;
}
app.synth();
// cdk8s has no Helm values target: the overlay is written with cdk8s's own YAML writer.
fs.mkdirSync(path.join(outdir, 'helm'), { recursive: true });
Yaml.save(path.join(outdir, 'helm', 'estate-values.yaml'), [values]);
