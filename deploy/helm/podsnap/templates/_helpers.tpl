{{/* Chart name, overridable. */}}
{{- define "podsnap.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name, at most 63 characters. */}}
{{- define "podsnap.fullname" -}}
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

{{- define "podsnap.operator.fullname" -}}
{{- printf "%s-operator" (include "podsnap.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "podsnap.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: podsnap
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "podsnap.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "podsnap.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "podsnap.operator.labels" -}}
{{ include "podsnap.labels" . }}
{{ include "podsnap.operator.selectorLabels" . }}
{{- end -}}

{{- define "podsnap.operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "podsnap.operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The namespaces the operator watches, comma-separated (env WATCH_NAMESPACE); empty means all. A
namespace-restricted install watches the release namespace unless told otherwise: it has no permissions elsewhere.
*/}}
{{- define "podsnap.operator.watchNamespaces" -}}
{{- if .Values.operator.watchNamespaces -}}
{{- join "," .Values.operator.watchNamespaces -}}
{{- else if .Values.rbac.namespaceRestricted -}}
{{- .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/*
Whether a rule from files/operator-rules.yaml is about a cluster-scoped resource, so that it stays in a
ClusterRole when the install is namespace-restricted. RbacCoverage.isClusterScoped (operator tests) is the same test.
*/}}
{{- define "podsnap.operator.clusterScopedRule" -}}
{{- if hasPrefix "podsnapshotcontents" (first .resources) -}}true{{- end -}}
{{- end -}}
