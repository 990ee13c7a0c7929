import { Testing } from 'cdk8s';
import { ocm } from '../../lib';
import { find, synth } from '../support/fleet';

describe('ManagedCluster', () => {
  test('renders labels, acceptance, taints and the API server; claims stay off the hub object', () => {
    const chart = Testing.chart();
    const c = new ocm.ManagedCluster(chart, 'dc1-prod', {
      labels: { env: 'production', dc: 'dc1' },
      taints: [{ key: 'edge.example/outbound-only', value: 'true', effect: ocm.TaintEffect.NO_SELECT }],
      claims: { 'region.open-cluster-management.io': 'eu-central' },
      leaseDurationSeconds: 120,
      apiServerUrl: 'https://api.dc1-prod.example:6443',
    });
    c.addLabel('tier', 'gold');
    const o = find(synth(chart), 'ManagedCluster', 'dc1-prod');
    expect(o.apiVersion).toBe('cluster.open-cluster-management.io/v1');
    expect(o.metadata.labels).toEqual({ env: 'production', dc: 'dc1', tier: 'gold' });
    expect(o.spec).toEqual({
      hubAcceptsClient: true,
      leaseDurationSeconds: 120,
      managedClusterClientConfigs: [{ url: 'https://api.dc1-prod.example:6443' }],
      taints: [{ key: 'edge.example/outbound-only', value: 'true', effect: 'NoSelect' }],
    });
    expect(JSON.stringify(o)).not.toContain('region.open-cluster-management.io');
    expect(c.claims).toEqual({ 'region.open-cluster-management.io': 'eu-central' });
  });

  test('defaults: name from id, accepted, default lease omitted', () => {
    const chart = Testing.chart();
    new ocm.ManagedCluster(chart, 'edge-1');
    expect(find(synth(chart), 'ManagedCluster', 'edge-1').spec).toEqual({ hubAcceptsClient: true });
  });

  test('well-known keys', () => {
    expect(ocm.ClusterLabels.CLUSTER_SET).toBe('cluster.open-cluster-management.io/clusterset');
    expect(ocm.ClusterLabels.addon('cluster-proxy')).toBe('feature.open-cluster-management.io/addon-cluster-proxy');
    expect(ocm.ClusterTaints.UNREACHABLE).toBe('cluster.open-cluster-management.io/unreachable');
  });

  test('fails for a cluster name that is not a DNS-1123 label', () => {
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'x', { name: 'Prod_EU' })).toThrow(/ManagedCluster "Prod_EU": name "Prod_EU" is not a valid DNS-1123 label/);
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'x', { name: 'a.b' })).toThrow(/not a valid DNS-1123 label/);
  });

  test('fails for invalid label keys and values', () => {
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c1', { labels: { 'bad key': 'v' } })).toThrow(/ManagedCluster "c1": label key "bad key" is invalid/);
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c1', { labels: { env: 'prod/eu' } })).toThrow(/label env="prod\/eu" has an invalid value/);
  });

  test('fails for a bad taint effect and a duplicated taint', () => {
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c1', { taints: [{ key: 'k', effect: 'NoSchedule' as any }] })).toThrow(/effect "NoSchedule"; allowed: NoSelect, PreferNoSelect, NoSelectIfNew/);
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c1', { taints: [{ key: 'k', effect: ocm.TaintEffect.NO_SELECT }, { key: 'k', effect: ocm.TaintEffect.NO_SELECT }] })).toThrow(/declared twice/);
  });

  test('fails for an imported cluster whose labels we do not own', () => {
    const imported = ocm.ManagedCluster.fromName('legacy-1');
    expect(() => imported.addLabel('env', 'x')).toThrow(/imported with ManagedCluster.fromName/);
  });

  test('fails for a taint without a key', () => {
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c1', { taints: [{ effect: ocm.TaintEffect.NO_SELECT } as any] }))
      .toThrow('ManagedCluster "c1": taint {"effect":"NoSelect"} has no key; every ManagedCluster taint needs a non-empty key, a label key such as "dedicated" or "example.com/gpu"');
    expect(() => new ocm.ManagedCluster(Testing.chart(), 'c2', { taints: [{ key: '', effect: ocm.TaintEffect.NO_SELECT }] })).toThrow(/ManagedCluster "c2": taint .* has no key/);
  });
});
