{{/*
Labels that select a service's pods: the same three scaleplan's standalone PodDisruptionBudgets
select on (compiler emit/kubernetes/Labels.java). Takes (dict "root" $ "name" "<service>").
*/}}
{{- define "arka-engine.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* The labels of every object: the selector labels, plus who manages it and which chart. */}}
{{- define "arka-engine.labels" -}}
{{ include "arka-engine.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/*
One service: its Deployment, Service, HorizontalPodAutoscaler (only when autoscaling is enabled;
the Deployment then has no replicas, the HPA owns them) and PodDisruptionBudget (when pdb.create).
With autoscaling.external an HPA outside the chart (scaleplan's k8s/ manifests) owns the replica
count: the Deployment has no replicas and the chart renders no HPA. One owner per object.
Takes (dict "root" $ "key" "<values key>" "name" "<service>").
*/}}
{{- define "arka-engine.workload" -}}
{{- $v := index .root.Values .key -}}
{{- $ctx := dict "root" .root "name" .name -}}
{{- $a := $v.autoscaling -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arka-engine.labels" $ctx | nindent 4 }}
spec:
  {{- if not (or $a.enabled $a.external) }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "arka-engine.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "arka-engine.selectorLabels" $ctx | nindent 8 }}
    spec:
      containers:
        - name: {{ .name }}
          image: "{{ $v.image.repository }}:{{ $v.image.tag | default .root.Chart.AppVersion }}"
          imagePullPolicy: {{ $v.image.pullPolicy | default "IfNotPresent" }}
          env:
            - name: LOG_LEVEL
              value: {{ $v.logLevel | default "info" | quote }}
          ports:
            - name: http
              containerPort: {{ $v.service.port | default 8080 }}
              protocol: TCP
          {{- with $v.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arka-engine.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  ports:
    - name: http
      port: {{ $v.service.port | default 8080 }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "arka-engine.selectorLabels" $ctx | nindent 4 }}
{{- if $a.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}-hpa
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arka-engine.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  {{- if or $a.targetCPUUtilizationPercentage $a.targetMemoryUtilizationPercentage $a.podsMetrics }}
  metrics:
    {{- with $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- range $a.podsMetrics }}
    - type: Pods
      pods:
        metric:
          name: {{ .name }}
        target:
          type: AverageValue
          averageValue: {{ .averageValue | quote }}
    {{- end }}
  {{- end }}
  {{- with $a.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- if $v.pdb.create }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}-pdb
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "arka-engine.labels" $ctx | nindent 4 }}
spec:
  {{- if hasKey $v.pdb "minAvailable" }}
  minAvailable: {{ $v.pdb.minAvailable }}
  {{- else if hasKey $v.pdb "maxUnavailable" }}
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  {{- else }}
  maxUnavailable: 1
  {{- end }}
  selector:
    matchLabels:
      {{- include "arka-engine.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- end }}
