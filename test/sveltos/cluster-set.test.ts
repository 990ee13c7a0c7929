import { Testing } from 'cdk8s';
import { LabelSelector } from '../../lib/core';
import { ManagedCluster } from '../../lib/ocm';
import { ClusterProfile, ClusterRef, ClusterSet, Profile, Set, SveltosCluster } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const prod = LabelSelector.matchLabels({ env: 'production' });

describe('sveltos.ClusterSet and sveltos.Set', () => {
  test('render selector, refs and maxReplicas; profiles reach the clusters the set picks', () => {
    const c = Testing.chart();
    for (const n of ['p3', 'p1', 'p2']) new SveltosCluster(c, n, { namespace: 'fleet', labels: { env: 'production' } });
    const cs = new ClusterSet(c, 'active', { clusterSelector: prod, clusterRefs: [ClusterRef.sveltosCluster('fleet', 'p3')], maxReplicas: 2 });
    const cp = new ClusterProfile(c, 'ingress', { setRefs: [cs] });
    const s = new Set(c, 'team', { namespace: 'fleet', clusterSelector: prod, maxReplicas: 1 });
    const p = new Profile(c, 'team-app', { namespace: 'fleet', setRefs: [s] });
    const objs = Testing.synth(c);
    expect(objs.find((o) => o.kind === 'ClusterSet')).toEqual({
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'ClusterSet',
      metadata: { name: 'active' },
      spec: {
        clusterSelector: { matchLabels: { env: 'production' } },
        clusterRefs: [{ apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', namespace: 'fleet', name: 'p3' }],
        maxReplicas: 2,
      },
    });
    expect(objs.find((o) => o.kind === 'Set').metadata).toEqual({ name: 'team', namespace: 'fleet' });
    expect(cp.reachedClusters().map((r) => r.name)).toEqual(['p1', 'p2']);
    expect(p.reachedClusters().map((r) => r.name)).toEqual(['p1']);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('fails without maxReplicas (Sveltos then selects nothing)', () => {
    expect(() => new ClusterSet(Testing.chart(), 'x', { clusterSelector: prod } as any))
      .toThrow(/ClusterSet "x": maxReplicas is undefined; Sveltos selects no cluster when maxReplicas is missing or 0/);
    expect(() => new Set(Testing.chart(), 'x', { namespace: 'team', clusterSelector: prod, maxReplicas: 0 }))
      .toThrow(/Set "team\/x": maxReplicas is 0/);
  });

  test('fails with an empty clusterSelector, or with nothing to select', () => {
    expect(() => new ClusterSet(Testing.chart(), 'x', { clusterSelector: LabelSelector.all(), maxReplicas: 1 })).toThrow(/clusterSelector is empty, and Sveltos matches no cluster/);
    expect(() => new ClusterSet(Testing.chart(), 'y', { maxReplicas: 1 })).toThrow(/has neither clusterSelector nor clusterRefs/);
  });

  test('fails when a Set references a cluster outside its namespace', () => {
    expect(() => new Set(Testing.chart(), 'x', { namespace: 'team', clusterRefs: [ClusterRef.sveltosCluster('other', 'c')], maxReplicas: 1 }))
      .toThrow(/Set "team\/x": clusterRef SveltosCluster "other\/c" is outside the Set's namespace "team"/);
  });

  test('fails with a missing clusterRef or a ManagedCluster in clusterRefs', () => {
    expect(() => new ClusterSet(Testing.chart(), 'x', { clusterRefs: [undefined as any], maxReplicas: 1 }))
      .toThrow(/ClusterSet "x": a clusterRef needs namespace, name, apiVersion and kind, got undefined; use a SveltosCluster, SveltosCluster.fromName\(namespace, name\) or ClusterRef.capiCluster\(namespace, name\)/);
    const c = Testing.chart();
    expect(() => new ClusterSet(c, 'y', { clusterRefs: [new ManagedCluster(c, 'prod-1') as any], maxReplicas: 1 }))
      .toThrow(/ClusterSet "y": clusterRef ManagedCluster "prod-1" is an OCM cluster, not a cluster Sveltos programs; reference the SveltosCluster that stands for it: registrationChain.sveltosClusterRef\(cluster\)/);
    expect(() => new Set(Testing.chart(), 'z', { namespace: 'fleet', clusterRefs: [ManagedCluster.fromName('prod-1') as any], maxReplicas: 1 }))
      .toThrow(/Set "fleet\/z": clusterRef ManagedCluster "prod-1" is an OCM cluster/);
    expect(() => new ClusterSet(Testing.chart(), 'w', { clusterRefs: ClusterRef.sveltosCluster('fleet', 'p1') as any, maxReplicas: 1 }))
      .toThrow(/ClusterSet "w": clusterRefs must be a list/);
  });
});
