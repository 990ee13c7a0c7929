import { Testing } from 'cdk8s';
import { Duration } from '../../lib/core';
import { ClusterManagementAddOn, ManagedCluster, Placement } from '../../lib/ocm';
import { InventoryAddOns, ManagedServiceAccount, SveltosOcmCluster } from '../../lib/inventory';
import { validateObjects } from '../support/crd-schema';

describe('OCM fan-in helpers', () => {
  test('cluster-proxy, managed-serviceaccount and sveltos-ocm-addon install by placement', () => {
    const c = Testing.chart();
    const p = Placement.fromName('cluster-inventory', 'inventory-addons');
    new ClusterManagementAddOn(c, 'proxy', InventoryAddOns.clusterProxy(p));
    new ClusterManagementAddOn(c, 'msa', InventoryAddOns.managedServiceAccount(p));
    const cfg = new SveltosOcmCluster(c, 'cfg', { tokenValidity: Duration.hours(24), shard: 'eu' });
    new ClusterManagementAddOn(c, 'ocm', InventoryAddOns.sveltosOcmAddon(cfg, p));
    const objs = Testing.synth(c);
    const byName = (n: string) => objs.find((o) => o.metadata.name === n);
    expect(byName('cluster-proxy').metadata.annotations).toEqual({ 'addon.open-cluster-management.io/lifecycle': 'addon-manager' });
    expect(byName('cluster-proxy').spec.installStrategy).toEqual({
      type: 'Placements',
      placements: [{ name: 'inventory-addons', namespace: 'cluster-inventory', rolloutStrategy: { type: 'All' } }],
    });
    expect(byName('cluster-proxy').spec.supportedConfigs[0]).toEqual({ group: 'proxy.open-cluster-management.io', resource: 'managedproxyconfigurations', defaultConfig: { name: 'cluster-proxy' } });
    expect(byName('managed-serviceaccount').spec.installStrategy.type).toBe('Placements');
    expect(byName('sveltos-ocm-addon').spec.installStrategy.placements[0].configs).toEqual([
      { group: 'sveltos.open-cluster-management.io', resource: 'sveltosocmclusters', name: 'default', namespace: 'open-cluster-management' },
    ]);
    expect(objs.find((o) => o.kind === 'SveltosOCMCluster')).toEqual({
      apiVersion: 'sveltos.open-cluster-management.io/v1alpha1',
      kind: 'SveltosOCMCluster',
      metadata: { name: 'default', namespace: 'open-cluster-management' },
      spec: { tokenValidity: '24h', labelSync: true, shard: 'eu' },
    });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('ManagedServiceAccount is labelled for sync to the inventory', () => {
    const c = Testing.chart();
    const cluster = new ManagedCluster(c, 'prod-1');
    new ManagedServiceAccount(c, 'sveltos', { cluster, validity: Duration.hours(720) });
    new ManagedServiceAccount(c, 'other', { cluster, syncToClusterProfile: false });
    const objs = Testing.synth(c).filter((o) => o.kind === 'ManagedServiceAccount');
    expect(objs[0]).toEqual({
      apiVersion: 'authentication.open-cluster-management.io/v1beta1',
      kind: 'ManagedServiceAccount',
      metadata: { name: 'sveltos', namespace: 'prod-1', labels: { 'authentication.open-cluster-management.io/sync-to-clusterprofile': 'true' } },
      spec: { rotation: { validity: '720h' } },
    });
    expect(objs[1].metadata.labels).toBeUndefined();
    expect(objs[1].spec).toEqual({ rotation: {} });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('fails with a ManagedServiceAccount without props or cluster instead of a TypeError', () => {
    expect(() => new (ManagedServiceAccount as any)(Testing.chart(), 'sveltos')).toThrow(/ManagedServiceAccount "sveltos": needs cluster: the ManagedCluster whose hub namespace holds it/);
    expect(() => new ManagedServiceAccount(Testing.chart(), 'sveltos', {} as any)).toThrow(/ManagedServiceAccount "sveltos": needs cluster/);
  });

  test('fails with durations given as text instead of a Duration', () => {
    expect(() => new ManagedServiceAccount(Testing.chart(), 'sveltos', { cluster: ManagedCluster.fromName('prod-1'), validity: '720h' as any }))
      .toThrow(/ManagedServiceAccount "prod-1\/sveltos": validity must be a positive Duration, got "720h"; use e.g. Duration.hours\(720\)/);
    expect(() => new SveltosOcmCluster(Testing.chart(), 'cfg', { tokenValidity: '24h' as any })).toThrow(/SveltosOCMCluster "open-cluster-management\/default": tokenValidity must be a Duration, got "24h"/);
  });
});
