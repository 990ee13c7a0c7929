import { Testing } from 'cdk8s';
import { Duration, LabelSelector } from '../../lib/core';
import { ClusterManager, FeatureGate, ManagedCluster, ManagedClusterSet, ManagedClusterSetBinding } from '../../lib/ocm';
import { ClusterRegistration, InventoryLabels, RegistrationChain, RegistrationChainKind } from '../../lib/inventory';
import { ClusterProfile } from '../../lib/sveltos';
import { Hub } from '../../lib/fleet';
import { validateObjects } from '../support/crd-schema';

function hubWith(chain: RegistrationChain) {
  const c = Testing.chart();
  new ClusterManager(c, 'cm', { enable: [FeatureGate.CLUSTER_PROFILE] });
  const prodSet = new ManagedClusterSet(c, 'prod');
  const p1 = new ManagedCluster(c, 'prod-1', { labels: { env: 'production', region: 'eu' }, claims: { 'platform.open-cluster-management.io': 'AWS' } });
  prodSet.addCluster(p1);
  const d1 = new ManagedCluster(c, 'dev-1', { labels: { env: 'dev', region: 'us' } });
  return { c, p1, d1, prodSet, chain };
}

/** A hub whose clusters register through sveltos-ocm-addon, its add-on declared (so the plan sees where it is installed). */
function ocmAddonHub(chain: RegistrationChain) {
  const hub = new Hub(Testing.app(), 'hub', { sveltosRegistration: chain, declareChainAddOns: true });
  const prodSet = hub.addClusterSet('prod');
  hub.addCluster('prod-1', { labels: { env: 'production', region: 'eu' }, claims: { 'platform.open-cluster-management.io': 'AWS' }, clusterSet: prodSet });
  hub.addCluster('dev-1', { labels: { env: 'dev', region: 'us' } });
  return hub;
}

describe('RegistrationChain', () => {
  test('says which labels a Sveltos selector sees for a declared cluster, per chain', () => {
    const { p1 } = hubWith(RegistrationChain.inventory());
    expect(RegistrationChain.inventory().sveltosClusterLabels(p1)).toEqual({
      env: 'production',
      region: 'eu',
      'cluster.open-cluster-management.io/clusterset': 'prod',
      'x-k8s.io/cluster-manager': 'open-cluster-management',
      'open-cluster-management.io/cluster-name': 'prod-1',
      'multicluster.x-k8s.io/clusterset': 'prod',
      'clusterinventory.projectsveltos.io/managed-by': 'clusterinventory-controller',
    });
    expect(RegistrationChain.inventory({ copyLabels: ['env'] }).sveltosClusterLabels(p1)).not.toHaveProperty('region');
    expect(RegistrationChain.sveltosOcmAddon().sveltosClusterLabels(p1)).toEqual(p1.labels);
    expect(RegistrationChain.sveltosOcmAddon({ labelSync: false }).sveltosClusterLabels(p1)).toEqual({});
    expect(RegistrationChain.direct({ copyLabels: ['region'] }).sveltosClusterLabels(p1)).toEqual({ region: 'eu' });
    const ref = RegistrationChain.sveltosOcmAddon().sveltosClusterRef(p1);
    expect([ref.namespace, ref.name, ref.clusterKind]).toEqual(['prod-1', 'prod-1', 'SveltosCluster']);
    expect(RegistrationChain.inventory({ namespace: 'inv' }).sveltosClusterRef(p1).namespace).toBe('inv');
  });

  test('the sveltos-ocm-addon chain carries its */*/* and label warnings', () => {
    const w = RegistrationChain.sveltosOcmAddon().warnings.join('\n');
    expect(w).toMatch(/apiGroups \["\*"\], resources \["\*"\], verbs \["\*"\]/);
    expect(w).toMatch(/never removes one/);
    expect(RegistrationChain.direct().warnings).toEqual([]);
  });
});

