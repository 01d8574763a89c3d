{{/* The chart's name, overridable. */}}
{{- define "weir.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: the release name when it already contains the chart's. */}}
{{- define "weir.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels selecting the operator's pods. */}}
{{- define "weir.selectorLabels" -}}
app.kubernetes.io/name: {{ include "weir.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object of the release. */}}
{{- define "weir.labels" -}}
{{ include "weir.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The ServiceAccount the operator runs as. */}}
{{- define "weir.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "weir.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The operator's arguments, with Flagger's flag names: one "-name=value" per line, only for values that are
set, so the operator's own defaults apply otherwise.
*/}}
{{- define "weir.args" -}}
{{- $v := .Values -}}
{{- $args := list -}}
{{- if $v.logLevel }}{{ $args = append $args (printf "-log-level=%s" $v.logLevel) }}{{ end -}}
{{- if $v.meshProvider }}{{ $args = append $args (printf "-mesh-provider=%s" $v.meshProvider) }}{{ end -}}
{{- if $v.metricsServer }}{{ $args = append $args (printf "-metrics-server=%s" $v.metricsServer) }}{{ end -}}
{{- if $v.namespace }}{{ $args = append $args (printf "-namespace=%s" $v.namespace) }}{{ end -}}
{{- if $v.selectorLabels }}{{ $args = append $args (printf "-selector-labels=%s" $v.selectorLabels) }}{{ end -}}
{{- if $v.includeLabelPrefix }}{{ $args = append $args (printf "-include-label-prefix=%s" $v.includeLabelPrefix) }}{{ end -}}
{{- if $v.eventWebhook }}{{ $args = append $args (printf "-event-webhook=%s" $v.eventWebhook) }}{{ end -}}
{{- if $v.clusterName }}{{ $args = append $args (printf "-cluster-name=%s" $v.clusterName) }}{{ end -}}
{{- if $v.controlLoopInterval }}{{ $args = append $args (printf "-control-loop-interval=%s" $v.controlLoopInterval) }}{{ end -}}
{{- if $v.threadiness }}{{ $args = append $args (printf "-threadiness=%v" $v.threadiness) }}{{ end -}}
{{- if $v.kubeconfigQPS }}{{ $args = append $args (printf "-kubeconfig-qps=%v" $v.kubeconfigQPS) }}{{ end -}}
{{- if $v.kubeconfigBurst }}{{ $args = append $args (printf "-kubeconfig-burst=%v" $v.kubeconfigBurst) }}{{ end -}}
{{- if $v.ingressAnnotationsPrefix }}{{ $args = append $args (printf "-ingress-annotations-prefix=%s" $v.ingressAnnotationsPrefix) }}{{ end -}}
{{- if $v.ingressClass }}{{ $args = append $args (printf "-ingress-class=%s" $v.ingressClass) }}{{ end -}}
{{- if $v.slack.url }}
{{- $args = append $args (printf "-slack-url=%s" $v.slack.url) -}}
{{- if $v.slack.user }}{{ $args = append $args (printf "-slack-user=%s" $v.slack.user) }}{{ end -}}
{{- if $v.slack.channel }}{{ $args = append $args (printf "-slack-channel=%s" $v.slack.channel) }}{{ end -}}
{{- if $v.slack.proxy }}{{ $args = append $args (printf "-slack-proxy-url=%s" $v.slack.proxy) }}{{ end -}}
{{- end -}}
{{- if $v.msteams.url }}
{{- $args = append $args (printf "-msteams-url=%s" $v.msteams.url) -}}
{{- if $v.msteams.proxy }}{{ $args = append $args (printf "-msteams-proxy-url=%s" $v.msteams.proxy) }}{{ end -}}
{{- end -}}
{{- if $v.leaderElection.enabled }}
{{- $args = append $args "-enable-leader-election=true" -}}
{{- $args = append $args (printf "-leader-election-namespace=%s" .Release.Namespace) -}}
{{- end -}}
{{- if not $v.configTracking.enabled }}{{ $args = append $args "-enable-config-tracking=false" }}{{ end -}}
{{- if $v.noCrossNamespaceRefs }}{{ $args = append $args "-no-cross-namespace-refs=true" }}{{ end -}}
{{- range $v.extraArgs }}{{ $args = append $args . }}{{ end -}}
{{- range $args }}
- {{ . | quote }}
{{- end -}}
{{- end -}}
