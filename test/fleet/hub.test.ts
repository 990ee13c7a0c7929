import { App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
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

  test('a placement\'s clusterSets give identical YAML whatever their order', () => {
    const yaml = (order: string[]) => {
      const { app, hub } = newHub();
      const sets = new Map(['dev', 'production', 'staging'].map((n) => [n, hub.addClusterSet(n)]));
      for (const set of sets.values()) hub.bind(set, 'apps');
      hub.addPlacement('web', { namespace: 'apps', clusterSets: order.map((n) => sets.get(n)!) });
      return app.synthYaml();
    };
    const a = yaml(['staging', 'dev', 'production']);
    expect(yaml(['production', 'staging', 'dev'])).toEqual(a);
    expect(a).toContain('clusterSets:\n    - dev\n    - production\n    - staging\n');
  });

  test('construct ids are unambiguous: namespace a-b + id c and namespace a + id b-c coexist', () => {
    const { hub } = newHub({ featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] });
    const set = hub.addClusterSet('s');
    hub.bind(set, 'a-b', 'a');
    const p1 = hub.addPlacement('c', { namespace: 'a-b' });
    const p2 = hub.addPlacement('b-c', { namespace: 'a' });
    hub.addManifestWorkReplicaSet('c', { namespace: 'a-b', objects: [CM], placements: [{ placement: p1 }] });
    hub.addManifestWorkReplicaSet('b-c', { namespace: 'a', objects: [CM], placements: [{ placement: p2 }] });
    hub.addPolicy('c', { namespace: 'a-b', templates: [template()], placements: [p1] });
    hub.addPolicy('b-c', { namespace: 'a', templates: [template()], placements: [p2] });
    const c1 = hub.addCluster('a-b');
    const c2 = hub.addCluster('a');
    hub.addManifestWork('c', { cluster: c1, objects: [CM] });
    hub.addManifestWork('b-c', { cluster: c2, objects: [CM] });
    // bindings: namespace a + set b-c vs namespace a-b + set c
    hub.bind(hub.addClusterSet('b-c'), 'a');
    hub.bind(hub.addClusterSet('c'), 'a-b');
    const objs = synth(hub);
    expect(find(objs, 'Placement', 'c', 'a-b')).toBeDefined();
    expect(find(objs, 'Placement', 'b-c', 'a')).toBeDefined();
    expect(find(objs, 'ManifestWork', 'c', 'a-b')).toBeDefined();
    expect(find(objs, 'ManifestWork', 'b-c', 'a')).toBeDefined();
    expect(find(objs, 'ManifestWorkReplicaSet', 'b-c', 'a')).toBeDefined();
    expect(find(objs, 'Policy', 'c', 'a-b')).toBeDefined();
    expect(find(objs, 'ManagedClusterSetBinding', 'b-c', 'a')).toBeDefined();
    expect(p1.node.id).toBe('Placement(a-b,c)');
    expect(p2.node.id).toBe('Placement(a,b-c)');
    expect(c1.node.id).toBe('Cluster(a-b)');
  });

  test('fails with a clear error when an add* helper declares the same id twice', () => {
    const { hub } = newHub();
    hub.bind(hub.addClusterSet('s'), 'apps');
    hub.addPlacement('web', { namespace: 'apps' });
    expect(() => hub.addPlacement('web', { namespace: 'apps' }))
      .toThrow('Placement "apps/web": is declared twice on hub "hub" (hub.addPlacement() with the same namespace and id: construct id "Placement(apps,web)"); use another id');
    hub.addCluster('x', { name: 'one' });
    expect(() => hub.addCluster('x', { name: 'two' })).toThrow(/ManagedCluster "two": is declared twice on hub "hub" \(hub.addCluster\(\) with the same id: construct id "Cluster\(x\)"\)/);
    expect(() => hub.addClusterManagementAddOn('a/b')).toThrow(/hub.addClusterManagementAddOn\(\) id "a\/b" contains "\/", which construct ids may not/);
  });

  test('fails with a clear error for missing or wrongly typed props of the add* helpers', () => {
    const { hub } = newHub();
    expect(() => (hub as any).addPlacement('web')).toThrow(`Placement "web": hub.addPlacement('web') needs props with at least a namespace, e.g. hub.addPlacement('web', { namespace: 'apps', ... })`);
    expect(() => hub.addPlacement('web', {} as any)).toThrow(`Placement "web": hub.addPlacement('web', ...) needs a namespace, e.g. { namespace: 'apps', ... }`);
    expect(() => hub.addManifestWork('w', { objects: [CM] } as any)).toThrow(`ManifestWork "w": needs the cluster it is for, got undefined; e.g. hub.addManifestWork('w', { cluster: hub.cluster('dc1-prod'), ... })`);
    expect(() => hub.addManifestWorkReplicaSet('w', { objects: [CM] } as any)).toThrow(/ManifestWorkReplicaSet "w": hub.addManifestWorkReplicaSet\('w', ...\) needs a namespace/);
    expect(() => hub.addPolicy('p', { templates: [template()] } as any)).toThrow(/Policy "p": hub.addPolicy\('p', ...\) needs a namespace/);
    expect(() => hub.bind(undefined as any, 'apps')).toThrow(`hub.bind(): the first argument must be a cluster set, got undefined; e.g. hub.bind(hub.addClusterSet('prod'), 'apps') or hub.bind(ManagedClusterSet.GLOBAL, 'apps')`);
    expect(() => hub.bind('prod' as any, 'apps')).toThrow(`hub.bind("prod"): the first argument is a string, not a cluster set; use hub.bind(ManagedClusterSet.fromName("prod"), ...) or the set hub.addClusterSet() returned`);
    expect(() => hub.addCluster('c1', { clusterSet: ocm.ManagedClusterSet.fromName('prod') as any }))
      .toThrow(/ManagedCluster "c1": clusterSet a plain object \(\{"name":"prod".*\) is not a ManagedClusterSet declared in this app/);
  });

  test('hub.cluster() finds clusters declared later and through modules, without sorting on each lookup', () => {
    const { hub } = newHub();
    for (let i = 0; i < 50; i++) hub.addCluster(`c${i}`);
    expect(hub.cluster('c7').name).toBe('c7');
    const module = new Construct(hub, 'module');
    new ocm.ManagedCluster(module, 'edge-1');
    hub.addCluster('c50');
    const sort = jest.spyOn(Array.prototype, 'sort');
    try {
      for (let i = 0; i <= 50; i++) expect(hub.cluster(`c${i}`).name).toBe(`c${i}`);
      expect(hub.cluster('edge-1').name).toBe('edge-1');
      expect(sort).not.toHaveBeenCalled();
    } finally {
      sort.mockRestore();
    }
    expect(hub.clusters.map((c) => c.name).slice(0, 3)).toEqual(['c0', 'c1', 'c10']);
    expect(hub.clusters).toHaveLength(52);
  });
});

const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } };

function template(): ocm.ConfigurationPolicy {
  return new ocm.ConfigurationPolicy({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'audit' } }] });
}

