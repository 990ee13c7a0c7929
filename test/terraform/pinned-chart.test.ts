import 'cdktf/lib/testing/adapters/jest';
import { PinnedChart } from '../../lib/terraform';

describe('PinnedChart', () => {
  test('the defaults are exact versions from the OCM and Sveltos repositories', () => {
    const defaults = [PinnedChart.OCM_CLUSTER_MANAGER, PinnedChart.OCM_KLUSTERLET, PinnedChart.OCM_CLUSTER_PROXY, PinnedChart.OCM_MANAGED_SERVICEACCOUNT, PinnedChart.SVELTOS];
    expect(defaults.map(String)).toEqual([
      'cluster-manager@1.3.1 (https://open-cluster-management.io/helm-charts)',
      'klusterlet@1.3.1 (https://open-cluster-management.io/helm-charts)',
      'cluster-proxy@0.13.0 (https://open-cluster-management.io/helm-charts)',
      'managed-serviceaccount@0.12.0 (https://open-cluster-management.io/helm-charts)',
      'projectsveltos@1.13.0 (https://projectsveltos.github.io/helm-charts)',
    ]);
  });

  test('withVersion and fromMirror keep the chart', () => {
    const moved = PinnedChart.OCM_KLUSTERLET.withVersion('1.4.0').fromMirror('oci://registry.example.com/ocm/');
    expect(moved.chart).toBe('klusterlet');
    expect(moved.version).toBe('1.4.0');
    expect(moved.repository).toBe('oci://registry.example.com/ocm');
  });

  test('accepts exact versions, with a v prefix, pre-release or build metadata', () => {
    for (const v of ['1.3.1', 'v1.3.1', '0.13.0-rc.1', '1.0.0+build.5']) {
      expect(PinnedChart.fromRepository('https://charts.example.com', 'x', v).version).toBe(v);
    }
  });

  test.each(['latest', '^1.3.1', '~1.3', '>=1.0.0', '1.x', '*', '1.3', '', '1.3.1 || 1.4.0'])('fails with an unpinned chart version %p', (v) => {
    expect(() => PinnedChart.fromRepository('https://charts.example.com', 'klusterlet', v))
      .toThrow(/Helm chart "klusterlet": version .* is not pinned; use an exact version such as "1.3.1"/);
  });

  test('fails with a repository that is not https or oci', () => {
    expect(() => PinnedChart.fromRepository('http://charts.example.com', 'x', '1.0.0')).toThrow(/is not an https:\/\/ or oci:\/\/ URL/);
    expect(() => PinnedChart.fromRepository('charts/local', 'x', '1.0.0')).toThrow(/is not an https:\/\/ or oci:\/\/ URL/);
  });

  test('fails with an invalid chart name', () => {
    expect(() => PinnedChart.fromRepository('https://charts.example.com', 'Cluster Manager', '1.0.0')).toThrow(/chart name must consist of/);
  });
});
