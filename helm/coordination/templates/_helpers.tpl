{{- define "coordination.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "coordination.headless" -}}
{{- printf "%s-raft" (include "coordination.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "coordination.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "coordination.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "coordination.tokensSecret" -}}
{{- default (printf "%s-tokens" (include "coordination.fullname" .)) .Values.security.existingSecret -}}
{{- end -}}

{{/* The voters' SRV name: every member finds the others (and its own id) through it. */}}
{{- define "coordination.dns" -}}
{{- printf "srv:_raft._tcp.%s.%s.svc.%s" (include "coordination.headless" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{/* What the tokens are, without their secrets: names and permissions, and the rotation counter. */}}
{{- define "coordination.tokenShape" -}}
{{- range $name, $token := .Values.security.tokens }}{{ $name }}={{ $token.permissions }};{{ end -}}
{{- .Values.security.existingSecret }};{{ .Values.security.rotation }}
{{- end -}}