describe('ClusterRegistration', () => {
  test('inventory: a labelled ClusterProfile, a synced ManagedServiceAccount and spoke RBAC per member', () => {
    const { c, p1, d1, prodSet } = hubWith(RegistrationChain.inventory({ clusterSet: undefined }));
    new ManagedClusterSetBinding(c, 'b', { clusterSet: prodSet, namespace: 'inv' });
    const reg = new ClusterRegistration(c, 'reg', { chain: RegistrationChain.inventory({ namespace: 'inv', clusterSet: prodSet }), clusters: [p1, d1] });
    const objs = Testing.synth(c);
    const cp = objs.find((o) => o.kind === 'ClusterProfile');
    expect(cp.metadata).toEqual({
      name: 'prod-1',
      namespace: 'inv',
      labels: {
        'cluster.open-cluster-management.io/clusterset': 'prod',
        env: 'production',
        'multicluster.x-k8s.io/clusterset': 'prod',
        'open-cluster-management.io/cluster-name': 'prod-1',
        region: 'eu',
        'x-k8s.io/cluster-manager': 'open-cluster-management',
      },
    });
    expect(objs.filter((o) => o.kind === 'ClusterProfile')).toHaveLength(1);
    expect(objs.find((o) => o.kind === 'ManagedServiceAccount').metadata).toEqual({ name: 'sveltos', namespace: 'prod-1', labels: { [InventoryLabels.SYNC_TO_CLUSTER_PROFILE]: 'true' } });
    const work = objs.find((o) => o.kind === 'ManifestWork');
    expect(work.metadata).toEqual({ name: 'sveltos-rbac', namespace: 'prod-1' });
    expect(work.spec.workload.manifests[0]).toMatchObject({ kind: 'ClusterRoleBinding', roleRef: { name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'sveltos', namespace: 'open-cluster-management-agent-addon' }] });
    expect(reg.clusters.map((x) => x.name)).toEqual(['prod-1']);
    expect(reg.warnings.join('\n')).toMatch(/ManagedCluster "dev-1" is not in cluster set "prod"/);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('direct: one SveltosCluster per cluster, Secret by reference', () => {
    const { c, p1, d1 } = hubWith(RegistrationChain.direct());
    new ClusterRegistration(c, 'reg', { chain: RegistrationChain.direct({ namespace: 'fleet', tokenRequestRenewalOption: { renewInterval: Duration.hours(12) } }), clusters: [p1, d1] });
    const objs = Testing.synth(c).filter((o) => o.kind === 'SveltosCluster');
    expect(objs.map((o) => `${o.metadata.namespace}/${o.metadata.name} ${o.spec.kubeconfigName}`)).toEqual([
      'fleet/prod-1 prod-1-sveltos-kubeconfig',
      'fleet/dev-1 dev-1-sveltos-kubeconfig',
    ]);
    expect(objs[0].metadata.labels).toEqual({ 'cluster.open-cluster-management.io/clusterset': 'prod', env: 'production', region: 'eu' });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('sveltos-ocm-addon: nothing per cluster, a SveltosCluster in each cluster namespace', () => {
    const hub = ocmAddonHub(RegistrationChain.sveltosOcmAddon());
    const cp = hub.addSveltosAddon('eu', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }) });
    expect(Testing.synth(hub).filter((o) => o.kind === 'SveltosCluster' || o.kind === 'ManagedServiceAccount' || o.apiVersion.startsWith('multicluster.x-k8s.io'))).toEqual([]);
    expect(cp.reachedClusters()).toEqual([{ namespace: 'prod-1', name: 'prod-1', managedCluster: 'prod-1', via: 'registration chain "sveltos-ocm-addon"' }]);
  });

  test('fails on a selector over a ClusterClaim', () => {
    const hub = ocmAddonHub(RegistrationChain.sveltosOcmAddon());
    hub.addSveltosAddon('aws', { clusterSelector: LabelSelector.in('platform.open-cluster-management.io', 'AWS') });
    expect(() => Testing.synth(hub)).toThrow(/FLEET011 ClusterProfile aws: clusterSelector uses "platform.open-cluster-management.io", which is a ClusterClaim of ManagedCluster "prod-1", not a label; no registration chain copies claims to SveltosClusters/);
  });

  test('fails on a label the chosen chain never puts on SveltosClusters', () => {
    const { c, p1, d1, prodSet } = hubWith(RegistrationChain.inventory());
    new ManagedClusterSetBinding(c, 'b', { clusterSet: prodSet, namespace: 'inv' });
    new ClusterRegistration(c, 'reg', { chain: RegistrationChain.inventory({ namespace: 'inv', clusterSet: prodSet, copyLabels: ['env'] }), clusters: [p1, d1] });
    new ClusterProfile(c, 'eu', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }) });
    expect(() => Testing.synth(c)).toThrow(/FLEET011 ClusterProfile eu: clusterSelector uses label "region"; ManagedCluster "dev-1", "prod-1" carries it, but no SveltosCluster will, so the selector matches nothing. Fix: have the registration chain copy that label/);
  });

  test('fails on any label when sveltos-ocm-addon labelSync is off', () => {
    const hub = ocmAddonHub(RegistrationChain.sveltosOcmAddon({ labelSync: false }));
    hub.addSveltosAddon('production', { clusterSelector: LabelSelector.matchLabels({ env: 'production' }) });
    expect(() => Testing.synth(hub)).toThrow(/clusterSelector uses label "env"; ManagedCluster "dev-1", "prod-1" carries it, but no SveltosCluster will/);
  });

  test('fails when the inventory namespace has no binding of the set', () => {
    const { c, p1 } = hubWith(RegistrationChain.inventory());
    new ClusterRegistration(c, 'reg', { chain: RegistrationChain.inventory(), clusters: [p1] });
    expect(() => Testing.synth(c)).toThrow(/the inventory chain needs ManagedClusterSet "global" bound into namespace "cluster-inventory"/);
  });

  test('fails when cluster labels change after registration', () => {
    const { c, p1 } = hubWith(RegistrationChain.direct());
    new ClusterRegistration(c, 'reg', { chain: RegistrationChain.direct(), clusters: [p1] });
    p1.addLabel('tier', 'gold');
    expect(() => Testing.synth(c)).toThrow(/ManagedCluster "prod-1": its labels changed after it was registered with the direct chain/);
  });

  test('fails when a profile reaches one spoke through two SveltosClusters (OCM ClusterProfiles in another bound namespace)', () => {
    const { c, p1, prodSet } = hubWith(RegistrationChain.inventory());
    new ManagedClusterSetBinding(c, 'b', { clusterSet: prodSet, namespace: 'inv' });
    new ManagedClusterSetBinding(c, 'apps', { clusterSet: prodSet, namespace: 'apps' });
    new ClusterRegistration(c, 'reg', { chain: RegistrationChain.inventory({ namespace: 'inv', clusterSet: prodSet }), clusters: [p1] });
    const byName = new ClusterProfile(c, 'by-name', { clusterSelector: LabelSelector.matchLabels({ 'open-cluster-management.io/cluster-name': 'prod-1' }) });
    expect(byName.reachedClusters().map((r) => `${r.namespace}/${r.name}`)).toEqual(['apps/prod-1', 'inv/prod-1']);
    expect(() => Testing.synth(c)).toThrow(/FLEET013 ClusterProfile by-name: reaches cluster prod-1 2 times \(Sveltos:apps\/prod-1, Sveltos:inv\/prod-1\): the spoke is registered with Sveltos more than once/);
    expect(RegistrationChainKind.INVENTORY).toBe('inventory');
  });

  test('fails without a chain, or with something else than a ManagedCluster, instead of a TypeError', () => {
    expect(() => new (ClusterRegistration as any)(Testing.chart(), 'reg')).toThrow(/ClusterRegistration "reg": chain must be RegistrationChain.inventory\(\), .sveltosOcmAddon\(\) or .direct\(\), got none/);
    const reg = new ClusterRegistration(Testing.chart(), 'reg', { chain: RegistrationChain.direct() });
    expect(() => reg.addCluster(undefined as any)).toThrow(/ClusterRegistration "reg": needs a ManagedCluster \(a declared one or ManagedCluster.fromName\(name\)\), got undefined/);
    expect(() => new ClusterRegistration(Testing.chart(), 'r2', { chain: RegistrationChain.direct(), clusters: ['prod-1' as any] })).toThrow(/needs a ManagedCluster .*got "prod-1"/);
    expect(() => RegistrationChain.inventory().sveltosClusterLabels(undefined as any)).toThrow(/RegistrationChain "inventory": needs a ManagedCluster/);
    expect(() => RegistrationChain.sveltosOcmAddon({ tokenValidity: '24h' as any })).toThrow(/RegistrationChain.sveltosOcmAddon: tokenValidity must be a Duration, got "24h"/);
  });
});
