import { App, Testing } from 'cdk8s';
import { Hub, LabelSelector, ocm } from '../../lib';
import { find, newHub, synth } from '../support/fleet';

function declare(app: App, reverse: boolean): Hub {
  const hub = new Hub(app, 'hub', { featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] });
  const names = ['c1', 'c2', 'c3', 'c4'];
  const set = hub.addClusterSet('prod');
  const steps: (() => void)[] = [
    ...names.map((n) => () => { hub.addCluster(n, { labels: { env: 'production' }, clusterSet: set }); }),
    () => { hub.bind(set, 'apps'); },
    () => { hub.addPlacement('a', { namespace: 'apps', selector: LabelSelector.in('env', 'production') }); },
    () => { hub.addPlacement('b', { namespace: 'apps', numberOfClusters: 1 }); },
  ];
  for (const s of reverse ? [...steps].reverse() : steps) s();
  return hub;
}

describe('Hub', () => {
  test('one declaration: clusters, sets, bindings with namespaces, placements', () => {
    const { hub } = newHub();
    const prod = hub.addClusterSet('production');
    hub.addCluster('dc1-prod', { labels: { env: 'production' }, clusterSet: prod });
    hub.bind(prod, 'apps', 'policies');
    hub.bind(prod, 'apps'); // idempotent
    hub.addPlacement('web', { namespace: 'apps' });
    const objs = synth(hub);
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//apps',
      'Namespace//policies',
      'ClusterManager//cluster-manager',
      'ManagedClusterSet//production',
      'ManagedCluster//dc1-prod',
      'ManagedClusterSetBinding/apps/production',
      'ManagedClusterSetBinding/policies/production',
      'Placement/apps/web',
    ]);
    expect(find(objs, 'ManagedCluster', 'dc1-prod').metadata.labels['cluster.open-cluster-management.io/clusterset']).toBe('production');
    expect(hub.clusters.map((c) => c.name)).toEqual(['dc1-prod']);
    expect(hub.cluster('dc1-prod').labels.env).toBe('production');
  });

  test('no Namespace objects when createNamespaces is false', () => {
    const { hub } = newHub({ createNamespaces: false });
    hub.bind(hub.addClusterSet('s'), 'apps');
    expect(synth(hub).some((o) => o.kind === 'Namespace')).toBe(false);
  });

  test('output is byte-identical whatever the declaration order, and across runs', () => {
    const a = Testing.app();
    const b = Testing.app();
    declare(a, false);
    declare(b, true);
    expect(a.synthYaml()).toEqual(b.synthYaml());
    const c = Testing.app();
    declare(c, false);
    expect(c.synthYaml()).toEqual(a.synthYaml());
  });

  test('fails for two objects with the same kind, namespace and name', () => {
    const { hub } = newHub();
    new ocm.ManagedCluster(hub, 'one', { name: 'dup' });
    new ocm.ManagedCluster(hub, 'two', { name: 'dup' });
    expect(() => Testing.synth(hub)).toThrow(/two objects are ManagedCluster "dup": hub\/one\/Resource and hub\/two\/Resource; the second would overwrite the first/);
  });

  test('fails for the same cluster declared twice and for unknown clusters', () => {
    const { hub } = newHub();
    hub.addCluster('c1');
    expect(() => hub.addCluster('c1')).toThrow(/ManagedCluster "c1": is declared twice on the hub/);
    expect(() => hub.cluster('c9')).toThrow(/ManagedCluster "c9": is not declared on hub "hub" \(declared: c1\)/);
    expect(() => hub.bind(hub.addClusterSet('s'))).toThrow(/needs at least one namespace/);
  });
});
