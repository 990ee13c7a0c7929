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

  test('GLOBAL, DEFAULT and fromName follow the hub\'s own sets', () => {
    const chart = Testing.chart();
    const plain = new ocm.ManagedCluster(chart, 'plain');
    const prod = new ocm.ManagedCluster(chart, 'prod', { labels: { [ocm.ClusterLabels.CLUSTER_SET]: 'production' } });
    const empty = new ocm.ManagedCluster(chart, 'empty', { labels: { [ocm.ClusterLabels.CLUSTER_SET]: '' } });
    expect(ocm.ManagedClusterSet.GLOBAL.selector.selectorType).toBe('LabelSelector');
    expect(ocm.ManagedClusterSet.fromName('global')).toBe(ocm.ManagedClusterSet.GLOBAL);
    for (const c of [plain, prod, empty]) expect(ocm.setContains(ocm.ManagedClusterSet.fromName('global'), c.labels)).toBe(true);
    // the hub's webhook puts a cluster without (or with an empty) clusterset label into "default"
    expect(ocm.ManagedClusterSet.DEFAULT.selector.selectorType).toBe('ExclusiveClusterSetLabel');
    expect(ocm.setContains(ocm.ManagedClusterSet.DEFAULT, plain.labels)).toBe(true);
    expect(ocm.setContains(ocm.ManagedClusterSet.DEFAULT, empty.labels)).toBe(true);
    expect(ocm.setContains(ocm.ManagedClusterSet.DEFAULT, prod.labels)).toBe(false);
    expect(ocm.setContains(ocm.ManagedClusterSet.fromName('default'), plain.labels)).toBe(true);
    expect(ocm.setContains(ocm.ManagedClusterSet.fromName('production'), prod.labels)).toBe(true);
    expect(ocm.setContains(ocm.ManagedClusterSet.fromName('production'), plain.labels)).toBe(false);
    // an explicit selector is kept (hubs that turned the default sets' auto-update off)
    expect(ocm.ManagedClusterSet.fromName('global', ocm.ClusterSetSelector.exclusive()).selector.selectorType).toBe('ExclusiveClusterSetLabel');
  });

  test('fails for a selector given as plain JSON', () => {
    expect(() => ocm.ClusterSetSelector.labelSelector({ matchLabels: { region: 'eu' } } as any))
      .toThrow('ClusterSetSelector.labelSelector: selector is a plain object ({"matchLabels":{"region":"eu"}}), not a LabelSelector; use LabelSelector.fromJson({...}) or LabelSelector.in(...) / LabelSelector.matchLabels(...)');
    expect(() => ocm.ManagedClusterSet.fromName('eu', { selectorType: 'LabelSelector' } as any)).toThrow(/ManagedClusterSet "eu": selector must be ClusterSetSelector.exclusive\(\) or ClusterSetSelector.labelSelector/);
  });
});
