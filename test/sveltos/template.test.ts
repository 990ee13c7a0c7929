import { escapeAction, foreignTemplateActions } from '../../lib/sveltos/_template';

describe('foreignTemplateActions (what Sveltos cannot render)', () => {
  test.each([
    'deployments on {{ .Cluster.metadata.name }} need a team label',
    '{{ index .Cluster.metadata.labels "region" }}',
    '{{ (getResource "Settings").spec.replicas }}',
    '{{ range $k, $v := .Cluster.metadata.labels }}{{ $k }}: {{ $v }}{{ end }}',
    '{{ toYaml .MgmtResources.foo.data | nindent 4 }}',
    '{{- if eq (index .Cluster.metadata.labels "env") "prod" }}x{{- else }}y{{- end }}',
    '{{ "{{" }} $labels.instance }}',
    '{{/* a comment with }} inside */}}',
    '{{- /* trimmed comment */ -}}',
    '{{ $.Cluster.metadata.name }}',
    '{{ copy "Settings" }}',
    '{{ setField "Settings" "spec.replicas" (int64 3) }}',
    '{{ chainSetField (getResource "x") "spec.a" 1 | toYaml }}',
    '{{ with .Cluster.spec }}{{ .paused }}{{ else }}{{ .Cluster.metadata.name }}{{ end }}',
    '{{ $n := .Cluster.metadata.name }}{{ if $n }}{{ $n | upper }}{{ end }}',
    '{{ define "name" }}{{ .metadata.name }}{{ end }}{{ template "name" .Cluster }}',
    '{{ range .Cluster.spec.topology.workers.machineDeployments }}{{ .name }}{{ end }}',
    '{{ printf "%s-%d" .Cluster.metadata.name 3 }} {{ 1.5e+3 }} {{ -1 }} {{ nil | default "a" }}',
    '{{ .InfrastructureProvider.spec.region }} {{ .KubeadmControlPlane.spec.version }}',
    '{{ `raw }} string` }}',
    'no template here',
  ])('accepts %p', (text) => {
    expect(foreignTemplateActions(text)).toEqual([]);
  });

  test.each([
    ['{{ $labels.instance }}', 'undefined variable $labels'],
    ['{{ .Labels.alertname }}', '.Labels is not in the template data'],
    ['{{ range .Alerts }}{{ .Labels.x }}{{ end }}', '.Alerts is not in the template data'],
    ['{{ request.object.metadata.name }}', 'function "request" is not defined'],
    ['{{ .Release.Name }}', '.Release is not in the template data'],
    ['{{ $.Values.x }}', '$.Values is not in the template data'],
    ['{{ include "x" . }}', 'function "include" is not defined'],
    ['{{instance}}', 'function "instance" is not defined'],
    ['{{ template "slack.default.title" . }}', 'template "slack.default.title" is not defined'],
    ['{{ request.object.spec.containers[0].name }}', 'function "request" is not defined'],
    ['abc {{ .Cluster.metadata.name', 'never closed'],
    ['{{ if .Cluster.metadata.name }}', 'no matching {{ end }}'],
    ['{{ end }}', 'closes nothing'],
  ])('fails on %p', (text, reason) => {
    const found = foreignTemplateActions(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].reason).toContain(reason);
  });

  test('reports each foreign action once, with the first reason', () => {
    expect(foreignTemplateActions('{{ .Cluster.metadata.name }} {{ $value | humanize }} {{ $value | humanize }}')).toEqual([
      { action: '{{ $value | humanize }}', reason: 'undefined variable $value' },
    ]);
  });

  test('an escaped action is accepted and renders to the original', () => {
    const escaped = escapeAction('{{ $labels.instance }}');
    expect(escaped).toBe('{{ "{{" }} $labels.instance }}');
    expect(foreignTemplateActions(escaped)).toEqual([]);
  });
});
