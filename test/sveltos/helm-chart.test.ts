import { Testing } from 'cdk8s';
import { LabelSelector } from '../../lib/core';
import { ClusterProfile, HelmChart, HelmChartAction, Profile, ValuesFrom } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const base = {
  repositoryUrl: 'https://charts.jetstack.io',
  repositoryName: 'jetstack',
  chartName: 'jetstack/cert-manager',
  version: 'v1.15.3',
  releaseName: 'cert-manager',
  releaseNamespace: 'cert-manager',
};

describe('HelmChart', () => {
  test('renders the fields Sveltos reads, values as YAML with templates intact', () => {
    const chart = Testing.chart();
    new ClusterProfile(chart, 'cert-manager', {
      clusterSelector: LabelSelector.matchLabels({ env: 'production' }),
      helmCharts: [HelmChart.fromRepository({
        ...base,
        values: { crds: { enabled: true }, clusterName: '{{ .Cluster.metadata.name }}', region: '{{ index .Cluster.metadata.labels "region" }}' },
        valuesFrom: [ValuesFrom.configMap('cert-manager-values', { namespace: 'projectsveltos', optional: true }), ValuesFrom.secret('{{ .Cluster.metadata.name }}-values')],
      })],
    });
    const objs = Testing.synth(chart);
    const h = objs[0].spec.helmCharts[0];
    expect(h).toMatchObject({
      repositoryURL: 'https://charts.jetstack.io',
      repositoryName: 'jetstack',
      chartName: 'jetstack/cert-manager',
      chartVersion: 'v1.15.3',
      releaseName: 'cert-manager',
      releaseNamespace: 'cert-manager',
      helmChartAction: 'Install',
      valuesFrom: [
        { kind: 'ConfigMap', name: 'cert-manager-values', namespace: 'projectsveltos', optional: true },
        { kind: 'Secret', name: '{{ .Cluster.metadata.name }}-values' },
      ],
    });
    expect(h.values).toContain("clusterName: '{{ .Cluster.metadata.name }}'");
    expect(h.values).toContain(`region: '{{ index .Cluster.metadata.labels "region" }}'`);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('accepts values as YAML text, OCI repositories and Uninstall', () => {
    const h = HelmChart.fromRepository({
      ...base, repositoryUrl: 'oci://registry.k8s.io/kro/charts', chartName: 'kro', repositoryName: 'kro', version: '0.2.1',
      valuesYaml: 'replicas: 2\n', action: HelmChartAction.UNINSTALL,
    });
    expect(h._render()).toMatchObject({ repositoryUrl: 'oci://registry.k8s.io/kro/charts', values: 'replicas: 2\n', helmChartAction: 'Uninstall' });
    expect(h.release).toBe('cert-manager/cert-manager');
  });

  test.each(['^1.15.0', '~1.15', '1.x', '>=1.0.0', 'latest', '', '1.15', '*'])('fails with an unpinned version %p', (version) => {
    expect(() => HelmChart.fromRepository({ ...base, version })).toThrow(/not pinned; use an exact version such as "3.2.6"/);
  });

  test('fails without a version at all', () => {
    expect(() => HelmChart.fromRepository({ ...base, version: undefined as any })).toThrow(/version undefined, which is not pinned/);
  });

  test('fails with a repository that is not http(s) or oci', () => {
    expect(() => HelmChart.fromRepository({ ...base, repositoryUrl: 'charts.jetstack.io' })).toThrow(/not an http\(s\):\/\/ or oci:\/\/ URL/);
  });

  test('fails with both values and valuesYaml', () => {
    expect(() => HelmChart.fromRepository({ ...base, values: { a: 1 }, valuesYaml: 'a: 1' })).toThrow(/both values and valuesYaml/);
  });

  test('fails with a release name longer than Helm allows', () => {
    expect(() => HelmChart.fromRepository({ ...base, releaseName: 'a'.repeat(54) })).toThrow(/at most 53/);
  });

  test('values YAML is key-sorted: values built in different key orders give identical bytes', () => {
    const a = HelmChart.fromRepository({ ...base, values: { b: 1, a: { z: true, y: ['2', '1'] }, c: '{{ .Cluster.metadata.name }}' } });
    const b = HelmChart.fromRepository({ ...base, values: { c: '{{ .Cluster.metadata.name }}', a: { y: ['2', '1'], z: true }, b: 1 } });
    expect(a.valuesYaml).toBe(b.valuesYaml);
    expect(a.valuesYaml).toBe("a:\n  y:\n    - '2'\n    - '1'\n  z: true\nb: 1\nc: '{{ .Cluster.metadata.name }}'\n");
  });

  test.each([
    ['Alertmanager', { alertmanager: { config: { receivers: [{ name: 'slack', slack_configs: [{ title: '{{ .CommonLabels.alertname }}' }] }] } } }, /\{\{ \.CommonLabels\.alertname \}\} \(\.CommonLabels is not in the template data/],
    ['Prometheus rule', { rules: [{ annotations: { summary: 'instance {{ $labels.instance }} is down' } }] }, /\{\{ \$labels\.instance \}\} \(undefined variable \$labels\)/],
    ['Grafana legend', { dashboards: { legendFormat: '{{instance}}' } }, /\{\{instance\}\} \(function "instance" is not defined/],
    ['Kyverno', { policies: { message: '{{ request.object.metadata.name }} needs a label' } }, /function "request" is not defined/],
    ['Helm tpl', { fullnameOverride: '{{ .Release.Name }}-x' }, /\.Release is not in the template data/],
  ])('fails on %s {{ }} in values, which Sveltos renders with missingkey=error', (_what, values, reason) => {
    expect(() => HelmChart.fromRepository({ ...base, values })).toThrow(/Helm chart "cert-manager\/cert-manager": values hold .*which Sveltos cannot render: it instantiates Helm values as a Go template on every cluster \(missingkey=error/);
    expect(() => HelmChart.fromRepository({ ...base, values })).toThrow(reason);
    expect(() => HelmChart.fromRepository({ ...base, values })).toThrow(/Escape text meant for the chart or its software, e.g. \{\{ "\{\{" \}\}/);
  });

  test('fails on foreign {{ }} in valuesYaml too', () => {
    expect(() => HelmChart.fromRepository({ ...base, valuesYaml: 'summary: "{{ $value | humanize }}"\n' })).toThrow(/values hold \{\{ \$value \| humanize \}\} \(undefined variable \$value\)/);
  });

  test('accepts Sveltos expressions, sprig and Sveltos functions, and escaped foreign actions in values', () => {
    const h = HelmChart.fromRepository({
      ...base,
      values: {
        cluster: '{{ .Cluster.metadata.name | upper }}',
        region: '{{ index .Cluster.metadata.labels "region" | default "eu" }}',
        settings: '{{ (getResource "Settings").data | toYaml | nindent 2 }}',
        summary: 'instance {{ "{{" }} $labels.instance }} is down',
        labels: '{{- range $k, $v := .Cluster.metadata.labels }}{{ $k }}{{ end }}',
        comment: '{{/* not rendered */}}',
      },
    });
    expect(h.valuesYaml).toContain('summary: instance {{ "{{" }} $labels.instance }} is down');
  });

  test('a templated valuesFrom namespace is not validated (resolved per cluster), a literal one is', () => {
    const h = HelmChart.fromRepository({ ...base, valuesFrom: [ValuesFrom.configMap('{{ .Cluster.metadata.name }}-values', { namespace: '{{ .Cluster.metadata.namespace }}' })] });
    expect(h._render().valuesFrom).toEqual([{ kind: 'ConfigMap', name: '{{ .Cluster.metadata.name }}-values', namespace: '{{ .Cluster.metadata.namespace }}' }]);
    const p = new Profile(Testing.chart(), 'p', { namespace: 'team-a', clusterSelector: LabelSelector.matchLabels({ env: 'dev' }) });
    expect(() => p.addHelmChart(h)).not.toThrow();
  });

  test('fails with a literal valuesFrom namespace that is not a DNS label', () => {
    expect(() => ValuesFrom.secret('vals', { namespace: 'Not_A_Namespace' })).toThrow(/valuesFrom Secret "vals": namespace "Not_A_Namespace" is not a valid DNS-1123 label/);
  });

  test('fails with no options instead of a TypeError', () => {
    expect(() => HelmChart.fromRepository(undefined as any)).toThrow(/HelmChart.fromRepository: needs options \{ repositoryUrl, repositoryName, chartName, version, releaseName, releaseNamespace \}, got undefined/);
    expect(() => HelmChart.fromRepository({ ...base, valuesFrom: ['vals'] as any })).toThrow(/valuesFrom entries must be ValuesFrom.configMap\(...\) or ValuesFrom.secret\(...\), got "vals"/);
  });
});
