import { Testing } from 'cdk8s';
import { LabelSelector } from '../../lib/core';
import { ClusterProfile, HelmChart, HelmChartAction, ValuesFrom } from '../../lib/sveltos';
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
});
