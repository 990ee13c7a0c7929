import { Testing } from 'cdk8s';
import { buildFleet, EDGE_TAINT, NAMESPACES } from '../examples/fleet';
import { validateObjects } from './support/crd-schema';

describe('example fleet', () => {
  const { hub } = buildFleet({ outdir: 'unused' });
  const objects = Testing.synth(hub);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);

  test('every emitted object validates against its upstream CRD', () => {
    expect(validateObjects(objects)).toEqual([]);
    expect(objects.some((o) => 'status' in o)).toBe(false);
  });

  test('twelve clusters in two data centres, each in its environment set', () => {
    const clusters = of('ManagedCluster');
    expect(clusters).toHaveLength(12);
    const byDc = (dc: string) => clusters.filter((c) => c.metadata.labels.dc === dc).map((c) => c.metadata.name);
    expect(byDc('dc1')).toEqual(['dc1-dev', 'dc1-edge-paint', 'dc1-edge-press', 'dc1-prod-1', 'dc1-prod-2', 'dc1-staging']);
    expect(byDc('dc2')).toHaveLength(6);
    for (const c of clusters) {
      const env = c.metadata.labels.env;
      expect(c.metadata.labels['cluster.open-cluster-management.io/clusterset']).toBe(env === 'edge' ? 'edge' : env);
    }
    const edge = clusters.filter((c) => c.metadata.labels.env === 'edge');
    expect(edge).toHaveLength(4);
    for (const c of edge) expect(c.spec.taints).toEqual([{ key: EDGE_TAINT, value: 'true', effect: 'NoSelect' }]);
  });

  test('placements are bound, edge-only tolerates the edge taint, production rolls out canaries first', () => {
    const bindings = of('ManagedClusterSetBinding').map((b) => `${b.metadata.namespace}/${b.metadata.name}`);
    expect(bindings).toEqual(['edge-ops/edge', 'fleet-apps/dev', 'fleet-apps/production', 'fleet-apps/staging', 'fleet-policies/production']);
    const edgeOnly = of('Placement').find((p) => p.metadata.name === 'edge-only')!;
    expect(edgeOnly.metadata.namespace).toBe(NAMESPACES.edge);
    expect(edgeOnly.spec.tolerations[0]).toEqual({ key: EDGE_TAINT, operator: 'Exists' });
    const mwrs = of('ManifestWorkReplicaSet')[0];
    expect(mwrs.spec.placementRefs[0]).toEqual({
      name: 'all-production',
      rolloutStrategy: {
        type: 'ProgressivePerGroup',
        progressivePerGroup: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxFailures: 0, minSuccessTime: '5m', progressDeadline: '10m' },
      },
    });
    const cm = of('ClusterManager')[0];
    expect(cm.spec.workConfiguration.featureGates).toEqual([{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }]);
  });

  test('synthesizes byte-identically twice', () => {
    const a = buildFleet({ outdir: 'unused' }).app.synthYaml();
    const b = buildFleet({ outdir: 'unused' }).app.synthYaml();
    expect(a).toEqual(b);
  });
});
