import { Testing } from 'cdk8s';
import { LabelSelector, ocm } from '../../lib';
import { find, synth } from '../support/fleet';

describe('ManagedClusterSet and ManagedClusterSetBinding', () => {
  test('addCluster writes the exclusive clusterset label', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    const c = new ocm.ManagedCluster(chart, 'dc1-prod');
    set.addCluster(c);
    set.addCluster(c); // idempotent
    const objs = synth(chart);
    expect(find(objs, 'ManagedCluster', 'dc1-prod').metadata.labels).toEqual({ 'cluster.open-cluster-management.io/clusterset': 'production' });
    expect(find(objs, 'ManagedClusterSet', 'production')).toMatchObject({
      apiVersion: 'cluster.open-cluster-management.io/v1beta2',
      spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } },
    });
    expect(set.contains(c)).toBe(true);
  });

  test('label-selector sets', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'global-eu', { selector: ocm.ClusterSetSelector.labelSelector(LabelSelector.in('region', 'eu')) });
    const c = new ocm.ManagedCluster(chart, 'c1', { labels: { region: 'eu' } });
    expect(set.contains(c)).toBe(true);
    expect(find(synth(chart), 'ManagedClusterSet', 'global-eu').spec.clusterSelector).toEqual({
      selectorType: 'LabelSelector',
      labelSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] },
    });
  });

  test('fails for a second exclusive set', () => {
    const chart = Testing.chart();
    const a = new ocm.ManagedClusterSet(chart, 'dev');
    const b = new ocm.ManagedClusterSet(chart, 'staging');
    const c = new ocm.ManagedCluster(chart, 'c1');
    a.addCluster(c);
    expect(() => b.addCluster(c)).toThrow(/ManagedClusterSet "staging": cannot add ManagedCluster "c1": it is already in exclusive set "dev"/);
  });

  test('fails for addCluster on a label-selector set', () => {
    const chart = Testing.chart();
    const s = new ocm.ManagedClusterSet(chart, 'all', { selector: ocm.ClusterSetSelector.labelSelector(LabelSelector.all()) });
    expect(() => s.addCluster(new ocm.ManagedCluster(chart, 'c1'))).toThrow(/uses a LabelSelector, so membership follows cluster labels/);
  });

  test('binding name defaults to and must equal the set name', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    new ocm.ManagedClusterSetBinding(chart, 'b', { clusterSet: set, namespace: 'apps' });
    expect(find(synth(chart), 'ManagedClusterSetBinding', 'production', 'apps').spec).toEqual({ clusterSet: 'production' });
  });

  test('fails for a binding name different from its set', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    expect(() => new ocm.ManagedClusterSetBinding(chart, 'b', { clusterSet: set, namespace: 'apps', name: 'prod' }))
      .toThrow(/ManagedClusterSetBinding "apps\/prod": name "prod" differs from its set "production"; OCM requires metadata.name == spec.clusterSet/);
  });

  test('fails for an invalid binding namespace and set name', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    expect(() => new ocm.ManagedClusterSetBinding(chart, 'b', { clusterSet: set, namespace: 'Apps' })).toThrow(/namespace "Apps" is not a valid DNS-1123 label/);
    expect(() => new ocm.ManagedClusterSet(chart, 'Prod')).toThrow(/not a valid DNS-1123 subdomain/);
  });
});
