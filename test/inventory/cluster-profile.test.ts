import { Testing } from 'cdk8s';
import { ClusterManager, FeatureGate } from '../../lib/ocm';
import { ClusterProfile, InventoryLabels, InventoryNamespace } from '../../lib/inventory';
import { validateObjects } from '../support/crd-schema';

describe('inventory.ClusterProfile', () => {
  test('renders spec and labels only, the cluster-manager label equal to spec.clusterManager.name', () => {
    const c = Testing.chart();
    new ClusterManager(c, 'cm', { enable: [FeatureGate.CLUSTER_PROFILE] });
    new InventoryNamespace(c, 'cluster-inventory', { clusterSet: 'global' });
    new ClusterProfile(c, 'prod-1', { namespace: 'cluster-inventory', labels: { env: 'production' } });
    const objs = Testing.synth(c);
    const cp = objs.find((o) => o.kind === 'ClusterProfile');
    expect(cp).toEqual({
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      kind: 'ClusterProfile',
      metadata: { name: 'prod-1', namespace: 'cluster-inventory', labels: { env: 'production', 'x-k8s.io/cluster-manager': 'open-cluster-management' } },
      spec: { displayName: 'prod-1', clusterManager: { name: 'open-cluster-management' } },
    });
    expect(cp.status).toBeUndefined();
    expect(objs.find((o) => o.kind === 'Namespace').metadata).toEqual({ name: 'cluster-inventory', labels: { [InventoryLabels.CLUSTER_SET]: 'global' } });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('another cluster manager needs no OCM feature gate', () => {
    const c = Testing.chart();
    new ClusterProfile(c, 'm1', { namespace: 'fleet-system', clusterManagerName: 'KubeFleet', displayName: 'Member 1' });
    const o = Testing.synth(c)[0];
    expect(o.metadata.labels).toEqual({ 'x-k8s.io/cluster-manager': 'KubeFleet' });
    expect(o.spec).toEqual({ displayName: 'Member 1', clusterManager: { name: 'KubeFleet' } });
  });

  test('fails without FeatureGate.CLUSTER_PROFILE on the ClusterManager', () => {
    const c = Testing.chart();
    new ClusterManager(c, 'cm');
    new ClusterProfile(c, 'prod-1', { namespace: 'cluster-inventory' });
    expect(() => Testing.synth(c)).toThrow(/ClusterProfile "cluster-inventory\/prod-1": an inventory ClusterProfile managed by OCM needs the registration feature gate ClusterProfile, but ClusterManager "cluster-manager" does not enable it; enable it with clusterManager.enable\(FeatureGate.CLUSTER_PROFILE\)/);
  });

  test('fails with a cluster-manager label that differs from spec.clusterManager.name', () => {
    expect(() => new ClusterProfile(Testing.chart(), 'x', { namespace: 'inv', labels: { 'x-k8s.io/cluster-manager': 'other' } }))
      .toThrow(/label x-k8s.io\/cluster-manager=other differs from spec.clusterManager.name "open-cluster-management"/);
  });

  test('fails without props instead of a TypeError', () => {
    expect(() => new (ClusterProfile as any)(Testing.chart(), 'prod-1')).toThrow(/inventory ClusterProfile "prod-1": needs props with at least the inventory namespace/);
    expect(() => new (InventoryNamespace as any)(Testing.chart(), 'inv')).toThrow(/Namespace "inv": needs clusterSet: the cluster set whose ClusterProfiles the namespace holds/);
  });
});
